/*
 * npm run bench -- snap [--data DIR] [--seed S] [--file F --mapping M [--truth COLUMN] [--roads R --roads-mapping RM]]:
 * road snapping, ours (lib/enrich/spatial.ts snapToRoads at SNAP_NAME_MARGIN_M) against the plain nearest segment,
 * on every file it is given. Without --file: the real-geometry truth of bench/snapData.ts (moscow_osm ways and
 * buildings in ../shared/data). With --file: a user's appeals CSV (its mapping) whose column --truth (default
 * "truth_segment") names the external id of the segment each row lies on, against --roads (default the moscow_osm
 * ways with the committed mapping). Prints the accuracy of both, the margin used, and the sweep the margin comes from.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { freshDb, withServer } from './server';
import { openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import { SNAP_NAME_MARGIN_M } from '../lib/enrich/spatial';
import { appealMappingSchema, readMappingFile } from '../lib/ingest/mapping';
import { importRoads } from '../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../lib/ingest/roads/mapping';
import {
  importOsmRoads,
  measureImported,
  measureSnap,
  osmSnapCases,
  osmSnapFiles,
  pct,
  type SnapScore,
} from './snapData';

const opt = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

export function printScores(scores: SnapScore[]): void {
  for (const s of scores) {
    console.log(
      `${s.file}: ${s.points.toLocaleString('en')} points — ours ${pct(s.ours)} (margin ${s.margin} m), ` +
        `nearest only ${pct(s.nearest)}${s.ours >= s.nearest ? '' : '  ← OURS IS WORSE'}`,
    );
    for (const [g, v] of Object.entries(s.groups)) {
      console.log(
        `    ${g.padEnd(14)} ${String(v.points).padStart(5)} points: ours ${pct(v.ours)}, nearest ${pct(v.nearest)}`,
      );
    }
    console.log(`    sweep (margin m → share): ${s.sweep.map((w) => `${w.margin}: ${pct(w.share)}`).join(', ')}`);
  }
  const safe =
    scores[0]?.sweep
      .map((w) => w.margin)
      .filter((m) => scores.every((s) => (s.sweep.find((w) => w.margin === m)?.share ?? 0) >= s.nearest)) ?? [];
  console.log(
    `margin used: ${SNAP_NAME_MARGIN_M} m; margins of the sweep at which ours is never worse than nearest on these files: ${safe.join(', ') || 'none'} m`,
  );
}

export async function run(): Promise<void> {
  const dataDir = path.resolve(opt('data') ?? path.join(process.cwd(), '..', 'shared', 'data'));
  const file = opt('file');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-bench-snap-'));
  await withServer(async (base) => {
    const db = await openDatabase({ url: await freshDb(base, 'pmap_bench_snap') });
    try {
      await migrateToLatest(db);
      const roads = opt('roads');
      const imp = roads
        ? await importRoads(
            db,
            roads,
            opt('roads-mapping') ? { mapping: readMappingFile(roadMappingSchema, opt('roads-mapping')!) } : {},
          )
        : await importOsmRoads(db, dataDir);
      console.log(
        `roads: ${imp.read} read, ${imp.inserted} inserted, ${imp.rejected} rejected (${roads ?? path.join(dataDir, 'moscow_osm/roads.geojson')})`,
      );
      const scores: SnapScore[] = [];
      if (file) {
        const mappingFile = opt('mapping');
        if (!mappingFile) throw new Error('--file needs --mapping (the appeals mapping of that file)');
        const mapping = readMappingFile(appealMappingSchema, mappingFile);
        const idCol = typeof mapping.fields.external_id === 'string' ? mapping.fields.external_id : null;
        if (!idCol) throw new Error('the mapping must name one external_id column to join the truth column');
        const truthCol = opt('truth') ?? 'truth_segment';
        const rows = parse(fs.readFileSync(file), { columns: true, bom: true, skip_empty_lines: true }) as Record<
          string,
          string
        >[];
        const truth = new Map(rows.filter((r) => r[idCol] && r[truthCol]).map((r) => [r[idCol]!, r[truthCol]!]));
        if (!truth.size) throw new Error(`no row of ${file} has both "${idCol}" and "${truthCol}"`);
        scores.push(await measureImported(db, file, mapping, truth, path.basename(file), SNAP_NAME_MARGIN_M));
      } else {
        const cases = osmSnapCases(dataDir, opt('seed'));
        for (const f of osmSnapFiles(cases)) scores.push(await measureSnap(db, f, tmp, SNAP_NAME_MARGIN_M));
      }
      printScores(scores);
    } finally {
      await db.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
}
