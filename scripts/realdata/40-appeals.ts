/*
 * Appeals from real files (issue 26 items 3, 4, 5, 7, 8): the St Petersburg portal's complaints (spb_appeals, U+FFFC
 * and NBSP inside texts), the NYC 311 sample with its channel column read through the built-in synonyms (no `values`
 * table in realdata/mappings/nyc311.json), and a copy of the NYC file with its Latitude and Longitude headers traded,
 * written to the scratch directory (never to the repository), which must be told as swapped: rejected as it is,
 * swapped back to the original points with "swap": true. Each file is imported with its committed mapping.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { appealMappingSchema, parseMapping, type AppealMapping } from '../../lib/ingest/mapping';
import { rejectReasons } from './reasons';
import type { RealdataContext, RealdataRow } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SPB_APPEALS = 'spb_appeals/spb_appeals_2020_2021.csv';
export const NYC311 = 'nyc311_sample_2011.csv';

const mappingOf = (name: string): AppealMapping => {
  const file = path.join(here, '..', '..', 'realdata', 'mappings', `${name}.json`);
  return parseMapping(appealMappingSchema, JSON.parse(fs.readFileSync(file, 'utf8')), file);
};

type Summary = Awaited<ReturnType<typeof importAppeals>>;

const box = (b: number[] | null) => (b ? b.map((x) => x.toFixed(3)).join(', ') : 'none');

function row(
  file: string,
  step: string,
  r: Summary,
  rejects: string,
  figures: Record<string, string | number>,
): RealdataRow {
  const repairs = Object.fromEntries(Object.entries(r.repairs).filter(([, n]) => n > 0));
  return {
    file,
    step,
    read: r.read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rejectedBy: rejectReasons(rejects),
    repairs,
    figures: {
      coordinates: r.coordinates.verdict,
      'vote in/swapped/out': `${r.coordinates.vote.in}/${r.coordinates.vote.swapped}/${r.coordinates.vote.out} of ${r.coordinates.vote.sample}`,
      'region from': r.coordinates.region_from.join(', ') || 'nothing loaded',
      'extent w,s,e,n': box(r.coordinates.extent),
      'dates via ISO': r.dates_via_iso,
      'non-unique ids': r.non_unique_ids,
      ...figures,
    },
  };
}

/** The NYC file with its Latitude and Longitude headers traded: every located row's pair is swapped. */
export function writeSwappedNyc(src: string, dest: string): void {
  const text = fs.readFileSync(src, 'utf8');
  const nl = text.indexOf('\n');
  const header = text
    .slice(0, nl)
    .split(',')
    .map((c) => (c === 'Latitude' ? 'Longitude' : c === 'Longitude' ? 'Latitude' : c));
  fs.writeFileSync(dest, `${header.join(',')}${text.slice(nl)}`);
}

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const out: RealdataRow[] = [];
  const spb = path.join(ctx.dataDir, SPB_APPEALS);
  if (fs.existsSync(spb)) {
    const rejects = path.join(ctx.tmp, 'spb_appeals.rejects.csv');
    const r = await importAppeals(ctx.db, spb, { mapping: mappingOf('spb_appeals'), rejectsPath: rejects });
    out.push(row(SPB_APPEALS, 'appeals', r, rejects, {}));
  } else {
    out.push({ file: SPB_APPEALS, step: 'appeals', skipped: 'file missing' });
  }

  const nyc = path.join(ctx.dataDir, NYC311);
  if (!fs.existsSync(nyc)) {
    out.push({ file: NYC311, step: 'appeals (channels, swapped copy)', skipped: 'file missing' });
    return out;
  }
  const mapping = mappingOf('nyc311');
  const rejects = path.join(ctx.tmp, 'nyc311.rejects.csv');
  const r = await importAppeals(ctx.db, nyc, { mapping, rejectsPath: rejects });
  const channels = Object.fromEntries(
    r.channels.map((c) => [`channel ${c.value}`, `${c.channel} (${c.via}) ${c.rows}`]),
  );
  out.push(row(NYC311, 'appeals (channel synonyms)', r, rejects, channels));

  // The swapped copy, same source: the earlier rows of nyc311 are the region.
  const swapped = path.join(ctx.tmp, 'nyc311_swapped.csv');
  writeSwappedNyc(nyc, swapped);
  const rej2 = path.join(ctx.tmp, 'nyc311_swapped.rejects.csv');
  const s = await importAppeals(ctx.db, swapped, { mapping, rejectsPath: rej2 });
  out.push(row('nyc311_swapped.csv (tmp)', 'appeals (swapped copy)', s, rej2, {}));

  const rej3 = path.join(ctx.tmp, 'nyc311_swapped_swap.rejects.csv');
  const before = await pointsOf(ctx, mapping.source);
  const t = await importAppeals(ctx.db, swapped, { mapping: { ...mapping, swap: true }, rejectsPath: rej3 });
  const after = await pointsOf(ctx, mapping.source);
  const moved = [...before].filter(([id, p]) => after.get(id) !== p).length;
  out.push(
    row('nyc311_swapped.csv (tmp)', 'appeals (swapped copy, "swap": true)', t, rej3, {
      'points moved from the original': moved,
      'located after': after.size,
    }),
  );
  return out;
}

/** external_id → "lat lon" of a source's located appeals, to compare a swapped-back import with the original. */
async function pointsOf(ctx: RealdataContext, source: string): Promise<Map<string, string>> {
  const rows = await ctx.db.query<{ external_id: string; p: string }>(
    `SELECT a.external_id, ST_Y(a.geom)::text || ' ' || ST_X(a.geom)::text p FROM appeals a JOIN sources s ON s.id = a.source_id
     WHERE s.code = $1 AND a.geom IS NOT NULL`,
    [source],
  );
  return new Map(rows.map((x) => [x.external_id, x.p]));
}
