/** Words of the front page's public figures (app/page.tsx), Russian first, English second. */
export interface FrontDictionary {
  locale: string;
  statsTitle: string;
  statsIntro: (until: string) => string;
  statsCaption: string;
  topic: string;
  total: string;
  otherTopics: string;
  answered: string;
  noData: string;
  pointsOpen: (open: string, total: string) => string;
  pointsNone: string;
}

const ru: FrontDictionary = {
  locale: 'ru-RU',
  statsTitle: 'Обращения жителей',
  statsIntro: (until) =>
    `Сколько проблем жители области сообщили в ЦУР за месяц (благодарности не считаются). Данные по ${until}.`,
  statsCaption: 'Обращения по темам за два последних месяца',
  topic: 'Тема',
  total: 'Всего',
  otherTopics: 'Другие темы',
  answered: 'Дан ответ',
  noData: 'Обращений пока нет.',
  pointsOpen: (open, total) => `Пункты вакцинации открыты сейчас: ${open} из ${total}`,
  pointsNone: 'Пунктов вакцинации пока нет.',
};

const en: FrontDictionary = {
  locale: 'en-GB',
  statsTitle: "Residents' appeals",
  statsIntro: (until) =>
    `How many problems the region's residents reported a month (thanks are not counted). Data until ${until}.`,
  statsCaption: 'Appeals by topic over the last two months',
  topic: 'Topic',
  total: 'Total',
  otherTopics: 'Other topics',
  answered: 'Answered',
  noData: 'No appeals yet.',
  pointsOpen: (open, total) => `Vaccination points open now: ${open} of ${total}`,
  pointsNone: 'No vaccination points yet.',
};

export const frontDictionary = (lang: 'ru' | 'en'): FrontDictionary => (lang === 'en' ? en : ru);
