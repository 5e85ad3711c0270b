import { ERROR_MESSAGES, renderError, type ErrorKey, type Locale } from './errors';

/*
 * The importers (lib/ingest) write their reject reasons, notes and failures in English: the CLI prints them and the
 * rejects CSV keeps them (../shared/contract.md). The admin import page says them in Russian through this table: a
 * sentence's shape (a regular expression over the English) and its Russian, with the captured values carried over.
 * Places come first and are peeled off one at a time (`line 4, row 3: `, `column "X": `, `field "X": `,
 * `invalid geometry: `), so one rule serves every column and every importer. A sentence no rule knows stays English
 * (never lost); tests/unit/import-texts.test.ts lists the sentences the table must know.
 */

type Rule = [RegExp, (...m: string[]) => string];

/** A value quoted the Russian way; values pass through as they were written. */
const q = (s: string) => `«${s}»`;

const PLURAL = new Intl.PluralRules('ru-RU');
/** `n` and its noun in the Russian form for it: 1 строка, 2 строки, 5 строк. */
function count(n: string, one: string, few: string, many: string): string {
  const form = PLURAL.select(Number(n));
  return `${n} ${form === 'one' ? one : form === 'few' ? few : many}`;
}
const rows = (n: string) => count(n, 'строка', 'строки', 'строк');
const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** What the value cleaner repaired (lib/ingest/cleanValues.ts). */
const REPAIRS: Record<string, string> = {
  'double-encoded UTF-8 (such as "Â" before a no-break space) decoded':
    'дважды закодированный UTF-8 (например, «Â» перед неразрывным пробелом) раскодирован',
  'no-break spaces made plain spaces': 'неразрывные пробелы заменены обычными',
  'zero-width characters removed': 'удалены символы нулевой ширины',
  'object replacement characters (U+FFFC) removed': 'удалены знаки замены объекта (U+FFFC)',
};

/** A place before the sentence: what it is called in Russian and the rest of the text, or null. */
const PLACES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  // The file a command-line import names first (PmapError.oneLine: "file.csv, line 4: …").
  [/^([^,:]+\.(?:csv|tsv|txt|json|ndjson|jsonl|geojson|zip|shp))(, |: )/i, (m) => `${m[1]}${m[2]}`],
  [/^line (\d+), /, (m) => `строка ${m[1]}, `],
  [/^line (\d+): /, (m) => `строка ${m[1]}: `],
  [/^row (\d+), /, (m) => `запись ${m[1]}, `],
  [/^row (\d+): /, (m) => `запись ${m[1]}: `],
  [/^column "([^"]*)": /, (m) => `столбец ${q(m[1])}: `],
  [/^field "([^"]*)": /, (m) => `поле ${q(m[1])}: `],
  [/^invalid geometry: /, () => 'неверная геометрия: '],
];

