import type { RuleHit } from './matcher';
import { words } from './text';

// Quotes around the thanks word mark sarcasm: «спасибо» управляющей компании за месяц без воды.
const QUOTED_THANKS = /["«„“'](спасиб|благодар)/i;

/**
 * A thank-you for a solved problem, not a complaint that happens to say "спасибо". Precision matters more than
 * recall here (thanks are excluded from problem counts), so anything that still asks or complains vetoes it:
 * politeness (заранее спасибо), a request, a question, sarcasm, or a contrast after the thanks (спасибо, но…).
 */
export function isGratitude(raw: string, hits: readonly RuleHit[]): boolean {
  const of = (list: string) => hits.filter((h) => h.entry.group === `gratitude.${list}`);
  const blocked = new Set(of('not_thanks').map((h) => h.at));
  // A formula next to the thanks word (заранее спасибо, благодарю за внимание) is politeness, not thanks.
  const polite = of('polite').map((h) => h.at);
  const thanks = [...of('thanks'), ...of('praise')].filter(
    (h) => !blocked.has(h.at) && !polite.some((p) => Math.abs(p - h.at) <= 1),
  );
  if (!thanks.length) return false;
  if (of('request').length || of('sarcasm').length) return false;
  if (raw.includes('?') || QUOTED_THANKS.test(raw)) return false;
  const first = Math.min(...thanks.map((h) => h.at));
  if (of('contrast').some((h) => h.at > first)) return false;
  return !closingFormula(words(raw), first, of('praise').length > 0);
}

// A verb in the past tense (починили, вывезли, заменила, стало): what was done, the usual subject of a real thank-you.
const PAST = /^[а-я]{3,}(ли|ла|ло|лись|лась|лось|лся)$/;
const NOT_PAST = new Set([
  'были',
  'была',
  'было',
  'могли',
  'могла',
  'могло',
  'пришла',
  'пришло',
  'пришли',
  'нашла',
  'нашли',
  'сказали',
  'написали',
  'обращались',
  'обращалась',
  'обратились',
  'просили',
  'просила',
  'жаловались',
  'ждали',
  'звонили',
  'звонила',
  'остались',
  'осталось',
  'пошла',
  'шла',
  'шли',
  'шло',
  'мела',
  'весела',
  'смогла',
  'цела',
  'дела',
  'села',
  'сила',
  'пила',
  'вила',
  'мыла',
  'тела',
  'бела',
  'стела',
  'плитка',
  'долго',
  'около',
  'тепло',
  'светло',
  'стекло',
  'число',
  'масло',
  'село',
  'зло',
  'дело',
  'тело',
  'весло',
  'кресло',
  'помело',
  'сколько',
  'только',
  'пожалуйста',
  'мало',
  'зимой',
  'школа',
  'скала',
  'шкала',
  'стрела',
  'пчела',
  'игла',
  'мгла',
]);

/**
 * «…, спасибо» at the end of a message that only states a problem («Не горит фонарь. Спасибо!») is a closing formula,
 * the commonest false thanks on the St Petersburg portal (115 of its 10 702 complaints). A closing thanks is taken as
 * thanks only when the message says what was done (a past-tense verb not under «не») or praises.
 */
function closingFormula(ws: readonly string[], first: number, praise: boolean): boolean {
  if (praise || first < 3 || first < ws.length - 3) return false;
  for (let i = 0; i < first; i++) {
    const w = ws[i];
    if (PAST.test(w) && !NOT_PAST.has(w) && ws[i - 1] !== 'не' && ws[i - 1] !== 'ни') return false;
  }
  return true;
}
