import { readWeekText } from '../../hours/osm';
import { formatDay, parseDay } from '../../hours/parse';
import { WEEKDAYS, type Weekday } from '../../hours/types';
import { placementOf, type Placement } from '../coordinateVote';
import type { Bbox } from '../coordinates';
import { isValidTimezone, parseDateLenient } from '../dates';
import { columnOf, nullIfEmpty, readField as read } from '../fields';
import { readId } from '../ids';
import type { SourceRecord } from '../readers';
import { DEFAULT_POINT_TIMEZONE, type PointField, type PointMapping } from './mapping';
import { coordinatesOf, rejectedRow, RowReject } from '../rowReject';

/** A service point as the source describes it, after mapping and validation, before geocoding. */
export interface PointDraft {
  externalId: string;
  name: string;
  /** What the page shows: the address, with the city appended when the source keeps it apart. */
  address: string | null;
  phone: string | null;
  url: string | null;
  walkIn: boolean | null;
  appointments: boolean | null;
  accessible: boolean | null;
  vaccines: string[];
  /** Canonical day texts (lib/hours formatDay): "09:00-17:00", "09:00-13:00,14:00-18:00", "closed", "". */
  hours: Record<Weekday, string>;
  /** Days whose hours could not be read: stored as unknown (""), the site is kept; one warning per problem. */
  hoursUnreadable: Weekday[];
  hoursWarnings: string[];
  timezone: string;
  timezoneAssumed: boolean;
  verifiedAt: Date | null;
  /** verified_at failed the mapping's date_format and was read as ISO 8601. */
  verifiedAtViaIso: boolean;
  /** Null when the source has none (empty or the 0/0 placeholder): the importer geocodes the address or rejects. */
  lat: number | null;
  lon: number | null;
  /** Why lat/lon are null, for the reject reason. */
  missingCoordinates: 'empty' | 'zero' | null;
  coordinatesSwapped: boolean;
  /** The source gave a website that is not an http(s) address; it is left out. */
  urlDropped: boolean;
}

export type PointMapResult = { ok: true; draft: PointDraft } | { ok: false; reason: string };

function flag(rec: SourceRecord, m: PointMapping, field: PointField): boolean | null {
  const raw = read(rec, m.fields[field]);
  if (!raw) return null;
  const v = raw.toLowerCase();
  if (m.true_values.some((t) => t.toLowerCase() === v)) return true;
  if (m.false_values.some((f) => f.toLowerCase() === v)) return false;
  throw new RowReject(
    `column "${columnOf(m.fields[field], field)}": "${raw}" is neither yes nor no (set "true_values" / "false_values" in the mapping)`,
  );
}

