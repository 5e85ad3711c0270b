import type { SaveStep } from '../ingest/steps';

/** Words of the admin import page (/admin/import), Russian first; `?lang=en` picks English. */
export interface ImportDictionary {
  locale: string;
  title: string;
  intro: (maxMb: number) => string;
  form: {
    legend: string;
    file: string;
    kind: string;
    kinds: Record<'appeals' | 'points' | 'addresses', string>;
    profile: string;
    noProfile: string;
    custom: string;
    mapping: string;
    mappingHint: string;
    builder: string;
    fieldNames: Record<string, string>;
    start: string;
    uploading: (pct: number) => string;
    chooseFile: string;
    /** The file field's own button and its empty state (the browser's say «Choose File / No file chosen» in its UI language). */
    pickFile: string;
    noFile: string;
    badJson: (msg: string) => string;
  };
  progress: {
    heading: string;
    rows: (n: string) => string;
    rate: (n: string) => string;
    eta: (s: number) => string;
    saving: string;
    /** The saving step under way (lib/ingest/steps.ts). */
    step: (n: number, of: number, name: string) => string;
    steps: Record<SaveStep, string>;
    done: string;
    failed: string;
    counts: { read: string; inserted: string; updated: string; unchanged: string; rejected: string };
    rejects: string;
    noRejects: string;
    notes: string;
  };
  history: {
    heading: string;
    empty: string;
    loading: string;
    cols: {
      id: string;
      file: string;
      kind: string;
      status: string;
      started: string;
      who: string;
      read: string;
      inserted: string;
      updated: string;
      unchanged: string;
      rejected: string;
      details: string;
    };
    status: Record<'running' | 'done' | 'failed', string>;
    cli: (host: string, pid: string) => string;
    download: string;
    sortBy: (col: string) => string;
  };
}

export const IMPORT_RU: ImportDictionary = {
  locale: 'ru-RU',
  title: 'Импорт данных',
  intro: (mb) =>
    `Загрузите файл (CSV, JSON, NDJSON, GeoJSON или Open311, до ${mb} МБ), выберите профиль сопоставления колонок или вставьте свой, и запустите импорт. Импорт идёт на сервере: страницу можно закрыть.`,
  form: {
    legend: 'Новый импорт',
    file: 'Файл',
    kind: 'Что загружаем',
    kinds: { appeals: 'Обращения', points: 'Пункты вакцинации', addresses: 'Адресный реестр' },
    profile: 'Профиль сопоставления',
    noProfile: 'Без профиля: колонки названы нашими полями',
    custom: 'Свой (JSON ниже)',
    mapping: 'Сопоставление (JSON)',
    mappingHint: 'Можно править: проверяется на сервере, неизвестные ключи — ошибка.',
    builder: 'Собрать сопоставление: выберите колонку файла для каждого поля',
    fieldNames: {
      external_id: 'Номер (id)',
      created_at: 'Дата создания',
      text: 'Текст',
      address: 'Адрес',
      lat: 'Широта',
      lon: 'Долгота',
      topic: 'Тема',
      status: 'Статус',
      street: 'Улица',
      house: 'Дом',
      updated_at: 'Дата изменения',
      closed_at: 'Дата закрытия',
      author: 'Автор',
      agency: 'Исполнитель',
      answered_at: 'Дата ответа',
      answer_text: 'Текст ответа',
      name: 'Название',
      phone: 'Телефон',
      url: 'Сайт',
      walk_in: 'Без записи',
      accessible: 'Доступная среда',
      verified_at: 'Дата проверки',
      locality: 'Населённый пункт',
      opening_hours: 'Часы работы (одной строкой)',
    },
    start: 'Загрузить и импортировать',
    uploading: (pct) => `Загрузка файла: ${pct} %`,
    chooseFile: 'Выберите файл.',
    pickFile: 'Выбрать файл…',
    noFile: 'Файл не выбран',
    badJson: (msg) => `Сопоставление — не JSON: ${msg}`,
  },
  progress: {
    heading: 'Ход импорта',
    rows: (n) => `${n} строк`,
    rate: (n) => `${n} строк/с`,
    eta: (s) => `осталось ≈ ${s < 60 ? `${s} с` : `${Math.round(s / 60)} мин`}`,
    saving: 'Файл прочитан, сохранение в базу…',
    step: (n, of, name) => `Файл прочитан, сохранение в базу: шаг ${n} из ${of} — ${name}…`,
    steps: {
      duplicates: 'повторы внутри файла',
      problems: 'объединение обращений в проблемы',
      merge: 'запись обращений',
      places: 'адреса, районы и дороги',
      indexes: 'перестройка индексов',
      grouping: 'объединение в проблемы после записи',
    },
    done: 'Готово',
    failed: 'Ошибка',
    counts: {
      read: 'Прочитано',
      inserted: 'Добавлено',
      updated: 'Обновлено',
      unchanged: 'Без изменений',
      rejected: 'Отклонено',
    },
    rejects: 'Скачать отклонённые строки (CSV)',
    noRejects: 'Отклонённых строк нет.',
    notes: 'Заметки',
  },
  history: {
    heading: 'История импорта',
    empty: 'Импортов ещё не было.',
    loading: 'Загрузка…',
    cols: {
      id: '№',
      file: 'Файл',
      kind: 'Тип',
      status: 'Статус',
      started: 'Начат',
      who: 'Кто',
      read: 'Прочитано',
      inserted: 'Добавлено',
      updated: 'Обновлено',
      unchanged: 'Без изменений',
      rejected: 'Отклонено',
      details: 'Подробности',
    },
    status: { running: 'идёт', done: 'готово', failed: 'ошибка' },
    cli: (host, pid) => `командная строка (${host}, pid ${pid})`,
    download: 'CSV',
    sortBy: (col) => `Сортировать по столбцу «${col}»`,
  },
};

