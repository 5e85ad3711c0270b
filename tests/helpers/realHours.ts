import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { readMappingFile } from '../../lib/ingest/mapping';
import { pointMappingSchema, type PointMapping } from '../../lib/ingest/points/mapping';
import { hoursOf } from '../../lib/ingest/points/mapRecord';
import { detectFormat, openReader } from '../../lib/ingest/readers';
import { readField } from '../../lib/ingest/fields';

/** The real point files with opening hours and their committed mappings (realdata/mappings). */
export const HOURS_FILES = [
  { file: 'ontario_test_sites_2021.csv', mapping: 'ontario.json' },
  { file: 'spb_service_hours/service.geojson', mapping: 'spb_service_hours.json' },
  { file: 'moscow_osm/pois_opening_hours.csv', mapping: 'moscow_osm_pois.json' },
] as const;

export const hoursMapping = (name: string): PointMapping =>
  readMappingFile(
    pointMappingSchema,
    path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'realdata', 'mappings', name),
  );

export interface HoursFigures {
  /** Rows that give any opening hours (a weekday column or the opening_hours column not empty). */
  values: number;
  /** …of which every day was read (dated exceptions such as "Th[-1] off" are read, with a note). */
  parsedFully: number;
  /** Days that could not be read, over all rows: unknown, each with a warning. */
  daysUnknown: number;
  /** Rows whose hours carry a dated exception kept out of the weekly hours (a warning, not a failure). */
  withExceptions: number;
  /** Rows read as "by appointment". */
  appointment: number;
}

/** What the points mapping makes of each row's opening hours (lib/ingest/points/mapRecord), file-wide. */
export async function hoursFigures(file: string, m: PointMapping): Promise<HoursFigures> {
  const f: HoursFigures = { values: 0, parsedFully: 0, daysUnknown: 0, withExceptions: 0, appointment: 0 };
  const specs = [...Object.values(m.hours), ...(m.fields.opening_hours ? [m.fields.opening_hours] : [])];
  for await (const rec of openReader(file, detectFormat(file)).records()) {
    if (!specs.some((s) => readField(rec, s))) continue;
    f.values++;
    const h = hoursOf(rec, m);
    if (h.unreadable.length === 0) f.parsedFully++;
    f.daysUnknown += h.unreadable.length;
    if (h.warnings.some((w) => w.includes('some dates differ'))) f.withExceptions++;
    if (h.appointment) f.appointment++;
  }
  return f;
}

/** Rejected rows of an import whose reason is about opening hours (must be none: hours never reject a site). */
export function hoursRejects(rejectsCsv: string): number {
  if (!fs.existsSync(rejectsCsv)) return 0;
  const rows = parse(fs.readFileSync(rejectsCsv), { columns: true, bom: true }) as Record<string, string>[];
  return rows.filter((r) =>
    /opening hours|opening_hours|"(mon|tues|wednes|thurs|fri|satur|sun)day"/i.test(r.reason ?? ''),
  ).length;
}
