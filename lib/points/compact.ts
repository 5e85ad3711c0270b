import { weekFromStored } from '../hours/parse';
import { WEEKDAYS, type Weekday, type WeekHours } from '../hours/types';
import type { PointFields, PublicPoint } from './types';

/**
 * The wire format of the public point list: one array per point instead of an object (no repeated keys), and the
 * weekly hours and time zones as indexes into tables of the distinct values (20 k points share a few hundred
 * schedules). About a third of the size of plain GeoJSON; the client decodes it once.
 */
export const POINT_COLUMNS = [
  'id',
  'lon',
  'lat',
  'name',
  'address',
  'walk_in',
  'appointments',
  'accessible',
  'vaccines',
  'hours',
  'tz',
  'verified_at',
] as const;

export type CompactPoint = [
  id: number,
  lon: number,
  lat: number,
  name: string,
  address: string | null,
  walkIn: boolean | null,
  appointments: boolean | null,
  accessible: boolean | null,
  vaccines: string[],
  hours: number,
  tz: number,
  verifiedAt: string | null,
];

export interface CompactPoints {
  columns: typeof POINT_COLUMNS;
  /** Distinct weeks: seven day texts each, Monday first. */
  hours: string[][];
  zones: string[];
  points: CompactPoint[];
}

/** What the store hands over per point. */
export interface PointRecord extends PointFields {
  hours: Partial<Record<Weekday, string>>;
  timezone: string;
  verifiedAt: string | null;
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function interner<T>(key: (v: T) => string) {
  const index = new Map<string, number>();
  const values: T[] = [];
  return {
    values,
    id(v: T): number {
      const k = key(v);
      let i = index.get(k);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(k, i);
      }
      return i;
    },
  };
}

export function encodePoints(records: readonly PointRecord[]): CompactPoints {
  const weeks = interner<string[]>((w) => w.join('|'));
  const zones = interner<string>((z) => z);
  const points = records.map((r): CompactPoint => [
    r.id,
    round6(r.lon),
    round6(r.lat),
    r.name,
    r.address,
    r.walkIn,
    r.appointments,
    r.accessible,
    r.vaccines,
    weeks.id(WEEKDAYS.map((d) => r.hours[d] ?? '')),
    zones.id(r.timezone),
    r.verifiedAt,
  ]);
  return { columns: POINT_COLUMNS, hours: weeks.values, zones: zones.values, points };
}

/** Back to objects; each distinct week is parsed once. */
export function decodePoints(c: CompactPoints): PublicPoint[] {
  const weeks = c.hours.map((days) => {
    const text = Object.fromEntries(WEEKDAYS.map((d, i) => [d, days[i] ?? ''])) as Record<Weekday, string>;
    return { text, parsed: weekFromStored(text) as WeekHours };
  });
  return c.points.map(
    ([id, lon, lat, name, address, walkIn, appointments, accessible, vaccines, h, tz, verifiedAt]) => ({
      id,
      lon,
      lat,
      name,
      address,
      walkIn,
      appointments,
      accessible,
      vaccines,
      hoursText: weeks[h].text,
      hours: weeks[h].parsed,
      timezone: c.zones[tz],
      verifiedAt,
    }),
  );
}