export const IMPORT_EN: ImportDictionary = {
  locale: 'en-GB',
  title: 'Data import',
  intro: (mb) =>
    `Upload a file (CSV, JSON, NDJSON, GeoJSON or Open311, up to ${mb} MB), pick a column mapping profile or paste your own, and start the import. It runs on the server: you may close the page.`,
  form: {
    legend: 'New import',
    file: 'File',
    kind: 'What it holds',
    kinds: { appeals: 'Appeals', points: 'Vaccination points', addresses: 'Address gazetteer' },
    profile: 'Mapping profile',
    noProfile: 'No profile: the columns carry our field names',
    custom: 'Custom (JSON below)',
    mapping: 'Mapping (JSON)',
    mappingHint: 'Editable: checked on the server, unknown keys are errors.',
    builder: "Build the mapping: pick the file's column for each field",
    fieldNames: {},
    start: 'Upload and import',
    uploading: (pct) => `Uploading: ${pct} %`,
    chooseFile: 'Choose a file.',
    pickFile: 'Choose a file…',
    noFile: 'No file chosen',
    badJson: (msg) => `The mapping is not JSON: ${msg}`,
  },
  progress: {
    heading: 'Progress',
    rows: (n) => `${n} rows`,
    rate: (n) => `${n} rows/s`,
    eta: (s) => `≈ ${s < 60 ? `${s} s` : `${Math.round(s / 60)} min`} left`,
    saving: 'File read, saving to the database…',
    step: (n, of, name) => `File read, saving to the database: step ${n} of ${of}, ${name}…`,
    steps: {
      duplicates: 'duplicates within the file',
      problems: 'grouping appeals into problems',
      merge: 'writing the appeals',
      places: 'addresses, districts and roads',
      indexes: 'rebuilding indexes',
      grouping: 'grouping into problems after the commit',
    },
    done: 'Done',
    failed: 'Failed',
    counts: { read: 'Read', inserted: 'Inserted', updated: 'Updated', unchanged: 'Unchanged', rejected: 'Rejected' },
    rejects: 'Download rejected rows (CSV)',
    noRejects: 'No rows were rejected.',
    notes: 'Notes',
  },
  history: {
    heading: 'Import history',
    empty: 'No imports yet.',
    loading: 'Loading…',
    cols: {
      id: 'No.',
      file: 'File',
      kind: 'Kind',
      status: 'Status',
      started: 'Started',
      who: 'Who',
      read: 'Read',
      inserted: 'Inserted',
      updated: 'Updated',
      unchanged: 'Unchanged',
      rejected: 'Rejected',
      details: 'Details',
    },
    status: { running: 'running', done: 'done', failed: 'failed' },
    cli: (host, pid) => `command line (${host}, pid ${pid})`,
    download: 'CSV',
    sortBy: (col) => `Sort by “${col}”`,
  },
};
