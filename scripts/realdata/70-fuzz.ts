/*
 * Fuzzed input per importer (issue 26 acceptance), printed beside the real files: 1,000 seeded rows of random bytes,
 * huge fields, wrong types, invalid geometry, NUL, unpaired surrogates and stray quotes (tests/helpers/fuzz.ts), as
 * CSV (where the importer reads CSV) and GeoJSON, plus a CSV with broken quotes. Each row is accounted for: read =
 * inserted + updated + unchanged + rejected; a file that cannot be read as a whole is one error line (exit 1 in the
 * CLI). Runs last: its rows land in the run's database after the real files. tests/integration/import-fuzz.test.ts
 * runs the same input through the `pmap` command itself.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Database } from '../../db/client';
import { isPmapError } from '../../lib/errors';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { importPlans } from '../../lib/ingest/plans/importPlans';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import type { ImportSummary } from '../../lib/ingest/runImport';
import { FUZZ_KINDS, writeFuzzFiles, type FuzzKind } from '../../tests/helpers/fuzz';
import type { RealdataContext, RealdataRow } from './types';

const ROWS = 1000;
const SEED = 'issue-26-fuzz';
/** The reasons shown per file: the most frequent ones. */
const TOP = 6;

function importer(kind: FuzzKind): (db: Database, file: string, rejectsPath: string) => Promise<ImportSummary> {
  switch (kind) {
    case 'appeals':
      return (db, f, rejectsPath) => importAppeals(db, f, { rejectsPath });
    case 'points':
      return (db, f, rejectsPath) => importPoints(db, f, { rejectsPath });
    case 'plans':
      return (db, f, rejectsPath) => importPlans(db, f, { rejectsPath });
    case 'addresses':
      return (db, f, rejectsPath) => importAddresses(db, f, { rejectsPath });
    case 'roads':
      return (db, f, rejectsPath) => importRoads(db, f, { rejectsPath });
    case 'boundaries':
      return (db, f, rejectsPath) => importBoundaries(db, f, { level: 'municipality', rejectsPath });
  }
}

/** The most frequent reasons, quoted values and numbers folded ("column "…": cannot parse date "…" as ISO N"). */
function topReasons(file: string): Record<string, number> {
  if (!fs.existsSync(file)) return {};
  const rows = parse(fs.readFileSync(file), { relax_column_count: true }) as string[][];
  const by = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const k = (r[2] ?? '')
      .replace(/"[^"]*"/g, '"…"')
      .replace(/(?<!\\)\d[\d,.]*/g, 'N')
      .slice(0, 80);
    by.set(k, (by.get(k) ?? 0) + 1);
  }
  const sorted = [...by].sort((a, b) => b[1] - a[1]);
  const out = Object.fromEntries(sorted.slice(0, TOP));
  const rest = sorted.slice(TOP).reduce((n, [, v]) => n + v, 0);
  if (rest) out['(other reasons)'] = rest;
  return out;
}

export async function run(ctx: RealdataContext): Promise<RealdataRow[]> {
  const dir = path.join(ctx.tmp, 'fuzz');
  const rows: RealdataRow[] = [];
  for (const kind of FUZZ_KINDS) {
    const files = writeFuzzFiles(dir, kind, ROWS, SEED);
    for (const file of [files.csv, files.geojson, files.broken]) {
      if (!file) continue;
      const name = `fuzz: ${path.basename(file)}`;
      const rejects = `${file}.rejects.csv`;
      try {
        const r = await importer(kind)(ctx.db, file, rejects);
        const listed = parse(fs.readFileSync(rejects), { relax_column_count: true }).length - 1;
        const adds = r.read === r.inserted + r.updated + r.unchanged + r.rejected && listed === r.rejected;
        rows.push({
          file: name,
          step: `import ${kind}`,
          read: r.read,
          inserted: r.inserted,
          updated: r.updated,
          unchanged: r.unchanged,
          rejected: r.rejected,
          rejectedBy: topReasons(rejects),
          figures: { 'every row accounted for': adds ? 'yes' : 'NO' },
        });
      } catch (e) {
        // What the CLI prints as its one line: a file unreadable as a whole (exit 1), or an unexpected error (exit 2).
        const line = isPmapError(e) ? e.oneLine() : String(e);
        const exit = isPmapError(e) && e.code !== 'internal' && e.code !== 'db_unavailable' ? 1 : 2;
        rows.push({
          file: name,
          step: `import ${kind}`,
          figures: { exit, error: line.replace(dir + path.sep, '').slice(0, 160) },
        });
      }
    }
  }
  return rows;
}
