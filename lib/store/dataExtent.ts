import type { Database } from '../../db';
import { sourceExtent, tableExtent, type ExtentRow } from '../../db/queries/dataExtent';
import type { Bbox } from '../domain/bbox';

/** Degrees added on each side of a known extent: a city's suburbs, a region's neighbours. */
export const REGION_MARGIN_DEG = 0.5;

/** Rows of a source read for its extent; their 1st–99th percentiles keep one stray point from widening it. */
const SOURCE_SAMPLE = 20_000;

export interface KnownExtent {
  bbox: Bbox;
  /** What it is the extent of, for the notes ("boundaries", "road segments", …). */
  from: string;
}

const widen = ([w, s, e, n]: Bbox): Bbox => [
  w - REGION_MARGIN_DEG,
  s - REGION_MARGIN_DEG,
  e + REGION_MARGIN_DEG,
  n + REGION_MARGIN_DEG,
];

const boxOf = (r: ExtentRow | undefined): Bbox | null =>
  r && r.w !== null && r.s !== null && r.e !== null && r.n !== null
    ? [Number(r.w), Number(r.s), Number(r.e), Number(r.n)]
    : null;

/**
 * Where the data already loaded lies, each table's extent apart (a Moscow gazetteer and Kaliningrad's boundaries are
 * two boxes, not the sea between them): boundaries, road segments, the address gazetteer, and earlier rows of the
 * same source (appeals or service points), each widened by REGION_MARGIN_DEG.
 */
export async function knownExtents(
  db: Database,
  source: { code: string; table: 'appeals' | 'service_points' },
): Promise<KnownExtent[]> {
  const out: KnownExtent[] = [];
  const whole = async (table: 'boundaries' | 'road_segments' | 'addresses', from: string) => {
    const b = boxOf(await tableExtent(db, table));
    if (b) out.push({ bbox: widen(b), from });
  };
  await whole('boundaries', 'boundaries');
  await whole('road_segments', 'road segments');
  await whole('addresses', 'the address gazetteer');
  const r = await sourceExtent(db, source.table, source.code, SOURCE_SAMPLE);
  const b = boxOf(r);
  if (b) out.push({ bbox: widen(b), from: `earlier rows of the source "${source.code}"` });
  return out;
}
