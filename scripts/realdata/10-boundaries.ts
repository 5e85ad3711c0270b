/*
 * OKTMO boundaries (issue 26): Moscow's 146 municipal units (mo.geojson, OKTMO/OKATO as text) at municipality level
 * and its 12 administrative okrugs (ao.geojson, OKATO) at region level (the CLI's two levels: the okrugs contain
 * the units); Kaliningrad oblast's 396 settlements at municipality level (names in «населенный_пункт», no code).
 * Figures: codes kept as 8-digit text, ё names found by their е spelling, overlapping pairs (slivers) and, for a
 * probe point inside each overlap, whether the rule (nested first, then deepest inside) chose another polygon than the
 * smallest code would.
 */
import fs from 'node:fs';
import path from 'node:path';
import { municipalityIds, type Cube } from '../../lib/aggregate/cube/cube';
import { importBoundaries, type BoundaryOptions } from '../../lib/ingest/boundaries/importBoundaries';
import { boundaryAtSql } from '../../db/sql/boundaryAt';
import { rejectReasons } from './reasons';
import type { RealdataContext, RealdataRow } from './types';

type Summary = Awaited<ReturnType<typeof importBoundaries>> & {
  overlapping_pairs?: number;
  nested_pairs?: number;
  overlap_m2?: number;
  points_in_overlap?: number;
};

/** A point inside each overlapping pair's overlap, and which polygon each rule gives it. */
async function probes(ctx: RealdataContext, level: BoundaryOptions['level'], ids: [number, number]) {
  const rows = await ctx.db.query<{ deepest: string; smallest: string }>(
    `WITH pair AS (
       SELECT ST_PointOnSurface(ST_CollectionExtract(ST_Intersection(a.geom, b.geom), 3)) AS pt
       FROM boundaries a JOIN boundaries b ON b.level = a.level AND a.id < b.id AND a.geom && b.geom
       WHERE a.level = $1 AND a.id BETWEEN $2 AND $3 AND b.id BETWEEN $2 AND $3 AND ST_Relate(a.geom, b.geom, '2********'))
     SELECT ${boundaryAtSql(level, 'pair.pt', 'code')} AS deepest,
            (SELECT b.code FROM boundaries b WHERE b.level = $1 AND ST_Covers(b.geom, pair.pt) ORDER BY b.code LIMIT 1) AS smallest
     FROM pair WHERE NOT ST_IsEmpty(pair.pt)`,
    [level, ids[0], ids[1]],
  );
  return { probes: rows.length, byDepthNotSmallestCode: rows.filter((r) => r.deepest !== r.smallest).length };
}

async function one(ctx: RealdataContext, rel: string, step: string, o: BoundaryOptions): Promise<RealdataRow | null> {
  const file = path.join(ctx.dataDir, rel);
  if (!fs.existsSync(file)) return { file: rel, step, skipped: 'file missing' };
  const rejects = path.join(ctx.tmp, `${path.basename(rel)}.${o.level}.rejects.csv`);
  const [{ before }] = await ctx.db.query<{ before: number }>(`SELECT coalesce(max(id), 0) AS before FROM boundaries`);
  const r = (await importBoundaries(ctx.db, file, { ...o, rejectsPath: rejects })) as Summary;
  const [{ after }] = await ctx.db.query<{ after: number }>(`SELECT coalesce(max(id), 0) AS after FROM boundaries`);
  const ids: [number, number] = [Number(before) + 1, Number(after)];
  const figures: Record<string, string | number> = {};
  const [c] = await ctx.db.query<{ digits8: number; all: number }>(
    `SELECT count(*) FILTER (WHERE code ~ '^[0-9]{8}$') AS digits8, count(*) AS "all"
     FROM boundaries WHERE level = $1 AND id BETWEEN $2 AND $3`,
    [o.level, ids[0], ids[1]],
  );
  if (Number(c.digits8)) figures['codes 8-digit text'] = `${c.digits8}/${c.all}`;
  // The map's municipality filter (lib/aggregate/cube) given each ё name spelt with е finds that unit.
  const units = await ctx.db.query<{ id: number; code: string; name: string }>(
    `SELECT id, code, name FROM boundaries WHERE level = $1 AND id BETWEEN $2 AND $3`,
    [o.level, ids[0], ids[1]],
  );
  const yo = units.filter((u) => /[ёЁ]/.test(u.name));
  if (yo.length) {
    const cube = { municipalities: units } as unknown as Cube;
    const found = yo.filter((u) =>
      municipalityIds(cube, { municipality: u.name.replace(/ё/g, 'е').replace(/Ё/g, 'Е'), gratitude: 'include' }).has(
        u.id,
      ),
    );
    figures['ё names found spelt with е'] = `${found.length}/${yo.length}`;
  }
  figures['overlapping pairs'] = r.overlapping_pairs ?? 0;
  if (r.overlapping_pairs) {
    figures['of them nested'] = r.nested_pairs ?? 0;
    figures['overlap m²'] = r.overlap_m2 ?? 0;
    const p = await probes(ctx, o.level, ids);
    figures['overlap probes'] = p.probes;
    figures['probes not given to the smallest code'] = p.byDepthNotSmallestCode;
  }
  figures['points in overlap'] = r.points_in_overlap ?? 0;
  return {
    file: rel,
    step,
    read: r.read,
    inserted: r.inserted,
    updated: r.updated,
    unchanged: r.unchanged,
    rejected: r.rejected,
    rejectedBy: rejectReasons(rejects),
    figures,
  };
}

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const out: RealdataRow[] = [];
  for (const [rel, step, o] of [
    ['moscow_municipalities/mo.geojson', 'boundaries (municipality, OKTMO)', { level: 'municipality' }],
    ['moscow_municipalities/ao.geojson', 'boundaries (region = okrug, OKATO)', { level: 'region' }],
    [
      'kaliningrad_settlements_osm.geojson',
      'boundaries (municipality = settlement)',
      { level: 'municipality', nameProperty: 'населенный_пункт' },
    ],
  ] as [string, string, BoundaryOptions][]) {
    const r = await one(ctx, rel, step, o);
    if (r) out.push(r);
  }
  return out;
}
