import type { Command } from 'commander';
import { getDb } from '../../db';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importPlans } from '../../lib/ingest/plans/importPlans';
import { planMappingSchema } from '../../lib/ingest/plans/mapping';
import { log, result } from '../output';

interface Opts {
  mapping?: string;
  format?: string;
  rejects?: string;
  json?: boolean;
}

/** Registers `pmap import plans` (contract.md): repair plan entries joined to segments by id or by geometry. */
export function registerPlansImport(imp: Command): void {
  imp
    .command('plans <file>')
    .description('repair plan entries (CSV or GeoJSON), joined to road segments by segment id or by geometry')
    .option(
      '--mapping <file>',
      'mapping JSON (contract.md: segment_id, year, status, work_type, completed_at, warranty_until)',
    )
    .option('--format <format>', 'csv | json | ndjson | geojson (default: from the extension)')
    .option('--rejects <file>', 'where to write the rejected rows (CSV)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: Opts) => {
      const mapping = o.mapping ? readMappingFile(planMappingSchema, o.mapping) : undefined;
      const db = await getDb();
      const r = await importPlans(db, file, { mapping, format: o.format, rejectsPath: o.rejects });
      for (const n of r.notes) log(`note: ${n}`);
      const human =
        `read ${r.read}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
        (r.rejected ? ` (see ${r.rejects})` : '');
      result(!!o.json, { ...r }, human);
    });
}
