/**
 * Every error message a person can see, by key, in Russian and English. `{name}` is a parameter. The web shows the
 * Russian text; the CLI prints the English one (its one-line messages are part of ../shared/contract.md).
 */
export const ERROR_MESSAGES = {
  // One per error code: the text when an error has no key of its own.
  'code.bad_argument': { ru: 'Неверный параметр запроса', en: 'bad argument' },
  'code.bad_file': { ru: 'Файл не удалось прочитать', en: 'bad file' },
  'code.bad_mapping': { ru: 'Ошибка в сопоставлении столбцов', en: 'bad mapping' },
  'code.file_not_found': { ru: 'Файл не найден', en: 'file not found' },
  'code.not_found': { ru: 'Не найдено', en: 'not found' },
  'code.forbidden': { ru: 'Недостаточно прав', en: 'forbidden' },
  'code.unauthenticated': { ru: 'Войдите в систему', en: 'sign in first' },
  'code.too_large': { ru: 'Слишком большой объём данных', en: 'too large' },
  'code.rate_limited': { ru: 'Слишком много запросов, повторите позже', en: 'too many requests' },
  'code.conflict': { ru: 'Конфликт с текущим состоянием данных', en: 'conflict' },
  'code.misconfigured': { ru: 'Ошибка настройки сервера', en: 'misconfigured' },
  'code.unsupported_media_type': { ru: 'Неподдерживаемый тип данных', en: 'unsupported media type' },
  'code.db_locked': { ru: 'База данных занята другим процессом', en: 'the database is locked' },
  'code.db_unavailable': { ru: 'База данных недоступна', en: 'the database is unavailable' },
  'code.internal': { ru: 'Внутренняя ошибка сервера', en: 'internal error' },

  // Validation of query parameters and bodies (zod issues, lib/i18n/zodIssue.ts).
  'input.invalid': { ru: '{param}: недопустимое значение', en: '{param}: invalid value' },
  // Regulated deadlines (lib/domain/calendar/workdays.ts): the rules a ЦУР loads and the production calendar.
  'deadline.no_calendar': {
    ru: 'Нет производственного календаря на {year} год (в поставке: {span})',
    en: 'no production calendar for {year} (the shipped calendar covers {span})',
  },
  'deadline.working_days': {
    ru: 'Срок в рабочих днях — целое число не меньше 1: {value}',
    en: 'a deadline in working days must be a whole number ≥ 1: {value}',
  },
  'deadline.hours': {
    ru: 'Срок в часах — положительное число: {value}',
    en: 'a deadline in hours must be positive: {value}',
  },
  'deadline.unit': {
    ru: 'Неизвестная единица срока: {value} (рабочие дни или часы)',
    en: 'unknown deadline unit: {value} (working days or hours)',
  },
  'deadline.moderation': {
    ru: 'Время модерации — число часов не меньше 0: {value}',
    en: 'moderation hours must be a number ≥ 0: {value}',
  },
  'deadline.season': { ru: 'Сезон — два дня ММ-ДД: {value}', en: "a season is two days 'MM-DD': {value}" },
  'deadline.no_plan': { ru: 'В плане нет ни одной даты', en: 'a plan needs at least one planned day' },
  'input.required': { ru: '{param}: обязательное поле', en: '{param}: required' },
  'input.invalid_type': { ru: '{param}: ожидается {expected}', en: '{param}: expected {expected}' },
  'input.too_small': { ru: '{param}: не меньше {minimum}', en: '{param}: at least {minimum}' },
  'input.too_big': { ru: '{param}: не больше {maximum}', en: '{param}: at most {maximum}' },
  'input.too_short': { ru: '{param}: не короче {minimum} символов', en: '{param}: at least {minimum} characters' },
  'input.too_long': { ru: '{param}: не длиннее {maximum} символов', en: '{param}: at most {maximum} characters' },
  'input.invalid_format': { ru: '{param}: неверный формат', en: '{param}: invalid format' },
  'input.invalid_value': { ru: '{param}: допустимые значения — {values}', en: '{param}: expected one of {values}' },
  'input.unknown_params': { ru: 'Неизвестные параметры: {param}', en: 'unknown parameters: {param}' },
  'input.bad_utf8': { ru: '{param}: неверная кодировка (не UTF-8)', en: '{param}: not valid percent-encoded UTF-8' },
  'input.control_chars': {
    ru: '{param}: управляющие символы недопустимы',
    en: '{param}: control characters are not allowed',
  },
  'input.db_refused': { ru: 'База данных отклонила значение параметра', en: 'a parameter was refused by the database' },
  'input.date': { ru: '{param}: ожидается дата ГГГГ-ММ-ДД', en: '{param}: expected a date YYYY-MM-DD' },
  'input.date_time': {
    ru: '{param}: ожидается дата и время ISO 8601 (ГГГГ-ММ-ДДTчч:мм:ссZ)',
    en: '{param}: expected an ISO 8601 date-time',
  },
  'input.period_reversed': { ru: '{param} раньше начала', en: '{param}: the period ends before it starts' },
  'input.period_too_long': {
    ru: '{param}: период длиннее трёх лет',
    en: '{param}: the period is longer than three years',
  },
  'request.not_json': { ru: 'Тело запроса — не JSON', en: 'the body is not valid JSON' },
  'request.too_large': { ru: 'Тело запроса больше {max} байт', en: 'request body over {max} bytes' },
  'auth.sign_in_first': { ru: 'Войдите в систему', en: 'sign in first' },
  'auth.role_forbidden': { ru: 'Вашей роли это недоступно', en: 'your role may not use this' },
  'auth.bad_credentials': { ru: 'Неверный email или пароль', en: 'invalid email or password' },
  'auth.too_many_attempts': { ru: 'Слишком много попыток. Подождите минуту', en: 'too many attempts: wait a minute' },
  'rate.retry_in': {
    ru: 'Слишком много запросов, повторите через {seconds} с',
    en: 'too many requests; retry in {seconds} s',
  },

  // Imports (lib/ingest), shown on the admin import page.
  'import.unbalanced_quote': {
    ru: 'Кавычка открыта и не закрыта',
    en: 'a quote is opened and never closed (unbalanced quote)',
  },
  'import.record_too_long': {
    ru: 'Строка длиннее {mb} МБ (PMAP_MAX_RECORD_MB): файл дальше не читается (незакрытая кавычка или огромное поле)',
    en: 'a row is longer than {mb} MB (PMAP_MAX_RECORD_MB): the file is not read further (an unclosed quote, or a huge field)',
  },
  'import.text_after_quote': {
    ru: 'После закрывающей кавычки поля идёт текст',
    en: 'a quoted field has text right after its closing quote',
  },
  'import.quote_in_field': {
    ru: 'Кавычка внутри поля, не заключённого в кавычки (заключите поле в кавычки и удвойте кавычки внутри)',
    en: 'a quote inside a field that is not quoted (quote the field and double the quotes inside it)',
  },
  'import.empty_csv': { ru: 'Файл пуст (нет заголовка и строк)', en: 'the file is empty (no header, no rows)' },
  'import.empty_records': { ru: 'Файл пуст (нет записей)', en: 'the file is empty (no records)' },
  'import.empty_bytes': { ru: 'Файл пуст (0 байт)', en: 'the file is empty (0 bytes)' },
  'import.missing_column': {
    ru: 'В сопоставлении указан столбец, которого нет в файле: {columns} (столбцы файла: {shown})',
    en: 'the mapping names column {columns} that the file does not have (its columns: {shown})',
  },
  'import.missing_columns': {
    ru: 'В сопоставлении указаны столбцы, которых нет в файле: {columns} (столбцы файла: {shown})',
    en: 'the mapping names columns {columns} that the file does not have (its columns: {shown})',
  },
  'import.no_field': { ru: 'В сопоставлении нет поля «{field}»', en: 'the mapping has no "{field}" field' },
  'import.mapping_unknown_keys': {
    ru: 'В сопоставлении неизвестные ключи: {keys}',
    en: 'unknown keys {keys} in the mapping',
  },
  'import.mapping_invalid': { ru: 'В сопоставлении неверное значение поля «{field}»', en: '"{field}": invalid value' },
  'import.too_large': { ru: 'Файл больше {mb} МБ', en: 'the file is over {mb} MB' },
  'import.no_body': { ru: 'В запросе нет файла', en: 'the request has no file in its body' },
  'import.interrupted': { ru: 'Загрузка файла прервалась', en: 'the upload was interrupted' },
  'import.empty_upload': { ru: 'Файл пуст', en: 'the file is empty' },
  'import.upload_gone': {
    ru: 'Загруженный файл не найден (хранится сутки): загрузите его снова',
    en: 'no such upload (uploads are kept for a day): upload the file again',
  },
  'import.no_job': { ru: 'Импорт №{id} не найден', en: 'no import job {id}' },
  'import.running': { ru: 'Импорт ещё идёт', en: 'the import is still running' },
  'import.no_name': { ru: 'Не указано имя файла', en: 'the file name is missing: POST the file to ?name=<file name>' },
  'import.failed': {
    ru: 'Внутренняя ошибка импорта (подробности в журнале сервера)',
    en: 'internal error (see the server log)',
  },

  // Briefing, roads, users.
  'briefing.no_municipality': {
    ru: 'Муниципалитет «{name}» не найден',
    en: 'no municipality with code or name "{name}"',
  },
  'roads.no_owner': {
    ru: 'Учётная запись дорожной службы не привязана к владельцу дорог',
    en: 'this road-agency account is bound to no road owner (pmap user create … --owner)',
  },
  'roads.own_weights_only': {
    ru: 'Дорожная служба сохраняет веса только своего владельца дорог',
    en: 'a road agency saves the weights of its own road owner only',
  },
  'roads.weights_role': {
    ru: 'Веса меняют только администраторы и дорожные службы',
    en: 'only admins and road agencies change the weights',
  },
  'users.bad_role': { ru: 'Роль должна быть одной из: {roles}', en: '--role must be one of {roles}' },
  'users.short_password': { ru: 'Пароль: не короче 10 символов', en: '--password: at least 10 characters' },
  'users.owner_required': {
    ru: 'Для дорожной службы укажите владельца дорог',
    en: '--owner is required for a road_agency user',
  },
  'users.save_failed': { ru: 'Не удалось сохранить пользователя', en: 'the user could not be saved' },

  // Requests refused before any route runs (lib/serve/csrf.ts, server.ts), tiles, Open311, points, drill (issue 20).
  'request.cross_site': {
    ru: 'Запрос с другого сайта отклонён (Sec-Fetch-Site: {site})',
    en: 'cross-site request refused (Sec-Fetch-Site: {site})',
  },
  'request.no_origin': {
    ru: 'Запрос без заголовка Origin отклонён: изменения принимаются только со страниц приложения',
    en: "the Origin header is missing: state-changing requests with a session must come from the app's pages",
  },
  'request.cross_origin': {
    ru: 'Запрос с чужого адреса отклонён (Origin: {origin})',
    en: 'cross-origin request refused (Origin: {origin})',
  },
  'request.json_only': {
    ru: 'Тело запроса должно быть JSON (Content-Type: application/json), а не {type}',
    en: 'the body must be JSON (Content-Type: application/json), not {type}',
  },
  'request.json_no_type': {
    ru: 'Тело запроса должно быть JSON (Content-Type: application/json), а тип не указан',
    en: 'the body must be JSON (Content-Type: application/json), not no type',
  },
  'request.bad_path': {
    ru: 'Адрес страницы в неверной кодировке (не UTF-8)',
    en: 'the path is not valid UTF-8 percent-encoding',
  },
  'tiles.no_layer': { ru: 'Нет слоя «{name}»; слои: {layers}', en: 'no tile layer "{name}"; layers: {layers}' },
  'tiles.bad_z': {
    ru: 'Масштаб z: ожидается целое число 0..{max}, получено «{value}»',
    en: 'z: expected an integer 0..{max}, got "{value}"',
  },
  'tiles.bad_xy': {
    ru: 'Плитка {param}: ожидается целое число 0..{max} на масштабе {z}, получено «{value}»',
    en: '{param}: expected an integer 0..{max} at z {z}, got "{value}"',
  },
  'tiles.roads_only': {
    ru: 'Дорожной службе доступен только слой дорог',
    en: 'road agencies may use the roads layer only',
  },
  'tiles.expected_json': {
    ru: 'Ожидается адрес /api/tiles/<слой>.json, получено «{seg}»',
    en: 'expected /api/tiles/<layer>.json, got "{seg}"',
  },
  'basemap.pmtiles_unreadable': {
    ru: 'Файл подложки (PMAP_BASEMAP_PMTILES) не удалось открыть',
    en: 'PMAP_BASEMAP_PMTILES: the file cannot be opened',
  },
  'basemap.pmtiles_not_vector': {
    ru: 'Файл подложки (PMAP_BASEMAP_PMTILES) содержит не векторные плитки',
    en: 'PMAP_BASEMAP_PMTILES: the file does not hold vector (MVT) tiles',
  },
  'open311.bad_id_file': {
    ru: 'Ожидается адрес вида <номер>.json или <номер>.xml',
    en: 'expected <id>.json or <id>.xml',
  },
  'open311.location_required': {
    ru: 'Укажите место: широту и долготу (lat, long) или адрес (address_string)',
    en: 'a location is required: lat and long, or address_string',
  },
  'open311.no_request': { ru: 'Обращение {id} не найдено', en: 'no service request {id}' },
  'points.no_point': { ru: 'Пункт {id} не найден', en: 'no public point {id}' },
  'points.no_such_point': { ru: 'Такого пункта нет', en: 'no such point' },
  'points.reports_retry_in': {
    ru: 'Слишком много сообщений, повторите через {seconds} с',
    en: 'too many reports; retry in {seconds} s',
  },
  'roads.no_segment': { ru: 'Участок дороги {id} не найден', en: 'no road segment {id}' },
  'appeals.no_appeal': { ru: 'Обращение {id} не найдено', en: 'no appeal {id}' },
  'appeals.location_not_found': {
    ru: 'Адрес «{address}» не найден в справочнике адресов: уточните его или укажите широту и долготу',
    en: 'address "{address}" is not in the gazetteer: make it more precise or give latitude and longitude',
  },
  'appeals.location_street_only': {
    ru: 'Адрес «{address}» найден только до улицы ({matched}): укажите номер дома или широту и долготу',
    en: 'address "{address}" is found to its street only ({matched}): give the house number, or latitude and longitude',
  },
  'appeals.location_outside': {
    ru: 'Точка {lat}, {lon} вне района данных (границы, дороги, адреса): проверьте, не перепутаны ли широта и долгота',
    en: "point {lat}, {lon} is outside the data's region (boundaries, roads, addresses): are latitude and longitude swapped?",
  },
  'drill.one_of': { ru: 'Укажите ровно одно: h3, segment или appeal', en: 'give exactly one of h3, segment, appeal' },
  'drill.bad_h3': { ru: 'h3: «{h3}» — не ячейка H3', en: 'h3: "{h3}" is not a valid H3 cell' },
  'drill.h3_resolution': {
    ru: 'h3: разрешение {res} вне {min}..{max}',
    en: 'h3: resolution {res} is outside {min}..{max}',
  },
  'users.bad_email': {
    ru: 'Email: «{email}» — не адрес электронной почты',
    en: '--email: "{email}" is not an email address',
  },
  'bot.idempotency_key': {
    ru: 'Заголовок Idempotency-Key: недопустимое значение',
    en: 'Idempotency-Key header: invalid value',
  },
} as const satisfies Record<string, { ru: string; en: string }>;

