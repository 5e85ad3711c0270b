import { describe, expect, it } from 'vitest';
import { PmapError } from '../../lib/errors';
import { importText, importTextRu } from '../../lib/i18n/importTexts';

const ENGLISH_RUN = /\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b/i;

/** Sentences the importers write today (lib/ingest), with the Russian the admin import page shows for them. */
const KNOWN: Array<[string, string]> = [
  [
    'column "Дата": cannot parse date "31/02/2024" as DD.MM.YYYY',
    'Столбец «Дата»: дата «31/02/2024» не читается как DD.MM.YYYY',
  ],
  ['column "id": the external id is empty', 'Столбец «id»: пустой номер (внешний id)'],
  ['column "created": the creation date is empty', 'Столбец «created»: пустая дата создания'],
  [
    'column "created": the creation date 2031-01-01T00:00:00.000Z is in the future',
    'Столбец «created»: дата создания 2031-01-01T00:00:00.000Z — в будущем',
  ],
  ['column "Адрес": the address is empty', 'Столбец «Адрес»: пустой адрес'],
  ['column "coords": expected two numbers, got "north"', 'Столбец «coords»: ожидались два числа, получено «north»'],
  [
    'column "walk_in": "может быть" is neither yes nor no (set "true_values" / "false_values" in the mapping)',
    'Столбец «walk_in»: «может быть» — ни «да», ни «нет» (задайте "true_values" / "false_values" в сопоставлении)',
  ],
  [
    'column "owner": unknown owner "ГУП" (expected federal, regional, municipal; add it to "owners" in the mapping)',
    'Столбец «owner»: неизвестный владелец «ГУП» (ожидается federal, regional, municipal; добавьте его в "owners" в сопоставлении)',
  ],
  ['only one coordinate given (lat 51.7, lon empty)', 'Указана только одна координата (широта 51.7, долгота пусто)'],
  ['a coordinate is not a number', 'Координата — не число'],
  ['coordinates out of range (lat 151.7, lon 55.1)', 'Координаты вне допустимых значений (широта 151.7, долгота 55.1)'],
  [
    'coordinates look swapped (lat 55.1, lon 51.7) for the data\'s region; set "swap_coordinates": true in the mapping to swap them',
    'Широта и долгота, похоже, перепутаны (широта 55.1, долгота 51.7); задайте "swap_coordinates": true в сопоставлении, чтобы поменять их',
  ],
  [
    'invalid geometry: expected a Point with two coordinates, got LineString',
    'Неверная геометрия: ожидается точка (Point) с двумя координатами, получено LineString',
  ],
  ['field "topic": "cats" is not one of roads, housing', 'Поле «topic»: "cats" — не из списка: roads, housing'],
  [
    'column "text": the value has 20001 characters, more than the limit of 20000 (PMAP_MAX_FIELD_CHARS)',
    'Столбец «text»: символов в значении: 20001, больше предела 20000 (PMAP_MAX_FIELD_CHARS)',
  ],
  ['has 3 fields but the header has 5', 'Полей в строке: 3, в заголовке: 5'],
  ['duplicate external id "A-1" in the file: row 7 is kept', 'Повтор (external id) «A-1» в файле: оставлена запись 7'],
  ['not valid JSON: Unexpected token } in JSON at position 4', 'Не JSON: Unexpected token } in JSON at position 4'],
  ['the line is not a JSON object', 'Строка — не объект JSON'],
  [
    'interrupted: the importing process ended before committing; nothing of it was kept',
    'Прервано: процесс импорта завершился до сохранения; ничего из файла не сохранено',
  ],
  // Notes of a finished import.
  [
    '3 points have opening hours that could not be read for some days (5 days in all): those days are unknown, the points were kept (e.g. "Пн-Пт по звонку")',
    'Часы работы не прочитаны для части дней, эти дни — «неизвестно», точки сохранены: 3 точки, 5 дней всего (например, "Пн-Пт по звонку")',
  ],
  [
    '1 points have opening hours that differ on some dates ("Th[-1] off" and the like): their usual weekly hours are kept (e.g. Th[-1] off)',
    'Часы работы меняются в отдельные даты («Th[-1] off» и т. п.), сохранены обычные часы недели: 1 точка (например, Th[-1] off)',
  ],
  [
    '12 codes were numbers in the file and lost their leading zeros: restored to 8 or 11 digits',
    'Коды записаны в файле числами и потеряли ведущие нули, восстановлены до 8 или 11 цифр: 12 кодов',
  ],
  [
    '11 pairs of municipality polygons overlap (4961381 m² in all; 4 of them one inside the other); 8 located appeals and service points lie in an overlap: each belongs to the polygon nested in the other, else to the one it lies deepest inside',
    'Полигоны перекрываются: 11 пар (всего 4\u00a0961\u00a0381 м², из них вложенных: 4); в перекрытиях 8 обращений или точек: каждое относится к вложенному полигону, иначе к тому, внутри которого лежит глубже',
  ],
  ['1 rows had swapped coordinates and were swapped back', 'Перепутанные широта и долгота исправлены: 1 строка'],
  ['3 rows had swapped coordinates and were swapped back', 'Перепутанные широта и долгота исправлены: 3 строки'],
  ['12 points had no coordinates and were geocoded from their address', 'Координаты найдены по адресу: 12 пунктов'],
  [
    '5 rows have no coordinates: 2 placed by geocoding their address, the rest kept without a location',
    'Без координат: 5 строк; по адресу найдены 2, остальные сохранены без места',
  ],
  [
    'repaired values: 3 values: no-break spaces made plain spaces; 1 values: zero-width characters removed',
    'Исправлены значения: неразрывные пробелы заменены обычными (3); удалены символы нулевой ширины (1)',
  ],
  [
    'channel values: "соцсети" → social (3), "ПОС" → pos (1)',
    'Значения канала: "соцсети" → social (3), "ПОС" → pos (1)',
  ],
  [
    'unknown channel values, counted as other: "факс" (2), "(empty)" (1) (add them to the mapping\'s channel "values")',
    'Неизвестные значения канала, учтены как other: "факс" (2), «(пусто)» (1) (добавьте их в "values" канала в сопоставлении)',
  ],
  ['decoded as windows-1251 (not UTF-8)', 'Файл прочитан в кодировке windows-1251 (не UTF-8)'],
  ['removed a UTF-8 BOM', 'Удалена метка порядка байтов UTF-8 (BOM)'],
  [
    '21 segments have no owner: no road agency sees them (map "owner" in the mapping)',
    'Участки без владельца не видит ни одна дорожная служба (укажите "owner" в сопоставлении): 21 участок',
  ],
  [
    'run "pmap enrich" to snap appeals to the new or changed segments',
    'Запустите «pmap enrich», чтобы привязать обращения к новым и изменённым участкам',
  ],
  [
    'no time zone in the mapping: Asia/Yekaterinburg assumed for 4 points (set "timezone")',
    'В сопоставлении нет часового пояса: принят Asia/Yekaterinburg (4 пункта; задайте "timezone")',
  ],
];