const RULES: Rule[] = [
  // Values of one row.
  [/^cannot parse date "(.*)" as (.+)$/, (v, how) => `дата ${q(v)} не читается как ${how}`],
  [/^the external id is empty$/, () => 'пустой номер (внешний id)'],
  [/^the creation date is empty$/, () => 'пустая дата создания'],
  [/^the creation date (\S+) is in the future$/, (d) => `дата создания ${d} — в будущем`],
  [/^the name is empty$/, () => 'пустое название'],
  [/^the address is empty$/, () => 'пустой адрес'],
  [/^the value is empty$/, () => 'пустое значение'],
  [/^cannot read a house number in "(.*)"$/, (v) => `не удалось прочитать номер дома в ${q(v)}`],
  [/^expected two numbers, got "(.*)"$/, (v) => `ожидались два числа, получено ${q(v)}`],
  [
    /^"(.*)" is neither yes nor no \(set "true_values" \/ "false_values" in the mapping\)$/,
    (v) => `${q(v)} — ни «да», ни «нет» (задайте "true_values" / "false_values" в сопоставлении)`,
  ],
  [/^"(.*)" is not an IANA time zone name$/, (v) => `${q(v)} — не название часового пояса IANA`],
  [/^"(.*)" is not a year$/, (v) => `${q(v)} — не год`],
  [
    /^unknown status "(.*)" \(expected (.+); add it to "statuses" in the mapping\)$/,
    (v, list) => `неизвестный статус ${q(v)} (ожидается ${list}; добавьте его в "statuses" в сопоставлении)`,
  ],
  [
    /^unknown owner "(.*)" \(expected (.+); add it to "owners" in the mapping\)$/,
    (v, list) => `неизвестный владелец ${q(v)} (ожидается ${list}; добавьте его в "owners" в сопоставлении)`,
  ],
  [/^the rating "(.*)" is not a number$/, (v) => `оценка ${q(v)} — не число`],
  [
    /^the rating (\S+) is outside the scale (\S+) \(worst\) … (\S+) \(best\)$/,
    (v, lo, hi) => `оценка ${v} вне шкалы ${lo} (худшая) … ${hi} (лучшая)`,
  ],
  [
    /^the value contains a NUL byte \(\\0\), which cannot be stored$/,
    () => 'значение содержит нулевой байт (\\0), его нельзя сохранить',
  ],
  [
    /^the value has (\d+) characters, more than the limit of (\d+) \(PMAP_MAX_FIELD_CHARS\)$/,
    (n, max) => `символов в значении: ${n}, больше предела ${max} (PMAP_MAX_FIELD_CHARS)`,
  ],
  [/^(.+) is not one of (.+)$/, (v, list) => `${v} — не из списка: ${list}`],
  [/^(.+) is not a finite number$/, (v) => `${v} — не число`],
  [/^(.+) is not a whole number$/, (v) => `${v} — не целое число`],
  [/^(.+) is too large to store$/, (v) => `${v} — слишком большое число`],
  [/^(.+) is outside (.+) … (.+)$/, (v, lo, hi) => `${v} вне диапазона ${lo} … ${hi}`],
  [/^not valid GeoJSON$/, () => 'не GeoJSON'],
  // What a table would refuse (lib/ingest/constraints.ts), after its `field "X": `.
  [
    /^([\d,]+) bytes, more than the ([\d,]+) bytes a key may have \(the database indexes it\)$/,
    (n, max) => `${n} байт, больше ${max} байт, допустимых для ключа (база данных его индексирует)`,
  ],
  [
    /^the date "(.*)" cannot be stored \(the year has more than four digits or is negative\)$/,
    (v) => `дату ${q(v)} нельзя сохранить (в годе больше четырёх цифр, или он отрицательный)`,
  ],
  [
    /^the date is in the year (\d+), before (\d+) \(a typo\?\)$/,
    (y, min) => `дата — в ${y} году, раньше ${min} (опечатка?)`,
  ],
  [
    /^(the row|the value) holds a NUL byte or an unpaired UTF-16 surrogate, which cannot be stored$/,
    (what) =>
      `${what === 'the row' ? 'строка содержит' : 'значение содержит'} нулевой байт или половину символа UTF-16, их нельзя сохранить`,
  ],
  [/^"(.*)" is not true or false$/, (v) => `${q(v)} — не true и не false`],
  [/^the value is nested more than (\d+) levels deep$/, (n) => `вложенность значения больше ${n} уровней`],
  [/^the point is not \[lon, lat\] in range$/, () => 'точка — не [долгота, широта] в допустимых пределах'],
  [/^no lines$/, () => 'нет линий'],
  [
    /^the polygon has no area \(its rings collapse to lines or points\)$/,
    () => 'у полигона нет площади (его контуры вырождаются в линии или точки)',
  ],
  [
    /^not a readable zipped Shapefile: the zip is damaged or cut short \(no end-of-archive record\)$/,
    () => 'не читается как Shapefile в zip: архив повреждён или обрезан (нет записи конца архива)',
  ],
  [
    /^the import stopped on an unexpected error, nothing was imported: (.+)$/,
    (d) => `импорт остановлен непредвиденной ошибкой, ничего не сохранено: ${d}`,
  ],
  // Coordinates and geometry.
  [
    /^only one coordinate given \(lat (.*), lon (.*)\)$/,
    (lat, lon) =>
      `указана только одна координата (широта ${lat === 'empty' ? 'пусто' : lat}, долгота ${lon === 'empty' ? 'пусто' : lon})`,
  ],
  [/^a coordinate is not a number$/, () => 'координата — не число'],
  [
    /^coordinates out of range \(lat (\S+), lon (\S+)\)$/,
    (lat, lon) => `координаты вне допустимых значений (широта ${lat}, долгота ${lon})`,
  ],
  [
    /^coordinates out of range \(lon (\S+), lat (\S+)\): a projected file needs its \.prj$/,
    (lon, lat) => `координаты вне допустимых значений (долгота ${lon}, широта ${lat}): файлу в проекции нужен его .prj`,
  ],
  [
    /^coordinates look swapped \(lat (\S+), lon (\S+)\)(?:: the file's latitude and longitude columns are swapped \((\d+) of the first (\d+) located rows[^)]*\))?.*set "(\w+)": true in the mapping to swap them$/,
    (lat, lon, k, n, option) =>
      `широта и долгота, похоже, перепутаны (широта ${lat}, долгота ${lon})${k ? `: столбцы широты и долготы в файле перепутаны (${k} из первых ${n} строк с координатами лежат в регионе данных, только если их поменять местами)` : ''}; задайте "${option}": true в сопоставлении, чтобы поменять их`,
  ],
  [
    /^no coordinates: a gazetteer entry needs lat\/lon \(or a Point geometry\)$/,
    () => 'нет координат: записи адресного реестра нужны широта и долгота (или геометрия Point)',
  ],
  [
    /^no geometry: a road segment needs a LineString or MultiLineString$/,
    () => 'нет геометрии: участку дороги нужна линия (LineString или MultiLineString)',
  ],
  [
    /^no segment: column "([^"]*)" is empty and the row has no geometry$/,
    (c) => `нет участка: столбец ${q(c)} пуст, и у строки нет геометрии`,
  ],
  [
    /^expected a Point with two coordinates, got (.+)$/,
    (got) => `ожидается точка (Point) с двумя координатами, получено ${got}`,
  ],
  [/^expected a Point, got (.+)$/, (got) => `ожидается точка (Point), получено ${got}`],
  [
    /^expected a LineString or MultiLineString, got (.+)$/,
    (got) => `ожидается линия (LineString или MultiLineString), получено ${got}`,
  ],
  [
    /^expected a LineString, MultiLineString or Point, got (.+)$/,
    (got) => `ожидается линия или точка (LineString, MultiLineString или Point), получено ${got}`,
  ],
  [
    /^expected Polygon or MultiPolygon, got (.+)$/,
    (got) => `ожидается полигон (Polygon или MultiPolygon), получено ${got}`,
  ],
  [/^expected (.+), got (.+)$/, (want, got) => `ожидается ${want}, получено ${got}`],
  [/^the feature has no geometry$/, () => 'у объекта нет геометрии'],
  [/^no polygons$/, () => 'нет полигонов'],
  [/^a polygon has no rings$/, () => 'у полигона нет контуров'],
  [/^a line is not an array of positions$/, () => 'линия — не список точек'],
  [/^a position is not two numbers$/, () => 'точка — не два числа'],
  [/^a position is not \[lon, lat\] in range$/, () => 'точка — не [долгота, широта] в допустимых пределах'],
  [
    /^a ring has a position that is not \[lon, lat\] in range$/,
    () => 'в контуре есть точка не [долгота, широта] в допустимых пределах',
  ],
  [/^a ring has (\d+) positions \(at least 4 are needed\)$/, (n) => `в контуре ${n} точки (нужно не меньше 4)`],
  [
    /^a ring is not closed \(first and last positions differ\)$/,
    () => 'контур не замкнут (первая и последняя точки различаются)',
  ],
  [/^a line has fewer than two positions$/, () => 'в линии меньше двух точек'],
  [/^the line has fewer than two distinct positions$/, () => 'в линии меньше двух разных точек'],
  [/^not a GeoJSON geometry$/, () => 'не геометрия GeoJSON'],
  // Whole records.
  [/^the array element is not an object$/, () => 'элемент массива — не объект'],
  [/^the feature is not an object$/, () => 'объект GeoJSON — не объект'],
  [/^the line is not a JSON object$/, () => 'строка — не объект JSON'],
  [/^not valid JSON: (.+)$/, (d) => `не JSON: ${d}`],
  [
    /^the line has (\d+) characters, more than (\S+) MB \(PMAP_MAX_RECORD_MB\)$/,
    (n, mb) => `в строке ${n} символов, больше ${mb} МБ (PMAP_MAX_RECORD_MB)`,
  ],
  [/^has (\d+) fields but the header has (\d+)$/, (n, h) => `полей в строке: ${n}, в заголовке: ${h}`],
  [
    /^duplicate (.+) "(.*)" in the file: row (\d+) is kept$/,
    (what, v, row) => `повтор (${what}) ${q(v)} в файле: оставлена запись ${row}`,
  ],
  [
    /^the warranty ends \((.+)\) before the work was completed \((.+)\)$/,
    (w, c) => `гарантия кончается (${w}) раньше, чем закончены работы (${c})`,
  ],
  [
    /^a completion date \((.+)\) with status "(.*)": only done works are completed$/,
    (d, s) => `дата завершения (${d}) при статусе ${q(s)}: завершёнными бывают только выполненные работы`,
  ],
  // Notes of a finished import.
  // Channels (lib/ingest/channels.ts): "value" → channel (rows).
  [/^channel values: none known$/, () => 'Значения канала: ни одного известного'],
  [/^channel values: (.+)$/, (list) => `Значения канала: ${list.replace(/"\(empty\)"/g, '«(пусто)»')}`],
  [
    /^(\d+) rows have no channel value: counted as (\S+)$/,
    (n, ch) => `Без значения канала, учтены как ${ch}: ${rows(n)}`,
  ],
  [
    /^unknown channel values, counted as (\S+): (.+?)( \(add them to the mapping's channel "values"\))?$/,
    (ch, list, hint) =>
      `Неизвестные значения канала, учтены как ${ch}: ${list.replace(/"\(empty\)"/g, '«(пусто)»')}${hint ? ' (добавьте их в "values" канала в сопоставлении)' : ''}`,
  ],
  [
    /^(\d+) more rows had one of over (\d+) other channel values$/,
    (n, max) => `Ещё ${rows(n)} с одним из более чем ${max} других значений канала`,
  ],
  [
    /^(\d+) rows have no coordinates: (\d+) placed by geocoding their address, the rest kept without a location$/,
    (n, k) => `Без координат: ${rows(n)}; по адресу найдены ${k}, остальные сохранены без места`,
  ],
  [
    /^(\d+) rows have no coordinates: kept without a location$/,
    (n) => `Без координат, сохранены без места: ${rows(n)}`,
  ],
  [
    /^the id column is not unique: (\d+) ids carry different records; use a composite id \(a list of columns\)$/,
    (n) =>
      `Столбец номера (id) не уникален: под ${n} номерами разные записи; используйте составной номер (список столбцов)`,
  ],
  [
    /^repaired values: (.+)$/,
    (parts) =>
      `Исправлены значения: ${parts
        .split('; ')
        .map((p) => {
          const m = /^(\d+) values: (.+)$/.exec(p);
          const what = m && REPAIRS[m[2]];
          return m && what ? `${what} (${m[1]})` : p;
        })
        .join('; ')}`,
  ],
  [
    /^(\d+) rows had swapped coordinates and were swapped back$/,
    (n) => `Перепутанные широта и долгота исправлены: ${rows(n)}`,
  ],
  [
    /^(\d+) points had no coordinates and were geocoded from their address$/,
    (n) => `Координаты найдены по адресу: ${count(n, 'пункт', 'пункта', 'пунктов')}`,
  ],
  [
    /^(\d+) rows had a website that is not an http\(s\) address: left out$/,
    (n) => `Сайт не http(s) и не сохранён: ${rows(n)}`,
  ],
  [
    /^no time zone in the mapping: (\S+) assumed for (\d+) points \(set "timezone"\)$/,
    (tz, n) =>
      `В сопоставлении нет часового пояса: принят ${tz} (${count(n, 'пункт', 'пункта', 'пунктов')}; задайте "timezone")`,
  ],
  [
    /^(\d+) rows had a date that does not match the date_format "(.*)" but is unambiguous ISO 8601: read as ISO 8601$/,
    (n, f) => `Дата не в формате date_format ${q(f)}, но в однозначном ISO 8601, прочитана как ISO 8601: ${rows(n)}`,
  ],
  [
    /^(\d+) segments have no owner: no road agency sees them \(map "owner" in the mapping\)$/,
    (n) =>
      `Участки без владельца не видит ни одна дорожная служба (укажите "owner" в сопоставлении): ${count(n, 'участок', 'участка', 'участков')}`,
  ],
  [
    /^run "pmap enrich" to snap appeals to the new or changed segments$/,
    () => 'запустите «pmap enrich», чтобы привязать обращения к новым и изменённым участкам',
  ],
  [
    /^the Shapefile has no \.prj: coordinates are taken as WGS84 longitude\/latitude$/,
    () => 'у Shapefile нет .prj: координаты приняты как долгота и широта WGS84',
  ],
  [
    /^(\d+) plans were joined to a segment by their geometry$/,
    (n) => `Планы привязаны к участкам по геометрии: ${count(n, 'план', 'плана', 'планов')}`,
  ],
  [
    /^(\d+) invalid polygons were repaired \(ST_MakeValid\)$/,
    (n) => `Неверные полигоны исправлены (ST_MakeValid): ${count(n, 'полигон', 'полигона', 'полигонов')}`,
  ],
  [
    /^(\d+) points have opening hours that could not be read for some days \((\d+) days? in all\): those days are unknown, the points were kept \(e\.g\. (.*)\)$/,
    (n, d, e) =>
      `Часы работы не прочитаны для части дней, эти дни — «неизвестно», точки сохранены: ${count(n, 'точка', 'точки', 'точек')}, ${count(d, 'день', 'дня', 'дней')} всего (например, ${e})`,
  ],
  [
    /^(\d+) points have opening hours that differ on some dates \("Th\[-1\] off" and the like\): their usual weekly hours are kept \(e\.g\. (.*)\)$/,
    (n, e) =>
      `Часы работы меняются в отдельные даты («Th[-1] off» и т. п.), сохранены обычные часы недели: ${count(n, 'точка', 'точки', 'точек')} (например, ${e})`,
  ],
  [
    /^(\d+) codes were numbers in the file and lost their leading zeros: restored to 8 or 11 digits$/,
    (n) =>
      `Коды записаны в файле числами и потеряли ведущие нули, восстановлены до 8 или 11 цифр: ${count(n, 'код', 'кода', 'кодов')}`,
  ],
  [
    /^(\d+) pairs of (\S+) polygons overlap \((\d+) m² in all; (\d+) of them one inside the other\); (\d+) located appeals and service points lie in an overlap: each belongs to the polygon nested in the other, else to the one it lies deepest inside$/,
    (n, _level, m2, nested, pts) =>
      `Полигоны перекрываются: ${count(n, 'пара', 'пары', 'пар')} (всего ${Number(m2).toLocaleString('ru-RU')} м², из них вложенных: ${nested}); ` +
      `в перекрытиях ${count(pts, 'обращение или точка', 'обращения или точки', 'обращений или точек')}: каждое относится к вложенному полигону, иначе к тому, внутри которого лежит глубже`,
  ],
  [
    /^(\d+) rows have no house number: kept as street-level entries$/,
    (n) => `Без номера дома, сохранены как адреса улиц: ${rows(n)}`,
  ],
  [
    /^(\d+) rows name a street without a type word \(such as «1-й Аэропорт»\): kept with no street type$/,
    (n) => `Улица без слова типа (например, «1-й Аэропорт»), сохранена без типа улицы: ${rows(n)}`,
  ],
  [/^removed a UTF-8 BOM$/, () => 'удалена метка порядка байтов UTF-8 (BOM)'],
  [/^removed a double-encoded UTF-8 BOM$/, () => 'удалена дважды закодированная метка UTF-8 (BOM)'],
  [
    /^the file's latitude and longitude look swapped: (\d+) of the first (\d+) located rows lie in the data's region \((.*)\) only when swapped; (swapped as the mapping says|those rows are rejected)/,
    (k, n, by, what) =>
      `широта и долгота в файле, похоже, перепутаны: ${k} из первых ${n} строк с координатами лежат в регионе данных (${by}), только если их поменять местами; ${what.startsWith('swapped') ? 'поменяны, как сказано в сопоставлении ("swap": true)' : 'такие строки отклонены (задайте "swap": true в сопоставлении, чтобы поменять их)'}`,
  ],
  [/^decoded as (\S+) \(not UTF-8\)$/, (enc) => `файл прочитан в кодировке ${enc} (не UTF-8)`],
  [
    /^repaired double-encoded UTF-8 \(text had been decoded as (\S+) and encoded again\)$/,
    (via) => `исправлен дважды закодированный UTF-8 (текст был прочитан как ${via} и закодирован снова)`,
  ],
  [
    /^(\d+) rows held an unpaired UTF-16 surrogate \(half of an emoji\): replaced with U\+FFFD$/,
    (n) => `Половина символа UTF-16 (часть эмодзи) заменена на U+FFFD: ${rows(n)}`,
  ],
  [
    /^(\d+) located rows lie outside the data's region \((.+)\); the located rows span (.+)$/,
    (n, by, box) => `Вне региона данных (${by}) лежат ${rows(n)} с координатами; строки с координатами занимают ${box}`,
  ],
  // Jobs whose process ended (lib/store/importJobs.ts).
  [
    /^interrupted: the importing process ended before committing; nothing of it was kept$/,
    () => 'прервано: процесс импорта завершился до сохранения; ничего из файла не сохранено',
  ],
  [
    /^interrupted: the importing process sent no heartbeat for over (\d+) s \(killed, or its machine stopped\); nothing of it was kept$/,
    (s) =>
      `прервано: процесс импорта не подавал признаков жизни больше ${s} с (остановлен, или остановилась его машина); ничего из файла не сохранено`,
  ],
  [/^the appeal was rejected: (.+)$/, (why) => `обращение отклонено: ${lower(importTextRu(why) ?? why)}`],
];

/** The keyed messages' English (lib/i18n/errors.ts) as rules too: a command-line job stored its error in English. */
let keyedRules: Rule[] | null = null;
function keyed(): Rule[] {
  keyedRules ??= (Object.keys(ERROR_MESSAGES) as ErrorKey[]).map((key): Rule => {
    const names: string[] = [];
    const source = ERROR_MESSAGES[key].en
      .split(/(\{\w+\})/)
      .map((part) => {
        const p = /^\{(\w+)\}$/.exec(part);
        if (!p) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(p[1]);
        return '(.+?)';
      })
      .join('');
    return [
      new RegExp(`^${source}$`),
      (...values) => renderError(key, Object.fromEntries(names.map((n, i) => [n, values[i]])), 'ru'),
    ];
  });
  return keyedRules;
}

/** `text` in Russian when the table knows its shape (after its places), else null. */
export function importTextRu(text: string): string | null {
  let rest = text;
  let where = '';
  for (let peeled = true; peeled;) {
    peeled = false;
    for (const [re, ru] of PLACES) {
      const m = re.exec(rest);
      if (m) {
        where += ru(m);
        rest = rest.slice(m[0].length);
        peeled = true;
        break;
      }
    }
  }
  for (const [re, ru] of [...RULES, ...keyed()]) {
    const m = re.exec(rest);
    if (!m) continue;
    // The line starts with a capital (its place, or the sentence); the sentence after a place goes on in lower case.
    // (A file name stays as it is written.)
    const line = where + ru(...m.slice(1).map((s) => s ?? ''));
    return rest === text || !PLACES[0][0].test(text) ? line.charAt(0).toUpperCase() + line.slice(1) : line;
  }
  return null;
}

/** An importer's sentence in `locale`: Russian by the table, or the English as written when no rule knows it. */
export function importText(text: string, locale: Locale): string {
  return locale === 'ru' ? (importTextRu(text) ?? text) : text;
}
