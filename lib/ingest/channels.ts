import { CHANNEL_LABELS, CHANNELS, type Channel } from '../domain/vocab';

/*
 * Built-in channel synonyms, Russian and English, for a channel column without a `values` table and for Open311's
 * extended_attributes.channel. A value is compared by its key: lower case, ё as е, quotes dropped, and spaces,
 * dashes, dots, underscores and slashes removed — so "E-mail", "e mail" and "EMAIL" are one value, «Решаем вместе»
 * and "решаем-вместе" another.
 */

export const channelKey = (raw: string): string =>
  raw
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/[«»"'“”„`]/g, '')
    .replace(/[\s\-–—._/\\]+/g, '');

const SYNONYMS: Record<Channel, string[]> = {
  hotline: [
    'телефон',
    'звонок',
    'телефонный звонок',
    'по телефону',
    'горячая линия',
    'телефон горячей линии',
    'колл-центр',
    'кол-центр',
    'call-центр',
    'контакт-центр',
    'единая диспетчерская служба',
    'ЕДДС',
    'ЕДС',
    '122',
    '112',
    'call',
    'phone',
    'phone call',
    'telephone',
    'tel',
    '311',
    'hotline',
    'hot line',
    'call center',
    'call centre',
    'contact center',
    'voice',
    'IVR',
  ],
  web: [
    'сайт',
    'веб',
    'веб-сайт',
    'интернет',
    'интернет-приёмная',
    'официальный сайт',
    'web',
    'website',
    'web site',
    'online',
    'internet',
    'web form',
    'online form',
  ],
  portal: [
    'портал',
    'городской портал',
    'интернет-портал',
    'Наш Санкт-Петербург',
    'Добродел',
    'portal',
    'city portal',
    'web portal',
  ],
  app: [
    'мобильное приложение',
    'приложение',
    'мобильный',
    'mobile',
    'mobile app',
    'app',
    'application',
    'iOS',
    'Android',
    'iPhone',
    'smartphone',
  ],
  social: [
    'соцсети',
    'соцсеть',
    'социальные сети',
    'социальная сеть',
    'vk',
    'вк',
    'вконтакте',
    'в контакте',
    'vkontakte',
    'telegram',
    'телеграм',
    'телеграмм',
    'tg',
    'ok',
    'ок',
    'одноклассники',
    'odnoklassniki',
    'ok.ru',
    'vk.com',
    'instagram',
    'инстаграм',
    'facebook',
    'фейсбук',
    'twitter',
    'твиттер',
    'youtube',
    'ютуб',
    'дзен',
    'dzen',
    'social',
    'social media',
    'social network',
    'Инцидент Менеджмент',
    'Инцидент-менеджмент',
    'ИМ',
  ],
  pos: [
    'ПОС',
    'pos',
    'госуслуги',
    'gosuslugi',
    'Госуслуги. Решаем вместе',
    'Решаем вместе',
    'платформа обратной связи',
    'ЕПГУ',
  ],
  bot: [
    'чат-бот',
    'чатбот',
    'бот',
    'bot',
    'chatbot',
    'chat bot',
    'telegram bot',
    'телеграм-бот',
    'вк-бот',
    'чат',
    'chat',
    'messenger bot',
  ],
  email: ['e-mail', 'email', 'mail', 'почта', 'электронная почта', 'эл. почта', 'емейл', 'имейл', 'емэйл'],
  other: [
    'other',
    'другое',
    'прочее',
    'иное',
    'unknown',
    'неизвестно',
    'не указан',
    'письмо',
    'письменно',
    'лично',
    'личный приём',
    'личный прием',
    'walk-in',
    'in person',
  ],
};

const TABLE: Map<string, Channel> = (() => {
  const t = new Map<string, Channel>();
  for (const c of CHANNELS) {
    t.set(channelKey(c), c);
    t.set(channelKey(CHANNEL_LABELS[c].ru), c);
    t.set(channelKey(CHANNEL_LABELS[c].en), c);
    for (const s of SYNONYMS[c]) t.set(channelKey(s), c);
  }
  return t;
})();

/** Our channel for a source's value by the built-in synonyms, or null when the value is not one of them. */
export function channelSynonym(raw: string): Channel | null {
  const k = channelKey(raw);
  return k ? (TABLE.get(k) ?? null) : null;
}

/** How a value became its channel: the mapping's `values` table, a built-in synonym, or the default (unknown). */
export type ChannelVia = 'values' | 'synonym' | 'default';

export interface ChannelSeen {
  value: string;
  channel: Channel;
  via: ChannelVia;
  rows: number;
}

/** Distinct values remembered per file; more are counted together (a free-text column would be unbounded). */
const MAX_VALUES = 200;

/** The values a file's channel column held and what each became, for the import summary. */
export class ChannelTally {
  private seen = new Map<string, ChannelSeen>();
  private overflow = 0;

  add(value: string, channel: Channel, via: ChannelVia): void {
    const s = this.seen.get(value);
    if (s) s.rows++;
    else if (this.seen.size < MAX_VALUES) this.seen.set(value, { value, channel, via, rows: 1 });
    else this.overflow++;
  }

  /** Every value seen, most rows first. */
  list(): ChannelSeen[] {
    return [...this.seen.values()].sort((a, b) => b.rows - a.rows || a.value.localeCompare(b.value));
  }

  /** Notes: how the values were mapped, and the unknown ones by name. */
  notes(): string[] {
    const all = this.list();
    if (!all.length) return [];
    const show = (s: ChannelSeen) => `"${s.value || '(empty)'}" → ${s.channel} (${s.rows})`;
    const known = all.filter((s) => s.via !== 'default');
    const unknown = all.filter((s) => s.via === 'default' && s.value !== '');
    const empty = all.find((s) => s.via === 'default' && s.value === '');
    const notes = [`channel values: ${known.map(show).join(', ') || 'none known'}`];
    if (empty) notes.push(`${empty.rows} rows have no channel value: counted as ${empty.channel}`);
    if (unknown.length) {
      notes.push(
        `unknown channel values, counted as ${unknown[0]!.channel}: ${unknown.map((s) => `"${s.value || '(empty)'}" (${s.rows})`).join(', ')}` +
          ' (add them to the mapping\'s channel "values")',
      );
    }
    if (this.overflow) notes.push(`${this.overflow} more rows had one of over ${MAX_VALUES} other channel values`);
    return notes;
  }
}
