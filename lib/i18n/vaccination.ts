import type { Weekday } from '../hours/types';
import type { ReportReason } from '../points/reports';

/** Every word of the public vaccination page, Russian first; the page picks one by `?lang=`. */
export const LANGS = ['ru', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const isLang = (v: unknown): v is Lang => v === 'ru' || v === 'en';

const RU_ON_DAY: Record<Weekday, string> = {
  monday: 'в понедельник',
  tuesday: 'во вторник',
  wednesday: 'в среду',
  thursday: 'в четверг',
  friday: 'в пятницу',
  saturday: 'в субботу',
  sunday: 'в воскресенье',
};

const EN_DAY: Record<Weekday, string> = {
  monday: 'on Monday',
  tuesday: 'on Tuesday',
  wednesday: 'on Wednesday',
  thursday: 'on Thursday',
  friday: 'on Friday',
  saturday: 'on Saturday',
  sunday: 'on Sunday',
};

const ruDays = (n: number) => {
  const m10 = n % 10;
  const m100 = n % 100;
  const word = m10 === 1 && m100 !== 11 ? 'день' : m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14) ? 'дня' : 'дней';
  return n === 1 ? 'вчера' : `${n} ${word} назад`;
};

export interface Dictionary {
  locale: string;
  title: string;
  intro: string;
  skipToList: string;
  otherLanguage: { lang: Lang; label: string };
  search: { legend: string; label: string; placeholder: string; submit: string; nearMe: string; clear: string };
  searchState: {
    searching: string;
    locating: string;
    notFound: (q: string) => string;
    foundAddress: (matched: string) => string;
    foundInPoints: (q: string) => string;
    nearMe: string;
    geoUnavailable: string;
    geoDenied: string;
    failed: string;
  };
  filters: { legend: string; openNow: string; walkIn: string; accessible: string; vaccine: string; anyVaccine: string };
  list: {
    heading: string;
    count: (n: number) => string;
    sortedByDistance: string;
    sortedByMap: string;
    showMore: (n: number) => string;
    features: string;
    empty: string;
    loading: string;
    loadError: string;
  };
  map: {
    label: string;
    failed: string;
    loading: string;
    legend: { title: string; open: string; closed: string; unknown: string; cluster: string; origin: string };
    /** The label beside the origin marker: the visitor's own position, or the address they searched. */
    here: { me: string; address: string };
  };
  status: {
    openUntil: (time: string) => string;
    openUntilMidnight: string;
    open24: string;
    closedOpensToday: (time: string) => string;
    closedOpensTomorrow: (time: string) => string;
    closedOpensOn: (day: Weekday, time: string) => string;
    closed: string;
    unknown: string;
  };
  freshness: { verified: (days: number) => string; stale: string; staleHint: (days: number | null) => string };
  flags: { walkIn: string; appointments: string; either: string; accessible: string; notAccessible: string };
  route: { label: string; yandex: string; twoGis: string };
  distance: (km: number) => string;
  details: {
    show: string;
    phone: string;
    website: string;
    hours: string;
    hoursNote: (tz: string) => string;
    vaccines: string;
    dayClosed: string;
    dayUnknown: string;
    loading: string;
  };
  weekdays: Record<Weekday, string>;
  vaccines: Record<string, string>;
  report: {
    open: string;
    heading: (name: string) => string;
    reason: string;
    reasons: Record<ReportReason, string>;
    comment: string;
    privacy: string;
    submit: string;
    cancel: string;
    sent: string;
    failed: string;
    tooMany: string;
  };
}

