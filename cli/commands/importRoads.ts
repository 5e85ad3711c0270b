import type { Command } from 'commander';
import { getDb } from '../../db';
import { readMappingFile } from '../../lib/ingest/mapping';
import { importRoads } from '../../lib/ingest/roads/importRoads';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';
import { log, result } from '../output';

interface Opts {
  mapping?: string;
  format?: string;
  rejects?: string;
  json?: boolean;
}

/** Registers `pmap import roads` (contract.md): road segments from GeoJSON or a zipped Shapefile with its .prj. */
export function registerRoadsImport(imp: Command): void {
  imp
    .command('roads <file>')
    .description(
      'road segments: GeoJSON LineString/MultiLineString, or a zipped Shapefile (any projected CRS with its .prj)',
    )
    .option(
      '--mapping <file>',
      'mapping JSON (contract.md: external_id, name, road_class, owner, rating); without it, properties carry those names',
    )
    .option('--format <format>', 'geojson | shapefile (default: from the extension)')
    .option('--rejects <file>', 'where to write the rejected rows (CSV)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: Opts) => {
      const mapping = o.mapping ? readMappingFile(roadMappingSchema, o.mapping) : undefined;
      const db = await getDb();
      const r = await importRoads(db, file, { mapping, format: o.format, rejectsPath: o.rejects });
      for (const n of r.notes) log(`note: ${n}`);
      const human =
        `read ${r.read}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
        (r.rejected ? ` (see ${r.rejects})` : '');
      result(!!o.json, { ...r }, human);
    });
}
