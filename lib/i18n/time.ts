/**
 * The one way staff pages show a moment: in the region's time zone (PMAP_TIME_ZONE, lib/config/env.ts), never in
 * the server's or UTC. The zone is passed in, so client components use it too.
 */
export function formatLocal(
  at: Date | string | number,
  timeZone: string,
  locale: 'ru' | 'en' = 'ru',
  style: 'short' | 'medium' = 'short',
): string {
  const d = at instanceof Date ? at : new Date(at);
  return new Intl.DateTimeFormat(locale === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone,
    dateStyle: style === 'short' ? 'short' : 'long',
    timeStyle: style,
  }).format(d);
}
