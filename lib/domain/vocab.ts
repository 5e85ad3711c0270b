/** The controlled vocabularies of contract.md, with their Russian and English labels. */

export const TOPICS = [
  'roads',
  'housing',
  'improvement',
  'health',
  'education',
  'transport',
  'energy',
  'waste',
  'social',
  'covid',
  'other',
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, { ru: string; en: string }> = {
  roads: { ru: 'Дороги', en: 'Roads' },
  housing: { ru: 'ЖКХ', en: 'Housing and utilities' },
  improvement: { ru: 'Благоустройство', en: 'Public spaces' },
  health: { ru: 'Здравоохранение', en: 'Health' },
  education: { ru: 'Образование', en: 'Education' },
  transport: { ru: 'Общественный транспорт', en: 'Public transport' },
  energy: { ru: 'Энергетика', en: 'Energy' },
  waste: { ru: 'ТКО (мусор)', en: 'Solid waste' },
  social: { ru: 'Социальная защита', en: 'Social protection' },
  covid: { ru: 'COVID-19 / вакцинация', en: 'COVID-19 / vaccination' },
  other: { ru: 'Прочее', en: 'Other' },
};

export const CHANNELS = ['social', 'pos', 'portal', 'app', 'bot', 'hotline', 'email', 'web', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_LABELS: Record<Channel, { ru: string; en: string }> = {
  social: { ru: 'Соцсети (Инцидент Менеджмент)', en: 'Social networks' },
  pos: { ru: 'ПОС «Решаем вместе»', en: 'Gosuslugi feedback platform' },
  portal: { ru: 'Городской портал', en: 'City portal' },
  app: { ru: 'Мобильное приложение', en: 'Mobile app' },
  bot: { ru: 'Чат-бот', en: 'Chat bot' },
  hotline: { ru: 'Горячая линия', en: 'Hotline' },
  email: { ru: 'Эл. почта', en: 'Email' },
  web: { ru: 'Сайт', en: 'Website' },
  other: { ru: 'Другое', en: 'Other' },
};

export const STATUSES = ['new', 'in_progress', 'answered', 'closed', 'rejected'] as const;
export type Status = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<Status, { ru: string; en: string }> = {
  new: { ru: 'Новое', en: 'New' },
  in_progress: { ru: 'В работе', en: 'In progress' },
  answered: { ru: 'Дан ответ', en: 'Answered' },
  closed: { ru: 'Закрыто', en: 'Closed' },
  rejected: { ru: 'Отклонено', en: 'Rejected' },
};

export const isTopic = (v: string): v is Topic => (TOPICS as readonly string[]).includes(v);
export const isChannel = (v: string): v is Channel => (CHANNELS as readonly string[]).includes(v);
export const isStatus = (v: string): v is Status => (STATUSES as readonly string[]).includes(v);
