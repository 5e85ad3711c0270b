import type { Command } from 'commander';
import { getDb } from '../../db';
import { readMappingFile } from '../../lib/ingest/mapping';
import { pointMappingSchema } from '../../lib/ingest/points/mapping';
import { importPoints } from '../../lib/ingest/points/importPoints';
import { log, progress, result } from '../output';

interface Opts {
  mapping?: string;
  format?: string;
  rejects?: string;
  json?: boolean;
}

/** Registers `pmap import points` (contract.md): service points with weekday opening hours. */
export function registerPointsImport(imp: Command): void {
  imp
    .command('points <file>')
    .description('service points (vaccination) from CSV or GeoJSON, with weekday opening hours')
    .option('--mapping <file>', 'mapping JSON (contract.md); without it, columns carry our field and weekday names')
    .option('--format <format>', 'csv | json | ndjson | geojson (default: from the extension)')
    .option('--rejects <file>', 'where to write the rejected rows (CSV)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: Opts) => {
      const mapping = o.mapping ? readMappingFile(pointMappingSchema, o.mapping) : undefined;
      const db = await getDb();
      const t0 = Date.now();
      const r = await importPoints(db, file, {
        mapping,
        format: o.format,
        rejectsPath: o.rejects,
        onProgress: progress('points', t0),
      });
      for (const n of r.notes) log(`note: ${n}`);
      const human =
        `read ${r.read}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
        (r.rejected ? ` (see ${r.rejects})` : '');
      result(!!o.json, { ...r }, human);
    });
}
