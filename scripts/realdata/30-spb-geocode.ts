/*
 * Geocoding in the official St Petersburg grammar (issue 26): the portal's building registry (spb_buildings) is the
 * gazetteer; the queries are the appeals' official addresses rewritten as people write them (tests/helpers/
 * spbAddresses.ts, seeded); truth is the building's point. Figures are on the held-out half (split by a hash of the
 * building id; the other half was used for tuning), next to the exact-text baseline measured in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../lib/ingest/addresses/mapping';
import { parseMapping } from '../../lib/ingest/mapping';
import {
  evaluateSpb,
  readSpbBuildings,
  readSpbTruth,
  spbQueries,
  SPB_APPEALS,
  SPB_BUILDINGS,
} from '../../tests/helpers/spbAddresses';
import { rejectReasons } from './reasons';
import type { RealdataContext, RealdataRow } from './types';

const here = path.dirname(fileURLToPath(import.meta.url));
const pct = (x: number) => `${(100 * x).toFixed(2)} %`;

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const gazetteer = path.join(ctx.dataDir, SPB_BUILDINGS);
  const appeals = path.join(ctx.dataDir, SPB_APPEALS);
  if (!fs.existsSync(gazetteer)) return [{ file: SPB_BUILDINGS, step: 'gazetteer', skipped: 'file missing' }];
  const mappingFile = path.join(here, '..', '..', 'realdata', 'mappings', 'spb_buildings.json');
  const mapping = parseMapping(addressMappingSchema, JSON.parse(fs.readFileSync(mappingFile, 'utf8')), mappingFile);
  const imp = await importAddresses(ctx.db, gazetteer, {
    mapping,
    rejectsPath: path.join(ctx.tmp, 'spb_buildings.rejects.csv'),
  });
  const rows: RealdataRow[] = [
    {
      file: SPB_BUILDINGS,
      step: 'gazetteer (addresses)',
      read: imp.read,
      inserted: imp.inserted,
      updated: imp.updated,
      unchanged: imp.unchanged,
      rejected: imp.rejected,
      rejectedBy: rejectReasons(imp.rejects),
    },
  ];
  if (!fs.existsSync(appeals))
    return [...rows, { file: SPB_APPEALS, step: 'geocoding accuracy', skipped: 'file missing' }];
  const queries = spbQueries(readSpbTruth(appeals, readSpbBuildings(gazetteer)));
  const { heldOut, tuning } = await evaluateSpb(ctx.db, queries);
  if (process.env.PMAP_GEOCODE_MISSES) {
    fs.writeFileSync(process.env.PMAP_GEOCODE_MISSES, tuning.misses.map((m) => JSON.stringify(m)).join('\n'));
  }
  rows.push({
    file: SPB_APPEALS,
    step: 'geocoding (held-out half)',
    read: heldOut.queries,
    figures: {
      'house≤25m': pct(heldOut.house25),
      'baseline exact-text ≤25m': pct(heldOut.baseline25),
      'confident-wrong': pct(heldOut.confidentWrong),
      answered: pct(heldOut.answered),
      'street level only': pct(heldOut.streetLevel),
      'addresses/s (best of 3, all queries)': Math.round(heldOut.perSecond),
      'load average': os.loadavg()[0]!.toFixed(1),
      'tuning half house≤25m': pct(tuning.house25),
    },
  });
  return rows;
}
