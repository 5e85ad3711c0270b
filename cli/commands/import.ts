import type { Command } from 'commander';
import { getDb } from '../../db';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { importBoundaries } from '../../lib/ingest/boundaries/importBoundaries';
import { appealMappingSchema, readMappingFile } from '../../lib/ingest/mapping';
import { PmapError } from '../../lib/errors';
import { IMPORT_EN } from '../../lib/i18n/adminImport';
import { log, progress, result } from '../output';

/** The CLI speaks English: the admin page's English names of the saving steps. */
const STEP_NAMES = IMPORT_EN.progress.steps;

interface ImportOpts {
  mapping?: string;
  format?: string;
  rejects?: string;
  json?: boolean;
  wait?: boolean;
}

const summaryLine = (r: {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  rejects: string;
}) =>
  `read ${r.read}: inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}` +
  (r.rejected ? ` (see ${r.rejects})` : '');

/** Registers `pmap import` and its appeal and boundary subcommands; returns it so other kinds can add theirs. */
export function registerImport(program: Command): Command {
  const imp = program.command('import').description('import a file into the database');

  imp
    .command('appeals <file>')
    .description('appeals from CSV, JSON (array or NDJSON) or GeoJSON, columns adapted by a mapping file')
    .option('--mapping <file>', 'mapping JSON (contract.md); without it, columns carry our field names')
    .option('--format <format>', 'csv | json | ndjson | geojson | open311 (default: from the extension)')
    .option('--rejects <file>', 'where to write the rejected rows (CSV)')
    .option('--wait', 'PostgreSQL: when a big import groups its appeals into problems after the commit, wait for it')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: ImportOpts) => {
      const mapping = o.mapping ? readMappingFile(appealMappingSchema, o.mapping) : undefined;
      const db = await getDb();
      const t0 = Date.now();
      const r = await importAppeals(db, file, {
        mapping,
        format: o.format,
        rejectsPath: o.rejects,
        onProgress: progress('appeals', t0),
        waitForGrouping: !!o.wait,
        onStep: (st) =>
          log(
            st.name === 'grouping'
              ? `appeals: committed; ${STEP_NAMES[st.name]}${db.kind === 'postgres' && !o.wait ? " (by the queue's worker: `pmap worker` or the app server)" : ''}`
              : `appeals: saving, step ${st.n}/${st.of}: ${STEP_NAMES[st.name]}`,
          ),
      });
      for (const n of r.notes) log(`note: ${n}`);
      if (r.grouping.awaiting)
        log(`${r.grouping.awaiting} appeals await grouping into problems (pass --wait to wait for it)`);
      result(!!o.json, { ...r }, summaryLine(r));
    });

  imp
    .command('boundaries <file>')
    .description('region or municipality polygons from GeoJSON')
    .requiredOption('--level <level>', 'region | municipality')
    .option('--code-property <p>', 'feature property holding the code')
    .option('--name-property <p>', 'feature property holding the name')
    .option('--rejects <file>', 'where to write the rejected features (CSV)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: ImportOpts & { level: string; codeProperty?: string; nameProperty?: string }) => {
      if (o.level !== 'region' && o.level !== 'municipality') {
        throw new PmapError('bad_argument', `--level must be region or municipality, not "${o.level}"`);
      }
      const db = await getDb();
      const r = await importBoundaries(db, file, {
        level: o.level,
        codeProperty: o.codeProperty,
        nameProperty: o.nameProperty,
        rejectsPath: o.rejects,
      });
      for (const n of r.notes) log(`note: ${n}`);
      result(!!o.json, { ...r }, summaryLine(r));
    });
  return imp;
}