/** A website as a link people can follow: "www.x.ca" gains https://; javascript: and other schemes are dropped. */
function website(raw: string): { url: string | null; dropped: boolean } {
  if (!raw) return { url: null, dropped: false };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw)
    ? raw
    : /^[\w-]+(\.[\w-]+)+([/?#].*)?$/.test(raw)
      ? `https://${raw}`
      : raw;
  try {
    const u = new URL(withScheme);
    if (u.protocol === 'http:' || u.protocol === 'https:') return { url: u.toString(), dropped: false };
  } catch {
    // not a URL at all: dropped below
  }
  return { url: null, dropped: true };
}

function vaccinesOf(rec: SourceRecord, m: PointMapping): string[] {
  const raw = read(rec, m.fields.vaccines);
  const out = new Set<string>();
  for (const part of raw.split(/[,;|]/)) {
    const v = part.trim();
    if (!v) continue;
    out.add(m.vaccine_values[v] ?? v.toLowerCase().replace(/[\s-]+/g, '_'));
  }
  return [...out];
}

export interface HoursRead {
  hours: Record<Weekday, string>;
  unreadable: Weekday[];
  warnings: string[];
  /** The hours say "by appointment" / "по записи". */
  appointment: boolean;
}

/**
 * The week's hours from the weekday columns and/or one `opening_hours` column (OSM syntax or free text). A weekday
 * column that is not empty decides its day. A day that cannot be read becomes unknown with a warning: a site is
 * never rejected for its hours.
 */
export function hoursOf(rec: SourceRecord, m: PointMapping): HoursRead {
  const whole = m.fields.opening_hours === undefined ? null : readWeekText(read(rec, m.fields.opening_hours));
  const out = {} as Record<Weekday, string>;
  const unreadable: Weekday[] = [];
  const warnings: string[] =
    whole?.warnings.map((w) => `column "${columnOf(m.fields.opening_hours, 'opening_hours')}": ${w}`) ?? [];
  let appointment = whole?.appointment ?? false;
  for (const d of WEEKDAYS) {
    const text = read(rec, m.hours[d]);
    if (!text && whole) {
      out[d] = formatDay(whole.week[d]);
      if (whole.unreadable.includes(d)) unreadable.push(d);
      continue;
    }
    const r = parseDay(text);
    if (r.ok) {
      out[d] = formatDay(r.day);
      if (r.note === 'appointment') appointment = true;
    } else {
      out[d] = '';
      unreadable.push(d);
      warnings.push(`column "${columnOf(m.hours[d], d)}": ${r.reason}: ${d} unknown`);
    }
  }
  return { hours: out, unreadable, warnings, appointment };
}

function timezoneOf(rec: SourceRecord, m: PointMapping): { timezone: string; assumed: boolean } {
  const raw = read(rec, m.fields.timezone);
  if (raw) {
    if (!isValidTimezone(raw))
      throw new RowReject(
        `column "${columnOf(m.fields.timezone, 'timezone')}": "${raw}" is not an IANA time zone name`,
      );
    return { timezone: raw, assumed: false };
  }
  return m.timezone ? { timezone: m.timezone, assumed: false } : { timezone: DEFAULT_POINT_TIMEZONE, assumed: true };
}

function verifiedAtOf(rec: SourceRecord, m: PointMapping, timezone: string): { date: Date; viaIso: boolean } | null {
  const raw = read(rec, m.fields.verified_at);
  if (!raw) return null;
  const d = parseDateLenient(raw, m.date_format, timezone);
  if (d) return { date: d.date, viaIso: d.viaIso };
  const how = m.date_format ? `the format "${m.date_format}"` : 'ISO 8601 (set "date_format" in the mapping)';
  throw new RowReject(
    `column "${columnOf(m.fields.verified_at, 'verified_at')}": cannot parse date "${raw}" as ${how}`,
  );
}

/** The address to show and to geocode: "145 Government Road East, Kirkland Lake". */
function addressOf(rec: SourceRecord, m: PointMapping): string | null {
  const address = read(rec, m.fields.address);
  const city = read(rec, m.fields.city);
  if (!address) return null;
  if (!city || address.toLowerCase().includes(city.toLowerCase())) return address;
  return `${address}, ${city}`;
}

/** Maps and validates one source record; never throws for a bad row, it returns the reason instead. */
export function mapPointRecord(rec: SourceRecord, m: PointMapping, region?: Bbox | Placement): PointMapResult {
  if (rec.problem) return { ok: false, reason: rec.problem };
  try {
    const externalId = readId(rec, m.fields.external_id);
    if (!externalId)
      throw new RowReject(`column "${columnOf(m.fields.external_id, 'external_id')}": the external id is empty`);
    const name = read(rec, m.fields.name);
    if (!name) throw new RowReject(`column "${columnOf(m.fields.name, 'name')}": the name is empty`);
    const { timezone, assumed } = timezoneOf(rec, m);
    const site = website(read(rec, m.fields.url));
    const hours = hoursOf(rec, m);
    const flags = {
      walkIn: flag(rec, m, 'walk_in'),
      appointments: flag(rec, m, 'appointments'),
      accessible: flag(rec, m, 'accessible'),
    };
    // Hours that say "by appointment" answer the booking question when the source's flags do not.
    if (hours.appointment && flags.appointments === null) flags.appointments = true;
    const c = coordinatesOf(rec, m, placementOf(region));
    const verified = verifiedAtOf(rec, m, timezone);
    return {
      ok: true,
      draft: {
        externalId,
        name,
        address: addressOf(rec, m),
        phone: nullIfEmpty(read(rec, m.fields.phone)),
        url: site.url,
        ...flags,
        vaccines: vaccinesOf(rec, m),
        hours: hours.hours,
        hoursUnreadable: hours.unreadable,
        hoursWarnings: hours.warnings,
        timezone,
        timezoneAssumed: assumed,
        verifiedAt: verified?.date ?? null,
        verifiedAtViaIso: verified?.viaIso ?? false,
        lat: c.lat,
        lon: c.lon,
        missingCoordinates: c.missing,
        coordinatesSwapped: c.swapped,
        urlDropped: site.dropped,
      },
    };
  } catch (e) {
    return rejectedRow(e);
  }
}
