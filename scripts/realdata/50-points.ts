/*
 * Opening hours on real point files (issue 26, item 6): the Ontario test sites (a column per weekday), the St
 * Petersburg service points (one `opening_hours` column: OSM syntax and Russian free forms) and OSM points of
 * interest in northern Moscow (OSM syntax), each imported with its committed mapping (realdata/mappings).
 * Figures: rows that give hours, of those read fully, days that could not be read (unknown, with a warning), rows
 * with a dated exception kept out of the weekly hours ("Th[-1] off"), and rows rejected for their hours (always 0).
 */
import fs from 'node:fs';
import path from 'node:path';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { HOURS_FILES, hoursFigures, hoursMapping, hoursRejects } from '../../tests/helpers/realHours';
import { rejectReasons } from './reasons';
import type { RealdataContext, RealdataRow } from './types';

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const out: RealdataRow[] = [];
  for (const { file: rel, mapping: name } of HOURS_FILES) {
    const file = path.join(ctx.dataDir, rel);
    if (!fs.existsSync(file)) {
      out.push({ file: rel, step: 'points (opening hours)', skipped: 'file missing' });
      continue;
    }
    const mapping = hoursMapping(name);
    const rejects = path.join(ctx.tmp, `${path.basename(rel)}.points.rejects.csv`);
    // No gazetteer is needed: rows without coordinates are rejected with that reason (and counted), not geocoded.
    const r = await importPoints(ctx.db, file, { mapping, rejectsPath: rejects, geocode: async () => null });
    const h = await hoursFigures(file, mapping);
    out.push({
      file: rel,
      step: 'points (opening hours)',
      read: r.read,
      inserted: r.inserted,
      updated: r.updated,
      unchanged: r.unchanged,
      rejected: r.rejected,
      rejectedBy: rejectReasons(rejects),
      figures: {
        'hours given': h.values,
        'read fully': h.parsedFully,
        'days unknown': h.daysUnknown,
        'dated exceptions noted': h.withExceptions,
        'by appointment': h.appointment,
        'rejected for hours': hoursRejects(rejects),
      },
    });
  }
  return out;
}
