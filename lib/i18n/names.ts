/**
 * Names for the raw codes the data carries (road classes, roles, road owners, audit actions, time zones), so a page
 * never shows `tertiary`, `road_agency` or `Asia/Yekaterinburg`. An unknown code is shown as it is.
 */

/** OpenStreetMap highway classes as the roads page names them (see the road_class weight in lib/i18n/roads.ts). */
export const ROAD_CLASS_NAMES: Record<string, string> = {
  motorway: 'магистраль',
  trunk: 'магистральная',
  primary: 'основная',
  secondary: 'районная',
  tertiary: 'местная',
  residential: 'жилая улица',
  living_street: 'жилая зона',
  unclassified: 'прочая',
  service: 'служебный проезд',
  track: 'грунтовая',
  pedestrian: 'пешеходная',
};
export const roadClassName = (c: string | null | undefined): string => (c ? (ROAD_CLASS_NAMES[c] ?? c) : '—');

export const ROLE_NAMES: Record<string, string> = {
  admin: 'администратор',
  analyst: 'аналитик',
  road_agency: 'дорожная служба',
};
export const roleName = (r: string | null | undefined): string => (r ? (ROLE_NAMES[r] ?? r) : '—');

/** Road owners, as /roads names them. */
export const OWNER_NAMES: Record<string, string> = {
  federal: 'федеральная',
  regional: 'региональная',
  municipal: 'муниципальная',
  other: 'иная',
};
export const ownerName = (o: string | null | undefined): string => (o ? (OWNER_NAMES[o] ?? o) : '—');

const EXPORTS: Record<string, string> = {
  appeals: 'обращений',
  priorities: 'приоритетов ремонта',
  corrections: 'исправлений тем',
};

/** Audit actions: `export <what> <format>` → «Выгрузка обращений (CSV)». */
export function auditActionName(action: string): string {
  if (action === 'appeal location') return 'Место обращения указано вручную';
  const m = /^export (\w+) (\w+)$/.exec(action);
  if (!m || !EXPORTS[m[1]]) return action;
  return `Выгрузка ${EXPORTS[m[1]]} (${m[2].toUpperCase()})`;
}

const CITIES: Record<string, string> = {
  'Asia/Yekaterinburg': 'Екатеринбург',
  'Europe/Moscow': 'Москва',
  'Europe/Samara': 'Самара',
  'Asia/Omsk': 'Омск',
  'Europe/Kaliningrad': 'Калининград',
  'Asia/Novosibirsk': 'Новосибирск',
  'Asia/Krasnoyarsk': 'Красноярск',
  'Asia/Irkutsk': 'Иркутск',
  'Asia/Yakutsk': 'Якутск',
  'Asia/Vladivostok': 'Владивосток',
  'Asia/Magadan': 'Магадан',
  'Asia/Kamchatka': 'Петропавловск-Камчатский',
  UTC: 'UTC',
};

/** "UTC+5" for a zone at `at` (a zone's offset can change over the years). */
export function utcOffset(timeZone: string, at: Date = new Date()): string {
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  const off = (part?.value ?? 'GMT').replace('GMT', '');
  return off ? `UTC${off}` : 'UTC';
}

/** «Екатеринбург (UTC+5)» for `Asia/Yekaterinburg`; an unknown zone by its city part. */
export function timeZoneName(timeZone: string, at: Date = new Date()): string {
  if (timeZone === 'UTC') return 'UTC';
  const city = CITIES[timeZone] ?? timeZone.split('/').pop()!.replace(/_/g, ' ');
  try {
    return `${city} (${utcOffset(timeZone, at)})`;
  } catch {
    return timeZone;
  }
}
