import { awaitingGroupingText } from './grouping';
import type { Lang } from './vaccination';

/** Words of the drill-down list, the export menu and the briefing page; Russian first, English second. */
export interface DrillDictionary {
  locale: string;
  drill: {
    title: { cell: string; segment: string; appeal: string };
    close: string;
    total: (n: number) => string;
    loading: string;
    empty: string;
    failed: (msg: string) => string;
    prev: string;
    next: string;
    page: (page: number, pages: number) => string;
    columns: { date: string; topic: string; channel: string; status: string; problem: string; text: string };
    gratitude: string;
    problem: (id: number) => string;
    noProblem: string;
    /** Appeals here still joining problems after a big import's commit (issue 21). */
    awaitingGrouping: (n: number) => string;
    noText: string;
  };
  exportMenu: { label: string; csv: string; xlsx: string; geojson: string; note: string };
  briefing: BriefingWords;
}

export interface BriefingWords {
  title: string;
  formTitle: string;
  formIntro: string;
  municipality: string;
  chooseMunicipality: string;
  from: string;
  to: string;
  show: string;
  change: string;
  period: (from: string, to: string, days: number) => string;
  comparedWith: (from: string, to: string) => string;
  generatedAt: (at: string) => string;
  sections: { totals: string; map: string; problems: string; hotspots: string; overdue: string; thanks: string };
  measure: string;
  current: string;
  previous: string;
  change_: string;
  rows: { total: string; complaints: string; gratitude: string; citizens: string };
  topic: string;
  place: string;
  appeals: string;
  citizens: string;
  open: string;
  dates: string;
  /** A row that merges several problem groups (or cells) of one topic and place. */
  merged: (n: number) => string;
  cluster: string;
  clustersNote: string;
  noProblems: string;
  hotspotLabel: { new: string; intensifying: string; persistent: string };
  persistentTitle: string;
  hotspotNote: string;
  methodsTitle: string;
  /** The methods footnote: test names, the grid, the significance level. */
  methods: (alpha: string, weeks: number) => string[];
  shortPeriod: string;
  noHotspots: string;
  trend: string;
  overdueCount: (n: number, days: number) => string;
  noOverdue: string;
  date: string;
  channel: string;
  status: string;
  address: string;
  daysOpen: string;
  thanksCount: (n: number, prev: number) => string;
  noThanks: string;
  recentThanks: string;
  mapNote: string;
}

