import type { RuleHit } from './matcher';

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
  const thanks = [...of('thanks'), ...of('praise')]
    .filter((h) => !blocked.has(h.at) && !polite.some((p) => Math.abs(p - h.at) <= 1));
  if (!thanks.length) return false;
  if (of('request').length || of('sarcasm').length) return false;
  if (raw.includes('?') || QUOTED_THANKS.test(raw)) return false;
  const first = Math.min(...thanks.map((h) => h.at));
  return !of('contrast').some((h) => h.at > first);
}
