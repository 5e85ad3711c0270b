/*
 * Road snapping on real geometry (issue 26 item 2): ours (snapToRoads at SNAP_NAME_MARGIN_M) against the plain
 * nearest segment and the old name-first rule, on points sampled along the real moscow_osm ways with seeded GPS noise,
 * carrying the nearest real building's address or the way's own street (bench/snapData.ts; `npm run bench -- snap`
 * prints the same with the whole margin sweep). Uses the roads 20-osm imported, or imports them when run alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SNAP_MAX_M, SNAP_NAME_MARGIN_M } from '../../lib/enrich/spatial';
import {
  importOsmRoads,
  measureSnap,
  OSM_ADDRESSES,
  OSM_ROADS,
  osmSnapCases,
  osmSnapFiles,
  pct,
} from '../../bench/snapData';
import type { RealdataContext, RealdataRow } from './types';

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const missing = [OSM_ROADS, OSM_ADDRESSES].filter((f) => !fs.existsSync(path.join(ctx.dataDir, f)));
  if (missing.length)
    return [{ file: OSM_ROADS, step: 'snapping: ours vs nearest', skipped: `file missing: ${missing.join(', ')}` }];
  const [{ n }] = await ctx.db.query<{ n: number }>(
    `SELECT count(*) AS n FROM road_segments WHERE source_id IN (SELECT id FROM sources WHERE code = 'moscow_osm_roads')`,
  );
  if (!Number(n)) await importOsmRoads(ctx.db, ctx.dataDir);
  const out: RealdataRow[] = [];
  for (const f of osmSnapFiles(osmSnapCases(ctx.dataDir))) {
    const s = await measureSnap(ctx.db, f, ctx.tmp, SNAP_NAME_MARGIN_M, [SNAP_MAX_M]);
    out.push({
      file: `${OSM_ROADS} + ${OSM_ADDRESSES}`,
      step: `snapping, ${f.name.replace(/^osm: /, '')}`,
      read: s.points,
      figures: {
        ours: pct(s.ours),
        'nearest only': pct(s.nearest),
        'margin m': s.margin,
        'name first (old rule)': pct(s.sweep.find((w) => w.margin === SNAP_MAX_M)!.share),
        ...Object.fromEntries(
          Object.entries(s.groups)
            .filter(() => Object.keys(s.groups).length > 1)
            .map(([g, v]) => [`${g} (${v.points})`, `${pct(v.ours)} vs ${pct(v.nearest)}`]),
        ),
      },
    });
  }
  return out;
}
