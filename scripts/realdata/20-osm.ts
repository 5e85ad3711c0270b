/*
 * OSM roads and addresses (issue 26), moscow_osm in ../shared/data, read in place (© OpenStreetMap contributors,
 * ODbL 1.0). roads.geojson (588 ways) with realdata/mappings/moscow_osm_roads.json: `highway` → road class through
 * the mapping's classes, `cladr:code` kept as the segment's street code, `oneway` (yes / -1 / no) as the direction.
 * addresses.csv (379 buildings) as a gazetteer with realdata/mappings/moscow_osm_addresses.json: house numbers as
 * OSM writes them (`17А к3`, `29/16`, `4А с2`). Then every address is geocoded back ("Москва, street, house") and
 * the share found at the right house (within 25 m of a building of that address) is reported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { geocodeBatch } from '../../lib/enrich/geocode';
import { metresBetween } from '../../lib/enrich/geocode/distance';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../lib/ingest/addresses/mapping';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { rejectReasons } from './reasons';
import type { RealdataContext, RealdataRow } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAPPINGS = path.join(here, '..', '..', 'realdata', 'mappings');
export const ROADS = 'moscow_osm/roads.geojson';
export const ADDRESSES = 'moscow_osm/addresses.csv';
/** A building is found "at the right house" when the geocoded point lies within this many metres of its own point. */
export const HOUSE_M = 25;

const TYPE_ABBR: [RegExp, string][] = [
  [/^улица (.+)$|^(.+) улица$/, 'ул. $1$2'],
  [/^(.+) проезд$|^проезд (.+)$/, '$1$2 пр-д'],
  [/^(.+) переулок$|^переулок (.+)$/, '$1$2 пер.'],
  [/^(.+) бульвар$|^бульвар (.+)$/, '$1$2 б-р'],
  [/^(.+) проспект$|^проспект (.+)$/, 'пр-т $1$2'],
  [/^(.+) шоссе$/, '$1 ш.'],
];

/**
 * An OSM address as a resident types it: the street type abbreviated and moved (ул., пр-д, пер., б-р, пр-т, ш.),
 * е for ё, lower case, "д." before the number, "корп." and "стр." for к and с ("17А к3" → "д. 17а корп. 3").
 */
export function asPeopleWrite(street: string, house: string): string {
  let st = street;
  for (const [re, to] of TYPE_ABBR)
    if (re.test(st)) {
      st = st.replace(re, to);
      break;
    }
  const h = house
    .replace(/\s*к\s*(?=\d)/g, ' корп. ')
    .replace(/\s*с\s*(?=\d)/g, ' стр. ')
    .replace(/\s+/g, ' ')
    .trim();
  return `москва ${st.replace(/ё/g, 'е').toLowerCase()}, д. ${h.toLowerCase()}`;
}