const RU: DrillDictionary = {
  locale: 'ru-RU',
  drill: {
    title: { cell: 'Обращения в ячейке', segment: 'Обращения по участку дороги', appeal: 'Обращение' },
    close: 'Закрыть',
    total: (n) => `Всего: ${n.toLocaleString('ru-RU')}`,
    loading: 'Загрузка обращений…',
    empty: 'По текущему фильтру здесь нет обращений.',
    failed: (m) => `Не удалось загрузить обращения: ${m}`,
    prev: '← Назад',
    next: 'Вперёд →',
    page: (p, n) => `Страница ${p} из ${n}`,
    columns: { date: 'Дата', topic: 'Тема', channel: 'Канал', status: 'Статус', problem: 'Проблема', text: 'Текст' },
    gratitude: 'благодарность',
    problem: (id) => `группа №${id}`,
    noProblem: 'без группы',
    awaitingGrouping: (n) => awaitingGroupingText('ru', n, n.toLocaleString('ru-RU')),
    noText: '(без текста)',
  },
  exportMenu: {
    label: 'Выгрузить текущий фильтр',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    geojson: 'GeoJSON',
    note: 'Без текста, автора и контактов; выгрузка записывается в журнал.',
  },
  briefing: {
    title: 'Справка по обращениям граждан',
    formTitle: 'Справка по муниципалитету',
    formIntro: 'Выберите муниципалитет и период: справка сравнит его с предыдущим периодом той же длины.',
    municipality: 'Муниципалитет',
    chooseMunicipality: '— выберите —',
    from: 'С',
    to: 'По',
    show: 'Сформировать',
    change: 'Изменить параметры',
    period: (f, t, d) => `Период: ${f} — ${t} (${d} дн.)`,
    comparedWith: (f, t) => `Сравнение с периодом ${f} — ${t}`,
    generatedAt: (at) => `Сформирована ${at}`,
    sections: {
      totals: 'Итоги периода',
      map: 'Карта жалоб',
      problems: 'Главные проблемы',
      hotspots: 'Растущие очаги',
      overdue: 'Просроченные обращения',
      thanks: 'Благодарности',
    },
    measure: 'Показатель',
    current: 'За период',
    previous: 'Предыдущий период',
    change_: 'Изменение',
    rows: {
      total: 'Всего обращений',
      complaints: 'Жалобы и вопросы',
      gratitude: 'Благодарности',
      citizens: 'Граждан (разных авторов)',
    },
    topic: 'Тема',
    place: 'Место',
    appeals: 'Обращений',
    citizens: 'Граждан',
    open: 'Открыто',
    dates: 'Первое — последнее',
    merged: (n) => `объединено групп: ${n}`,
    cluster: 'скопление',
    clustersNote:
      'Группы проблем за период не сформированы: показаны скопления жалоб одной темы на участке около 0,7 км² (см. «Методика»).',
    noProblems: 'Повторяющихся проблем за период нет.',
    hotspotLabel: { new: 'новый очаг', intensifying: 'усиливается', persistent: 'устойчивый' },
    persistentTitle: 'Устойчивые очаги (для сравнения)',
    hotspotNote: 'Очаг — место, где жалоб заметно больше, чем вокруг, и их число растёт (см. «Методика»).',
    methodsTitle: 'Методика',
    methods: (a, w) => [
      'Территория разбита на шестиугольные ячейки H3 (разрешение 7, около 5 км²; для скоплений — разрешение 8, около 0,7 км²).',
      `Очаги: статистика Getis-Ord Gi* по ячейкам и тест Манна — Кендалла по ${w} нед., уровень значимости ${a}.`,
      'Одна проблема: группы обращений одной темы с одной улицей или адресом показаны одной строкой.',
    ],
    shortPeriod: 'Период короче четырёх недель: тренд не проверяется, возможны только новые очаги.',
    noHotspots: 'Растущих очагов за период не найдено.',
    trend: 'Тренд (z)',
    overdueCount: (n, d) => `Открыто дольше ${d} дней: ${n.toLocaleString('ru-RU')}`,
    noOverdue: 'Просроченных обращений нет.',
    date: 'Дата',
    channel: 'Канал',
    status: 'Статус',
    address: 'Адрес',
    daysOpen: 'Дней открыто',
    thanksCount: (n, p) =>
      `Благодарностей: ${n.toLocaleString('ru-RU')} (в предыдущем периоде ${p.toLocaleString('ru-RU')})`,
    noThanks: 'Благодарностей за период нет.',
    recentThanks: 'Последние благодарности',
    mapNote: 'Жалобы с координатами за период; цвет — число жалоб в ячейке.',
  },
};

