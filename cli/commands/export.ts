import type { Command } from 'commander';
import { getDb } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { PmapError } from '../../lib/errors';
import { EXPORT_FORMATS, exportAppeals, type ExportFormat } from '../../lib/store/exportAppeals';
import { audit } from '../../lib/store/audit';
import os from 'node:os';
import { result } from '../output';

interface ExportOpts {
  out: string;
  format: string;
  json?: boolean;
  topic?: string;
  channel?: string;
  status?: string;
  from?: string;
  to?: string;
  municipality?: string;
  gratitude?: string;
}

export function registerExport(program: Command): void {
  const exp = program.command('export').description('export data to a file');
  exp
    .command('appeals')
    .description('one row per appeal, with the same filters as the map')
    .requiredOption('--out <file>', 'output file')
    .option('--format <format>', 'csv | xlsx | geojson', 'csv')
    .option('--topic <list>', 'comma-separated topic codes')
    .option('--channel <list>', 'comma-separated channels')
    .option('--status <list>', 'comma-separated statuses')
    .option('--from <date>', 'first day, YYYY-MM-DD')
    .option('--to <date>', 'last day, YYYY-MM-DD (inclusive)')
    .option('--municipality <code or name>', 'one municipality')
    .option('--gratitude <mode>', 'include | exclude | only', 'include')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: ExportOpts) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(o.format)) throw new PmapError('bad_argument', `--format must be csv, xlsx or geojson, not "${o.format}"`);
      const parsed = appealFilterSchema.safeParse({ topic: o.topic, channel: o.channel, status: o.status, from: o.from, to: o.to, municipality: o.municipality, gratitude: o.gratitude });
      if (!parsed.success) {
        const i = parsed.error.issues[0];
        throw new PmapError('bad_argument', `--${String(i.path[0])}: ${i.message}`);
      }
      const db = await getDb();
      const rows = await exportAppeals(db, parsed.data, o.out, o.format as ExportFormat);
      await audit(db, { actor: `cli:${os.userInfo().username}`, role: null, action: `export appeals ${o.format}`, filter: parsed.data, rows });
      result(!!o.json, { rows, out: o.out }, `${rows} appeals written to ${o.out}`);
    });
}