async function roads(ctx: RealdataContext): Promise<RealdataRow> {
  const file = path.join(ctx.dataDir, ROADS);
  if (!fs.existsSync(file)) return { file: ROADS, step: 'roads', skipped: 'file missing' };
  const rejects = path.join(ctx.tmp, 'moscow_osm_roads.rejects.csv');
  const mapping = readMappingFile(roadMappingSchema, path.join(MAPPINGS, 'moscow_osm_roads.json'));
  const r = await importRoads(ctx.db, file, { mapping, rejectsPath: rejects });
  const src = `(SELECT id FROM sources WHERE code = '${mapping.source}')`;
  const classes = await ctx.db.query<{ c: string | null; n: number }>(
    `SELECT road_class AS c, count(*) AS n FROM road_segments WHERE source_id = ${src} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  const [k] = await ctx.db.query<{
    codes: number;
    named: number;
    along: number;
    against: number;
    both: number;
    km: number;
  }>(
    `SELECT count(street_code) AS codes, count(name) AS named, count(*) FILTER (WHERE oneway = 1) AS along,
            count(*) FILTER (WHERE oneway = -1) AS against, count(*) FILTER (WHERE oneway = 0) AS both,
            round(sum(length_m)::numeric / 1000, 1) AS km
     FROM road_segments WHERE source_id = ${src}`,
  );
  return {
    file: ROADS,
    step: 'roads',
    read: r.read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rejectedBy: rejectReasons(rejects),
    figures: {
      classes: classes.map((c) => `${c.c ?? '—'} ${c.n}`).join(', '),
      'street codes (cladr:code)': Number(k!.codes),
      named: Number(k!.named),
      'oneway along/against/both': `${k!.along}/${k!.against}/${k!.both}`,
      km: Number(k!.km),
    },
  };
}

async function addresses(ctx: RealdataContext): Promise<RealdataRow> {
  const file = path.join(ctx.dataDir, ADDRESSES);
  if (!fs.existsSync(file)) return { file: ADDRESSES, step: 'gazetteer + geocode back', skipped: 'file missing' };
  const rejects = path.join(ctx.tmp, 'moscow_osm_addresses.rejects.csv');
  const mapping = readMappingFile(addressMappingSchema, path.join(MAPPINGS, 'moscow_osm_addresses.json'));
  const r = await importAddresses(ctx.db, file, { mapping, rejectsPath: rejects });
  const rows = (parse(fs.readFileSync(file), { columns: true, bom: true }) as Record<string, string>[]).filter(
    (b) => b.addr_street && b.addr_housenumber,
  );
  const rejected = new Set(
    fs.existsSync(rejects)
      ? (parse(fs.readFileSync(rejects), { columns: true, bom: true }) as Record<string, string>[]).map(
          (x) => `${x.osm_type} ${x.osm_id}`,
        )
      : [],
  );
  const hits = await geocodeBatch(
    ctx.db,
    rows.map((b) => `Москва, ${b.addr_street}, ${b.addr_housenumber}`),
  );
  const written = await geocodeBatch(
    ctx.db,
    rows.map((b) => asPeopleWrite(b.addr_street!, b.addr_housenumber!)),
  );
  // OSM gives one address to several buildings at times (a node and a way, or 2–3 buildings of one number): an answer
  // at any building of that address is the right house.
  const key = (b: Record<string, string>) => `${b.addr_street}|${b.addr_housenumber}`;
  const same = new Map<string, Record<string, string>[]>();
  for (const b of rows) same.set(key(b), [...(same.get(key(b)) ?? []), b]);
  const at = (i: number) => {
    const h = hits[i];
    return h
      ? Math.min(...same.get(key(rows[i]!))!.map((b) => metresBetween(h.lat, h.lon, Number(b.lat), Number(b.lon))))
      : Infinity;
  };
  const right = rows.filter((_, i) => at(i) <= HOUSE_M).length;
  const rightWritten = rows.filter((b, i) => {
    const h = written[i];
    return h && same.get(key(b))!.some((x) => metresBetween(h.lat, h.lon, Number(x.lat), Number(x.lon)) <= HOUSE_M);
  }).length;
  const imported = rows.map((b, i) => ({ b, i })).filter(({ b }) => !rejected.has(`${b.osm_type} ${b.osm_id}`));
  const rightImported = imported.filter(({ i }) => at(i) <= HOUSE_M).length;
  const confidentWrong = rows.filter((_, i) => hits[i] && hits[i]!.confidence >= 0.8 && at(i) > HOUSE_M).length;
  const pct = (n: number, d: number) => `${((100 * n) / Math.max(1, d)).toFixed(1)} % (${n}/${d})`;
  return {
    file: ADDRESSES,
    step: 'gazetteer + geocode back',
    read: r.read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rejectedBy: rejectReasons(rejects),
    figures: {
      [`right house ≤${HOUSE_M} m, all addresses`]: pct(right, rows.length),
      [`right house ≤${HOUSE_M} m, imported`]: pct(rightImported, imported.length),
      [`right house ≤${HOUSE_M} m, written as people write`]: pct(rightWritten, rows.length),
      'exact point (≤1 m)': pct(rows.filter((_, i) => at(i) <= 1).length, rows.length),
      'not found': rows.filter((_, i) => !hits[i]).length,
      'addresses on several buildings': [...same.values()].filter((v) => v.length > 1).length,
      'confident-wrong (≥0.8)': confidentWrong,
    },
  };
}

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  return [await roads(ctx), await addresses(ctx)];
}
