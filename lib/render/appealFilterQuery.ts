import type { AppealFilter } from '../domain/filters';

/** An AppealFilter as the query string every staff API parses (lib/domain/filters.ts), in a stable order. */
export function appealFilterParams(f: AppealFilter, extra: Record<string, string | number> = {}): URLSearchParams {
  const p = new URLSearchParams();
  if (f.topic?.length) p.set('topic', f.topic.join(','));
  if (f.channel?.length) p.set('channel', f.channel.join(','));
  if (f.status?.length) p.set('status', f.status.join(','));
  if (f.from) p.set('from', f.from);
  if (f.to) p.set('to', f.to);
  if (f.municipality) p.set('municipality', f.municipality);
  p.set('gratitude', f.gratitude);
  for (const [k, v] of Object.entries(extra)) p.set(k, String(v));
  return p;
}