const ru: Dictionary = {
  locale: 'ru-RU',
  title: 'Пункты вакцинации',
  intro: 'Где сделать прививку: ближайшие пункты, часы работы, запись и доступность.',
  skipToList: 'Перейти к списку пунктов',
  otherLanguage: { lang: 'en', label: 'English' },
  search: {
    legend: 'Поиск',
    label: 'Адрес',
    placeholder: 'Оренбург, ул. Советская, 10',
    submit: 'Найти',
    nearMe: 'Рядом со мной',
    clear: 'Сбросить',
  },
  searchState: {
    searching: 'Ищем адрес…',
    locating: 'Определяем ваше местоположение…',
    notFound: (q) => `Адрес «${q}» не найден. Уточните запрос.`,
    foundAddress: (m) => `Ближайшие к адресу: ${m}`,
    foundInPoints: (q) =>
      `Адрес «${q}» не найден в справочнике; показаны пункты рядом с пунктом, в адресе которого он есть.`,
    nearMe: 'Ближайшие к вам пункты',
    geoUnavailable: 'Браузер не умеет определять местоположение. Введите адрес.',
    geoDenied: 'Не удалось определить местоположение. Разрешите доступ или введите адрес.',
    failed: 'Поиск сейчас не работает. Попробуйте позже.',
  },
  filters: {
    legend: 'Фильтры',
    openNow: 'Открыто сейчас',
    walkIn: 'Без записи',
    accessible: 'Доступная среда',
    vaccine: 'Вакцина',
    anyVaccine: 'Любая',
  },
  list: {
    heading: 'Список пунктов',
    count: (n) => `Найдено пунктов: ${n.toLocaleString('ru-RU')}`,
    sortedByDistance: 'по расстоянию',
    sortedByMap: 'от центра карты',
    showMore: (n) => `Показать ещё ${n}`,
    features: 'Особенности',
    empty: 'Нет пунктов, подходящих под выбранные фильтры.',
    loading: 'Загружаем пункты…',
    loadError: 'Не удалось загрузить пункты. Обновите страницу.',
  },
  map: {
    label: 'Карта пунктов вакцинации',
    failed: 'Карта не может быть показана',
    loading: 'Загрузка карты…',
    legend: {
      title: 'Обозначения',
      open: 'открыто',
      closed: 'закрыто',
      unknown: 'часы не указаны',
      cluster: 'несколько пунктов',
      origin: 'ваш адрес',
    },
    here: { me: 'Вы здесь', address: 'Искомый адрес' },
  },
  status: {
    openUntil: (t) => `Открыто до ${t}`,
    openUntilMidnight: 'Открыто до полуночи',
    open24: 'Открыто круглосуточно',
    closedOpensToday: (t) => `Закрыто · откроется в ${t}`,
    closedOpensTomorrow: (t) => `Закрыто · откроется завтра в ${t}`,
    closedOpensOn: (d, t) => `Закрыто · откроется ${RU_ON_DAY[d]} в ${t}`,
    closed: 'Закрыто',
    unknown: 'Часы работы не указаны',
  },
  freshness: {
    verified: (n) => (n === 0 ? 'Проверено сегодня' : `Проверено ${ruDays(n)}`),
    stale: 'Данные могли устареть — позвоните',
    staleHint: (n) => (n === null ? 'Дата проверки неизвестна' : `Последняя проверка: ${ruDays(n)}`),
  },
  flags: {
    walkIn: 'без записи',
    appointments: 'по записи',
    either: 'без записи или по записи',
    accessible: 'доступная среда',
    notAccessible: 'нет доступной среды',
  },
  route: { label: 'Маршрут:', yandex: 'Яндекс Карты', twoGis: '2ГИС' },
  distance: (km) =>
    km < 1
      ? `${Math.round(km * 1000)} м`
      : `${km.toLocaleString('ru-RU', { maximumFractionDigits: km < 10 ? 1 : 0 })} км`,
  details: {
    show: 'Подробнее',
    phone: 'Телефон',
    website: 'Сайт',
    hours: 'Часы работы',
    hoursNote: (tz) => `Местное время пункта (${tz}).`,
    vaccines: 'Вакцины',
    dayClosed: 'выходной',
    dayUnknown: 'нет данных',
    loading: 'Загружаем подробности…',
  },
  weekdays: {
    monday: 'Понедельник',
    tuesday: 'Вторник',
    wednesday: 'Среда',
    thursday: 'Четверг',
    friday: 'Пятница',
    saturday: 'Суббота',
    sunday: 'Воскресенье',
  },
  vaccines: {
    covid: 'COVID-19',
    flu: 'Грипп',
    measles: 'Корь',
    hepatitis_b: 'Гепатит B',
    tick_borne_encephalitis: 'Клещевой энцефалит',
  },
  report: {
    open: 'Сообщить об ошибке',
    heading: (name) => `Ошибка в данных: ${name}`,
    reason: 'Что не так?',
    reasons: {
      wrong_hours: 'Неверные часы работы',
      closed: 'Пункт не работает',
      wrong_location: 'Неверный адрес или место на карте',
      wrong_phone: 'Неверный телефон',
      no_vaccine: 'Нет указанной вакцины',
      other: 'Другое',
    },
    comment: 'Комментарий (необязательно)',
    privacy: 'Не указывайте имя, телефон и другие личные данные: сообщение читают сотрудники ЦУР.',
    submit: 'Отправить',
    cancel: 'Отмена',
    sent: 'Спасибо! Сообщение передано сотрудникам ЦУР.',
    failed: 'Не удалось отправить сообщение. Попробуйте позже.',
    tooMany: 'Слишком много сообщений. Попробуйте позже.',
  },
};

