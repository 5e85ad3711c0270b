/** Turns a topic, a season and a place into the text of a message, in the voice of the channel it came through. */
import type { Channel, Topic } from '../domain/vocab';
import { formatAddress, placePhrase, type Where } from './address';
import { nth, pickIndex, type Rng } from './rng';
import type { Subtopic } from './texts-complaints';

// Residents on social networks vent, portal users write formally, the hotline operator paraphrases a call.
const PREFIX: Record<Channel, readonly string[]> = {
  social: ['', '', '', 'Здравствуйте! ', 'Администрация, помогите! ', 'Добрый день. '],
  pos: ['', 'Добрый день. ', 'Здравствуйте. '],
  portal: ['', 'Проблема: '],
  bot: [''],
  hotline: ['Звонок на горячую линию: ', 'Обращение по телефону: ', ''],
  app: [''],
  email: ['Здравствуйте. '],
  web: [''],
  other: [''],
};
const SUFFIX: Record<Channel, readonly string[]> = {
  social: ['', '', '', ' #{town}', ' Примите меры!', ' Сколько можно?!', ' Писали уже не раз, ответа нет.'],
  pos: ['', ' Прошу принять меры.', ' Прошу разобраться и сообщить сроки устранения.', ' Прошу дать ответ.'],
  portal: ['', ' Просим решить вопрос.'],
  bot: [''],
  hotline: [''],
  app: [''],
  email: [''],
  web: [''],
  other: [''],
};
const THANKS_SUFFIX: Record<Channel, readonly string[]> = {
  social: ['', '', ' Так держать!', ' #{town}'],
  pos: ['', ' Благодарю за работу.'],
  portal: [''],
  bot: [''],
  hotline: [''],
  app: [''],
  email: [''],
  web: [''],
  other: [''],
};

/** What a message is about and where; the text and address are built from it. */
export interface Draft {
  channel: Channel;
  topic: Topic;
  gratitude: boolean;
  calendarMonth: number;
  where: Where;
}

/** Address plus text for a draft. */
export function compose(
  d: Draft,
  families: Record<Topic, readonly Subtopic[]>,
  tables: Record<Topic, Float64Array[]>,
  rng: Rng,
): { address: string; text: string } {
  const address = formatAddress(d.where, rng);
  const family = nth(families[d.topic], pickIndex(nth(tables[d.topic], d.calendarMonth), rng.next()));
  let template = rng.pick(family.templates);
  if (!d.where.street) template = template.replace('на {street}', `в ${d.where.settlement}`);
  const tokens: Record<string, string> = {
    at: placePhrase(d.where, rng),
    addr: address,
    street: d.where.street?.abbr ?? d.where.settlement,
    n: String(rng.int(2, 4)),
    t: String(rng.int(12, 16)),
    route: String(rng.int(1, 70)),
    town: d.where.settlement.replace(/^(г|п|с)\. /, '').replace(/[- ]/g, ''),
  };
  const prefix = d.gratitude ? '' : rng.pick(PREFIX[d.channel]);
  const suffix = rng.pick((d.gratitude ? THANKS_SUFFIX : SUFFIX)[d.channel]);
  // A following sentence needs the first one closed; hashtags and bare endings do not.
  const stop = /^ [А-ЯЁ]/.test(suffix) && !/[.!?]$/.test(template) ? '.' : '';
  const text = `${prefix}${template}${stop}${suffix}`.replace(/\{(\w+)\}/g, (_, k: string) => tokens[k] ?? '');
  return { address, text };
}