describe("importers' sentences on the admin import page", () => {
  it.each(KNOWN)('%s', (en, ru) => {
    expect(importTextRu(en)).toBe(ru);
    expect(importText(en, 'ru')).toBe(ru);
    expect(importText(en, 'en')).toBe(en);
  });

  it('places are peeled off before the sentence: line, row, column', () => {
    expect(importTextRu('line 4, row 3, column "lat": a coordinate is not a number')).toBe(
      'Строка 4, запись 3, столбец «lat»: координата — не число',
    );
  });

  it("a command-line job's error: the file, its place and a keyed message in English", () => {
    expect(importTextRu('appeals.csv, line 4: a quote is opened and never closed (unbalanced quote)')).toBe(
      'appeals.csv, строка 4: Кавычка открыта и не закрыта',
    );
    expect(importTextRu('the mapping has no "text" field')).toBe('В сопоставлении нет поля «text»');
  });

  it('an unkeyed PmapError of an importer says its detail in Russian (Open311 POST, the bot API, a failed job)', () => {
    const e = new PmapError('bad_argument', 'the appeal was rejected: column "lat": a coordinate is not a number', {
      file: 'a.csv',
      line: 2,
    });
    expect(e.localized('ru')).toBe('a.csv, строка 2: Обращение отклонено: столбец «lat»: координата — не число');
    expect(e.localized('en')).toBe(
      'a.csv, line 2: the appeal was rejected: column "lat": a coordinate is not a number',
    );
    expect(new PmapError('not_found', 'no such thing').localized('ru')).toBe('Не найдено');
  });

  it('a sentence no rule knows stays as written (never lost), and is not claimed as Russian', () => {
    expect(importTextRu('the moon is made of cheese')).toBeNull();
    expect(importText('the moon is made of cheese', 'ru')).toBe('the moon is made of cheese');
  });

  it("no translation of a known sentence is an English sentence (but the JSON parser's own detail)", () => {
    for (const [en] of KNOWN) expect(importTextRu(en)!.replace(/^Не JSON: .*/, 'Не JSON')).not.toMatch(ENGLISH_RUN);
  });
});
