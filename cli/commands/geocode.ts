import type { Command } from 'commander';
import { getDb } from '../../db';
import { createGeocodeTodo, geocodeTodoIds } from '../../db/queries/geocodeCli';
import { PmapError } from '../../lib/errors';
import { geocodeFile } from '../../lib/ingest/geocodeFile';
import { geocodeOne } from '../../lib/enrich/geocode';
import { geocodeAppeals } from '../../lib/enrich/geocode/appeals';
import { assignBoundaries } from '../../lib/enrich/spatial';
import { progress, result } from '../output';

interface Opts {
  file?: string;
  column?: string;
  out?: string;
  appeals?: boolean;
  json?: boolean;
}

/** `pmap geocode "ADDRESS"` and `pmap geocode --file IN.csv --column NAME --out OUT.csv` (contract.md). */
export function registerGeocode(program: Command): void {
  program
    .command('geocode [address]')
    .description('addresses → points from the imported gazetteer (pmap import addresses); offline')
    .option('--file <in.csv>', 'geocode a column of a CSV file instead of one address')
    .option('--column <name>', 'the column of --file that holds the address')
    .option('--out <out.csv>', 'where to write the input columns plus lat, lon, confidence, matched')
    .option('--appeals', 'geocode the stored appeals that have an address but no location')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (address: string | undefined, o: Opts) => {
      const modes = [address !== undefined, !!o.file, !!o.appeals].filter(Boolean).length;
      if (modes !== 1)
        throw new PmapError(
          'bad_argument',
          'give one address, or --file IN.csv --column NAME --out OUT.csv, or --appeals',
        );
      const db = await getDb();
      const t0 = Date.now();
      if (address !== undefined) {
        const hit = await geocodeOne(db, address);
        const out = {
          query: address,
          lat: hit?.lat ?? null,
          lon: hit?.lon ?? null,
          confidence: hit?.confidence ?? null,
          matched: hit?.matched ?? null,
        };
        result(
          !!o.json,
          out,
          hit
            ? `${hit.lat.toFixed(6)}, ${hit.lon.toFixed(6)} (confidence ${hit.confidence.toFixed(2)}): ${hit.matched}`
            : 'no match',
        );
        return;
      }
      if (o.appeals) {
        const r = await db.transaction(async (s) => {
          await createGeocodeTodo(s);
          const g = await geocodeAppeals(s, geocodeTodoIds);
          await assignBoundaries(s, geocodeTodoIds);
          return g;
        });
        const out = {
          read: r.read,
          matched: r.matched,
          unmatched: r.read - r.matched,
          seconds: (Date.now() - t0) / 1000,
        };
        result(!!o.json, out, `read ${out.read}: matched ${out.matched}, unmatched ${out.unmatched}`);
        return;
      }
      if (!o.column) throw new PmapError('bad_argument', '--file needs --column NAME (the column holding the address)');
      if (!o.out) throw new PmapError('bad_argument', '--file needs --out OUT.csv');
      const r = await geocodeFile(db, o.file!, o.column, o.out, progress('geocode', t0));
      const out = { ...r, seconds: (Date.now() - t0) / 1000 };
      result(!!o.json, out, `read ${r.read}: matched ${r.matched}, unmatched ${r.unmatched}; written to ${o.out}`);
    });
}
