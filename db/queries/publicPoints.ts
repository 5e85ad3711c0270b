import { sql } from 'kysely';
import type { Database } from '../client';
import type { PointRecord } from '../../lib/points/compact';
import type { PublicPointDetails } from '../../lib/points/types';
import { WEEKDAYS, type Weekday } from '../../lib/hours/types';
import { runSql } from '../sql/builder';

/*
 * Server-only. The only queries behind public point routes. They name their columns one by one: nothing else of a point
 * (raw source record, import job, geocoding details) and nothing of any other table can reach a public response.
 */

const PUBLIC_KIND = 'vaccination';

interface Row {
  id: number;
  lon: number;
  lat: number;
  name: string;
  address: string | null;
  walk_in: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: string[] | null;
  hours: Partial<Record<Weekday, string>> | null;
  timezone: string;
  verified: string | null;
}

const COLUMNS = sql`id, ST_X(geom) AS lon, ST_Y(geom) AS lat, name, address, walk_in, appointments, accessible,
    vaccines, hours, timezone, to_char(verified_at AT TIME ZONE timezone, 'YYYY-MM-DD') AS verified`;

export async function publicPointRecords(db: Database): Promise<PointRecord[]> {
  const rows = await runSql<Row>(
    db,
    sql`SELECT ${COLUMNS} FROM service_points WHERE kind = ${PUBLIC_KIND} ORDER BY id`,
  );
  return rows.map((r) => ({
    id: r.id,
    lon: r.lon,
    lat: r.lat,
    name: r.name,
    address: r.address,
    walkIn: r.walk_in,
    appointments: r.appointments,
    accessible: r.accessible,
    vaccines: r.vaccines ?? [],
    hours: r.hours ?? {},
    timezone: r.timezone,
    verifiedAt: r.verified,
  }));
}

/** One point with its own phone and website, or null. */
export async function publicPointDetails(db: Database, id: number): Promise<PublicPointDetails | null> {
  const [r] = await runSql<Row & { phone: string | null; url: string | null }>(
    db,
    sql`SELECT ${COLUMNS}, phone, url FROM service_points WHERE kind = ${PUBLIC_KIND} AND id = ${id}`,
  );
  if (!r) return null;
  const hours = Object.fromEntries(WEEKDAYS.map((d) => [d, r.hours?.[d] ?? ''])) as Record<Weekday, string>;
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    lon: r.lon,
    lat: r.lat,
    phone: r.phone,
    url: r.url,
    walk_in: r.walk_in,
    appointments: r.appointments,
    accessible: r.accessible,
    vaccines: r.vaccines ?? [],
    hours,
    timezone: r.timezone,
    verified_at: r.verified,
  };
}