const en: Dictionary = {
  locale: 'en-GB',
  title: 'Vaccination points',
  intro: 'Where to get vaccinated: nearest points, opening hours, appointments and accessibility.',
  skipToList: 'Skip to the list of points',
  otherLanguage: { lang: 'ru', label: 'Русский' },
  search: {
    legend: 'Search',
    label: 'Address',
    placeholder: 'Orenburg, ul. Sovetskaya, 10',
    submit: 'Search',
    nearMe: 'Near me',
    clear: 'Reset',
  },
  searchState: {
    searching: 'Looking up the address…',
    locating: 'Finding your location…',
    notFound: (q) => `Address “${q}” not found. Try a different query.`,
    foundAddress: (m) => `Nearest to: ${m}`,
    foundInPoints: (q) =>
      `“${q}” is not in the address directory; showing points near a point whose address contains it.`,
    nearMe: 'Points nearest to you',
    geoUnavailable: 'This browser cannot tell your location. Enter an address.',
    geoDenied: 'Could not get your location. Allow access or enter an address.',
    failed: 'Search is not working right now. Please try later.',
  },
  filters: {
    legend: 'Filters',
    openNow: 'Open now',
    walkIn: 'Walk-in',
    accessible: 'Wheelchair accessible',
    vaccine: 'Vaccine',
    anyVaccine: 'Any',
  },
  list: {
    heading: 'List of points',
    count: (n) => `${n.toLocaleString('en-GB')} ${n === 1 ? 'point' : 'points'} found`,
    sortedByDistance: 'by distance',
    sortedByMap: 'from the map centre',
    showMore: (n) => `Show ${n} more`,
    features: 'Features',
    empty: 'No points match the selected filters.',
    loading: 'Loading points…',
    loadError: 'Could not load the points. Reload the page.',
  },
  map: {
    label: 'Map of vaccination points',
    failed: 'The map cannot be shown',
    loading: 'Loading the map…',
    legend: {
      title: 'Legend',
      open: 'open',
      closed: 'closed',
      unknown: 'hours unknown',
      cluster: 'several points',
      origin: 'your place',
    },
    here: { me: 'You are here', address: 'The address you searched' },
  },
  status: {
    openUntil: (t) => `Open until ${t}`,
    openUntilMidnight: 'Open until midnight',
    open24: 'Open 24 hours',
    closedOpensToday: (t) => `Closed · opens at ${t}`,
    closedOpensTomorrow: (t) => `Closed · opens tomorrow at ${t}`,
    closedOpensOn: (d, t) => `Closed · opens ${EN_DAY[d]} at ${t}`,
    closed: 'Closed',
    unknown: 'Opening hours unknown',
  },
  freshness: {
    verified: (n) => (n === 0 ? 'Verified today' : `Verified ${n} ${n === 1 ? 'day' : 'days'} ago`),
    stale: 'The data may be out of date: call first',
    staleHint: (n) => (n === null ? 'Never verified' : `Last verified ${n} ${n === 1 ? 'day' : 'days'} ago`),
  },
  flags: {
    walkIn: 'walk-in',
    appointments: 'by appointment',
    either: 'walk-in or by appointment',
    accessible: 'wheelchair accessible',
    notAccessible: 'not accessible',
  },
  route: { label: 'Route:', yandex: 'Yandex Maps', twoGis: '2GIS' },
  distance: (km) =>
    km < 1
      ? `${Math.round(km * 1000)} m`
      : `${km.toLocaleString('en-GB', { maximumFractionDigits: km < 10 ? 1 : 0 })} km`,
  details: {
    show: 'Details',
    phone: 'Phone',
    website: 'Website',
    hours: 'Opening hours',
    hoursNote: (tz) => `Local time of the point (${tz}).`,
    vaccines: 'Vaccines',
    dayClosed: 'closed',
    dayUnknown: 'no data',
    loading: 'Loading details…',
  },
  weekdays: {
    monday: 'Monday',
    tuesday: 'Tuesday',
    wednesday: 'Wednesday',
    thursday: 'Thursday',
    friday: 'Friday',
    saturday: 'Saturday',
    sunday: 'Sunday',
  },
  vaccines: {
    covid: 'COVID-19',
    flu: 'Flu',
    measles: 'Measles',
    hepatitis_b: 'Hepatitis B',
    tick_borne_encephalitis: 'Tick-borne encephalitis',
  },
  report: {
    open: 'Report a mistake',
    heading: (name) => `Mistake in: ${name}`,
    reason: 'What is wrong?',
    reasons: {
      wrong_hours: 'Wrong opening hours',
      closed: 'The point is closed down',
      wrong_location: 'Wrong address or map position',
      wrong_phone: 'Wrong phone number',
      no_vaccine: 'The listed vaccine is not available',
      other: 'Something else',
    },
    comment: 'Comment (optional)',
    privacy: 'Do not include your name, phone or other personal data: the message is read by staff.',
    submit: 'Send',
    cancel: 'Cancel',
    sent: 'Thank you! Your message has been passed to the staff.',
    failed: 'Could not send the message. Please try later.',
    tooMany: 'Too many messages. Please try later.',
  },
};

export const DICTIONARIES: Record<Lang, Dictionary> = { ru, en };
export const dictionary = (lang: Lang): Dictionary => DICTIONARIES[lang];

/** A vaccine's name in the language, or its code when we do not know it. */
export const vaccineLabel = (t: Dictionary, code: string): string => t.vaccines[code] ?? code.replace(/_/g, ' ');
