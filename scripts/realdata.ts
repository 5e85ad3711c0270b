/*
 * npm run realdata: imports every real file in ../shared/data (PMAP_REALDATA_DIR) with the committed mappings in
 * realdata/mappings and prints one table: read, inserted, rejected by reason, repairs, and the accuracy figures of
 * the geocoder, the snapping and the other enrichers. The steps are the modules scripts/realdata/NN-*.ts, run in
 * name order against one fresh database (DATABASE_URL's server, or a throwaway cluster of our own).
 * The files are read in place: some have no licence for redistribution and must never enter the repository.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDb, withServer } from '../bench/server';
import { openDatabase } from '../db/client';
import { migrateToLatest } from '../db/migrate';
import type { RealdataRow, RealdataStep } from './realdata/types';

const here = path.dirname(fileURLToPath(import.meta.url));
const dataDir = path.resolve(process.env.PMAP_REALDATA_DIR ?? path.join(here, '..', '..', 'shared', 'data'));
const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));

function cell(r: RealdataRow): string[] {
  const by = (o?: Record<string, number | string>) =>
    o
      ? Object.entries(o)
          .map(([k, v]) => `${k}: ${typeof v === 'number' ? v.toLocaleString('en') : v}`)
          .join('; ')
      : '';
  const n = (v?: number) => (v === undefined ? '' : v.toLocaleString('en'));
  return [
    r.file,
    r.step,
    n(r.read),
    n(r.inserted),
    n(r.updated),
    n(r.unchanged),
    n(r.rejected),
    r.skipped ? `skipped: ${r.skipped}` : by(r.rejectedBy),
    by(r.repairs),
    by(r.figures),
  ];
}

function print(rows: RealdataRow[]): void {
  const head = [
    'file',
    'step',
    'read',
    'inserted',
    'updated',
    'unchanged',
    'rejected',
    'rejected by reason',
    'repairs',
    'figures',
  ];
  const body = rows.map(cell);
  console.log(`| ${head.join(' | ')} |`);
  console.log(`|${head.map(() => '---').join('|')}|`);
  for (const b of body) console.log(`| ${b.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(dataDir)) {
    console.error(`realdata: no data directory at ${dataDir} (set PMAP_REALDATA_DIR)`);
    process.exit(1);
  }
  const modules = fs
    .readdirSync(path.join(here, 'realdata'))
    .filter((f) => /^\d\d-.+\.ts$/.test(f))
    .sort()
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
  const rows: RealdataRow[] = [];
  await withServer(async (base) => {
    const db = await openDatabase({ url: await freshDb(base, 'pmap_realdata') });
    await migrateToLatest(db);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-realdata-'));
    try {
      for (const f of modules) {
        const t = Date.now();
        const step = (await import(`./realdata/${f}`)) as RealdataStep;
        rows.push(...(await step.run({ db, dataDir, tmp })));
        console.error(`realdata: ${f} done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
      }
    } finally {
      await db.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
  print(rows);
}

await main();
process.exit(0);