const EN: DrillDictionary = {
  locale: 'en-GB',
  drill: {
    title: { cell: 'Appeals in the cell', segment: 'Appeals on the road segment', appeal: 'Appeal' },
    close: 'Close',
    total: (n) => `Total: ${n.toLocaleString('en-GB')}`,
    loading: 'Loading appeals…',
    empty: 'No appeals here under the current filter.',
    failed: (m) => `Could not load appeals: ${m}`,
    prev: '← Previous',
    next: 'Next →',
    page: (p, n) => `Page ${p} of ${n}`,
    columns: { date: 'Date', topic: 'Topic', channel: 'Channel', status: 'Status', problem: 'Problem', text: 'Text' },
    gratitude: 'thanks',
    problem: (id) => `group #${id}`,
    noProblem: 'no group',
    awaitingGrouping: (n) => awaitingGroupingText('en', n, n.toLocaleString('en-GB')),
    noText: '(no text)',
  },
  exportMenu: {
    label: 'Export the current filter',
    csv: 'CSV',
    xlsx: 'Excel (XLSX)',
    geojson: 'GeoJSON',
    note: 'No text, author or contacts; every export is logged.',
  },
  briefing: {
    title: "Citizens' appeals briefing",
    formTitle: 'Municipality briefing',
    formIntro:
      'Choose a municipality and a period: the briefing compares it with the previous period of the same length.',
    municipality: 'Municipality',
    chooseMunicipality: '— choose —',
    from: 'From',
    to: 'To',
    show: 'Build',
    change: 'Change parameters',
    period: (f, t, d) => `Period: ${f} — ${t} (${d} days)`,
    comparedWith: (f, t) => `Compared with ${f} — ${t}`,
    generatedAt: (at) => `Generated ${at}`,
    sections: {
      totals: 'Totals',
      map: 'Map of complaints',
      problems: 'Top problems',
      hotspots: 'Growing hotspots',
      overdue: 'Overdue appeals',
      thanks: 'Thanks',
    },
    measure: 'Measure',
    current: 'This period',
    previous: 'Previous period',
    change_: 'Change',
    rows: {
      total: 'All appeals',
      complaints: 'Complaints and questions',
      gratitude: 'Thanks',
      citizens: 'Citizens (distinct authors)',
    },
    topic: 'Topic',
    place: 'Place',
    appeals: 'Appeals',
    citizens: 'Citizens',
    open: 'Open',
    dates: 'First — last',
    merged: (n) => `groups merged: ${n}`,
    cluster: 'cluster',
    clustersNote: 'No problem groups in the period: showing clusters of one topic in about 0.7 km² (see Methods).',
    noProblems: 'No recurring problems in the period.',
    hotspotLabel: { new: 'new hotspot', intensifying: 'intensifying', persistent: 'persistent' },
    persistentTitle: 'Persistent hotspots (for context)',
    hotspotNote: 'A hotspot is a place with clearly more complaints than around it, and growing (see Methods).',
    methodsTitle: 'Methods',
    methods: (a, w) => [
      'The area is split into H3 hexagons (resolution 7, about 5 km²; clusters at resolution 8, about 0.7 km²).',
      `Hotspots: Getis-Ord Gi* per cell and a Mann–Kendall test over ${w} weeks, significance level ${a}.`,
      'One problem: groups of one topic naming the same street or address are shown as one row.',
    ],
    shortPeriod: 'The period is shorter than four weeks: no trend test, only new hotspots.',
    noHotspots: 'No growing hotspots in the period.',
    trend: 'Trend (z)',
    overdueCount: (n, d) => `Open for more than ${d} days: ${n.toLocaleString('en-GB')}`,
    noOverdue: 'No overdue appeals.',
    date: 'Date',
    channel: 'Channel',
    status: 'Status',
    address: 'Address',
    daysOpen: 'Days open',
    thanksCount: (n, p) => `Thanks: ${n.toLocaleString('en-GB')} (previous period ${p.toLocaleString('en-GB')})`,
    noThanks: 'No thanks in the period.',
    recentThanks: 'Latest thanks',
    mapNote: 'Complaints with coordinates in the period; colour is the number of complaints per cell.',
  },
};

export const drillText = (lang: Lang = 'ru'): DrillDictionary => (lang === 'en' ? EN : RU);

/** A change against the previous period: "+12 %", "−30 %", "0 %"; "новое" ("new") when there was nothing before. */
export function changeText(now: number, before: number, lang: Lang = 'ru'): string {
  if (before === 0) return now === 0 ? '—' : lang === 'en' ? 'new' : 'новое';
  const pct = Math.round(((now - before) / before) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${Math.abs(pct)}${lang === 'en' ? '%' : ' %'}`;
}
