import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { appealFilterSchema } from '../../lib/domain/filters';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { defaultRoadMapping } from '../../lib/ingest/roads/mapping';
import { weightsTarget } from '../../lib/roads/scope';
import { exportPriorities } from '../../lib/store/roadsExport';
import { priorityReport } from '../../lib/store/roadsReport';
import { readWeights, saveWeights } from '../../lib/store/roadsWeights';
import { freshPostgres } from '../helpers/db';

/*
 * Finding 4 of the security probe (issue 18): a road agency's POST /api/roads/weights rewrote the one global table and
 * reordered every other owner's list. Weights are per owner now, with a global default only an admin edits.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-weights-owner-'));
const filter = appealFilterSchema.parse({ to: '2026-06-30' });
let db: Database;

// Two owners, two segments each, 400 m long: X-1 is in the worst condition with no complaints, X-2 in the best with 4.
// Weights on the condition alone put X-1 first; weights on complaints per km alone put X-2 first.
const ONLY_CONDITION = { per_km: 0, citizens: 0, trend: 0, condition: 1, road_class: 0, facilities: 0 };
const ONLY_PER_KM = { per_km: 1, citizens: 0, trend: 0, condition: 0, road_class: 0, facilities: 0 };
const BUILT_IN = { per_km: 3, citizens: 2, trend: 1, condition: 2, road_class: 1, facilities: 1 };

const admin = { role: 'admin', owner: null };
const roadMunicipal = { role: 'road_agency', owner: 'municipal' };
const analyst = { role: 'analyst', owner: null };

const order = async (owner: string) => (await priorityReport(db, { owner, filter })).ranked.map((s) => s.externalId);

/** Saves as `viewer` would through POST /api/roads/weights (with `owner` in the body when given). */
async function saveAs(viewer: { role: string; owner: string | null }, w: typeof ONLY_CONDITION, owner?: string) {
  await saveWeights(db, w, viewer.role, weightsTarget(viewer, owner));
}

beforeAll(async () => {
  ({ db } = await freshPostgres('roads_weights_owner'));
  const features = [
    ['F-1', 'federal', 1],
    ['F-2', 'federal', 5],
    ['M-1', 'municipal', 1],
    ['M-2', 'municipal', 5],
  ].map(([id, owner, rating], i) => ({
    type: 'Feature',
    properties: { external_id: id, name: `ул. ${id}`, road_class: 'residential', owner, rating },
    geometry: {
      type: 'LineString',
      coordinates: [
        [55.1, 51.7 + i * 0.01],
        [55.1058, 51.7 + i * 0.01],
      ],
    },
  }));
  const file = path.join(tmp, 'two-owners.geojson');
  fs.writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  await importRoads(db, file, { mapping: defaultRoadMapping(file), rejectsPath: path.join(tmp, 'rejects.csv') });
  const [{ id: src }] = await db.query<{ id: number }>(
    `INSERT INTO sources (code, name, kind) VALUES ('t', 't', 'appeals') RETURNING id`,
  );
  let n = 0;
  for (const seg of ['F-2', 'M-2']) {
    for (const day of ['2026-04-01', '2026-05-01', '2026-06-01', '2026-06-20']) {
      await db.query(
        `INSERT INTO appeals (source_id, external_id, channel, created_at, status, topic, is_gratitude, author_pseudonym, road_segment_id, raw, content_hash)
         SELECT $1, $2, 'portal', $3::date + time '12:00', 'new', 'roads', false, $2, id, '{}', 'x' FROM road_segments WHERE external_id = $4`,
        [src, `a${++n}`, day, seg],
      );
    }
  }
}, 120_000);
afterAll(async () => {
  await db?.close();
});

describe('road priority weights per owner (issue 18, finding 4)', () => {
  it("saving weights as owner A leaves owner B's weights and ranking unchanged; the default changes only by admin", async () => {
    // Nothing saved: every owner reads the built-in weights.
    expect(await readWeights(db, 'federal')).toEqual(BUILT_IN);

    // The admin sets the global default to complaints per km: both owners follow it.
    await saveAs(admin, ONLY_PER_KM);
    expect(await order('federal')).toEqual(['F-2', 'F-1']);
    expect(await order('municipal')).toEqual(['M-2', 'M-1']);

    // The municipal agency saves its own weights (condition only): its list turns over, the federal one does not.
    await saveAs(roadMunicipal, ONLY_CONDITION);
    expect(await readWeights(db, 'municipal')).toEqual(ONLY_CONDITION);
    expect(await order('municipal')).toEqual(['M-1', 'M-2']);
    expect(await readWeights(db, 'federal')).toEqual(ONLY_PER_KM);
    expect(await order('federal')).toEqual(['F-2', 'F-1']);
    expect(await readWeights(db, null)).toEqual(ONLY_PER_KM);
    // `pmap export priorities --owner federal` ranks with the federal weights too.
    const csv = (await exportPriorities(db, { owner: 'federal', filter, format: 'csv' })).bytes.toString('utf8');
    expect(csv.indexOf('F-2')).toBeGreaterThan(0);
    expect(csv.indexOf('F-2')).toBeLessThan(csv.indexOf('F-1'));

    // A road agency cannot reach another owner's weights, an analyst none at all.
    expect(() => weightsTarget(roadMunicipal, 'federal')).toThrow(/own road owner/);
    expect(() => weightsTarget(analyst, undefined)).toThrow(/only admins and road agencies/);
    expect(() => weightsTarget({ role: 'road_agency', owner: null }, undefined)).toThrow(/bound to no road owner/);

    // The admin changes the default: owners without weights of their own follow; the municipal agency keeps its own.
    await saveAs(admin, ONLY_CONDITION);
    expect(await order('federal')).toEqual(['F-1', 'F-2']);
    expect(await readWeights(db, 'municipal')).toEqual(ONLY_CONDITION);
    // The admin edits one owner's weights: only that owner's.
    await saveAs(admin, ONLY_PER_KM, 'municipal');
    expect(await order('municipal')).toEqual(['M-2', 'M-1']);
    expect(await order('federal')).toEqual(['F-1', 'F-2']);
    expect(await readWeights(db, null)).toEqual(ONLY_CONDITION);
  });
});
