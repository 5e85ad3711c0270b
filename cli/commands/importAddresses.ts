import type { Command } from 'commander';
import { getDb } from '../../db';
import { importAddresses } from '../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../lib/ingest/addresses/mapping';
import { readMappingFile } from '../../lib/ingest/mapping';
import { log, progress, result } from '../output';

interface Opts {
  mapping?: string;
  format?: string;
  rejects?: string;
  json?: boolean;
}

/** `pmap import addresses FILE`: the gazetteer the offline geocoder matches against (contract.md). */
export function registerAddressesImport(imp: Command): void {
  imp
    .command('addresses <file>')
    .description('an address gazetteer (CSV, JSON or GeoJSON points) for offline geocoding')
    .option('--mapping <file>', 'mapping JSON: fields text, locality, street, house, lat, lon (or coordinates)')
    .option('--format <format>', 'csv | json | ndjson | geojson (default: from the extension)')
    .option('--rejects <file>', 'where to write the rejected rows (CSV)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: Opts) => {
      const mapping = o.mapping ? readMappingFile(addressMappingSchema, o.mapping) : undefined;
      const db = await getDb();
      const t0 = Date.now();
      const r = await importAddresses(db, file, {
        mapping,
        format: o.format,
        rejectsPath: o.rejects,
        onProgress: progress('addresses', t0),
      });
      for (const n of r.notes) log(`note: ${n}`);
      result(
        !!o.json,
        { ...r },
        `read ${r.read}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
          (r.rejected ? ` (see ${r.rejects})` : ''),
      );
    });
}