export type ErrorKey = keyof typeof ERROR_MESSAGES;
export type Locale = 'ru' | 'en';
export type ErrorParams = Record<string, string | number>;

export const isErrorKey = (k: unknown): k is ErrorKey => typeof k === 'string' && Object.hasOwn(ERROR_MESSAGES, k);

/** The `{name}` parameters a message uses, sorted. */
export function paramsOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

/** How a Russian message names the request parameters and form fields a person fills in. */
const PARAM_RU: Record<string, string> = {
  from: 'Начало периода',
  to: 'Конец периода',
  period: 'Период',
  municipality: 'Муниципалитет',
  email: 'Email',
  password: 'Пароль',
  role: 'Роль',
  owner: 'Владелец дорог',
  topic: 'Тема',
  status: 'Статус',
  channel: 'Канал',
  q: 'Поиск',
  body: 'Запрос',
  query: 'Запрос',
  form: 'Форма',
  mapping: 'Сопоставление',
  kind: 'Тип данных',
};

/** The message of `key` in `locale`, its parameters filled in (a missing one stays as `{name}`). */
export function renderError(key: ErrorKey, params: ErrorParams = {}, locale: Locale = 'ru'): string {
  return ERROR_MESSAGES[key][locale].replace(/\{(\w+)\}/g, (all, name: string) => {
    if (!(name in params)) return all;
    const v = String(params[name]);
    return locale === 'ru' && name === 'param' ? (PARAM_RU[v] ?? v) : v;
  });
}

/** The locale an Accept-Language header asks for: English only when it prefers English; Russian otherwise. */
export function localeOf(acceptLanguage: string | null | undefined): Locale {
  const first = (acceptLanguage ?? '').split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'ru';
}

const WHERE = {
  ru: { line: 'строка', row: 'запись', column: 'столбец' },
  en: { line: 'line', row: 'row', column: 'column' },
};

/** "file.csv, строка 12, столбец «X»: …" — where an error is, in `locale`. */
export function renderLocation(
  loc: { file?: string; line?: number; row?: number; column?: string },
  locale: Locale,
): string[] {
  const w = WHERE[locale];
  return [
    loc.file,
    loc.line !== undefined ? `${w.line} ${loc.line}` : undefined,
    loc.row !== undefined ? `${w.row} ${loc.row}` : undefined,
    loc.column !== undefined
      ? locale === 'ru'
        ? `${w.column} «${loc.column}»`
        : `${w.column} "${loc.column}"`
      : undefined,
  ].filter((x): x is string => Boolean(x));
}
