import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../../db';
import { importAddresses, type AddressImportSummary } from '../../../lib/ingest/addresses/importAddresses';
import { addressMappingSchema } from '../../../lib/ingest/addresses/mapping';
import { parseMapping } from '../../../lib/ingest/mapping';
import type { GazetteerEntry } from './generate';

/** Writes the synthetic gazetteer as a register would hand it over (text, locality, lat, lon) and imports it. */
export async function loadGazetteer(
  db: Database,
  entries: readonly GazetteerEntry[],
  dir: string,
): Promise<AddressImportSummary> {
  const file = path.join(dir, 'gazetteer.csv');
  fs.writeFileSync(
    file,
    stringify([
      ['Адрес', 'Населённый пункт', 'Широта', 'Долгота'],
      ...entries.map((e) => [e.text, `${e.town.kind} ${e.town.name}`, e.lat, e.lon]),
    ]),
  );
  const mapping = parseMapping(
    addressMappingSchema,
    {
      source: 'synthetic_register',
      fields: { text: 'Адрес', locality: 'Населённый пункт', lat: 'Широта', lon: 'Долгота' },
    },
    'synthetic',
  );
  return importAddresses(db, file, { mapping, rejectsPath: path.join(dir, 'gazetteer.rejects.csv') });
}
