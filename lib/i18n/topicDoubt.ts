import type { Lang } from './vaccination';

/** Words of the topic chooser shown on appeals in doubt (the appeals list and the map's drill-down). */
export interface TopicDoubtWords {
  inDoubt: string;
  choose: (topic: string, percent: string) => string;
  other: string;
  otherLabel: string;
  pick: string;
  pickLabel: string;
  manual: string;
  toAuto: string;
  toAutoLabel: string;
  saving: string;
  failed: (msg: string) => string;
  onlyDoubt: string;
}

const RU: TopicDoubtWords = {
  inDoubt: 'Тема под сомнением',
  choose: (t, p) => `${t} ${p}: выбрать эту тему`,
  other: 'Другая…',
  otherLabel: 'Другая тема',
  pick: 'Выбрать',
  pickLabel: 'Сохранить выбранную другую тему',
  manual: 'выбрано вручную',
  toAuto: 'Вернуть автоматическую',
  toAutoLabel: 'Вернуть тему, определённую автоматически',
  saving: 'Сохранение…',
  failed: (m) => `Не удалось сохранить тему: ${m}`,
  onlyDoubt: 'Только темы под сомнением',
};

const EN: TopicDoubtWords = {
  inDoubt: 'Topic in doubt',
  choose: (t, p) => `${t} ${p}: choose this topic`,
  other: 'Other…',
  otherLabel: 'Another topic',
  pick: 'Choose',
  pickLabel: 'Save the other topic chosen',
  manual: 'chosen by hand',
  toAuto: 'Back to automatic',
  toAutoLabel: 'Return to the automatically decided topic',
  saving: 'Saving…',
  failed: (m) => `Could not save the topic: ${m}`,
  onlyDoubt: 'Only topics in doubt',
};

export const topicDoubtText = (lang: Lang = 'ru'): TopicDoubtWords => (lang === 'en' ? EN : RU);
