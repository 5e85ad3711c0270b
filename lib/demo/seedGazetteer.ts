import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Database } from '../../db';
import { importAddresses } from '../ingest/addresses/importAddresses';
import { addressMappingSchema } from '../ingest/addresses/mapping';
import { parseMapping } from '../ingest/mapping';
import { demoGazetteer } from './gazetteer';

/** Loads the demo address register through the real gazetteer importer, as a CSV file a city would hand over. */
export async function seedGazetteer(db: Database): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-demo-addr-'));
  try {
    const file = path.join(dir, 'orenburg_addresses.csv');
    const rows = demoGazetteer();
    fs.writeFileSync(
      file,
      stringify([
        ['text', 'locality', 'street', 'house', 'lat', 'lon'],
        ...rows.map((r) => [r.text, r.locality, r.street, r.house, r.lat, r.lon]),
      ]),
    );
    const mapping = parseMapping(
      addressMappingSchema,
      {
        source: 'demo_addresses',
        source_name: 'Адресный реестр Оренбургской области — демо',
        fields: { text: 'text', street: 'street', house: 'house', lat: 'lat', lon: 'lon', locality: 'locality' },
      },
      'demo:addresses',
    );
    const r = await importAddresses(db, file, { mapping, rejectsPath: path.join(dir, 'rejects.csv') });
    return r.read;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
