import fs from 'node:fs';
import os from 'node:os';
import type { Command } from 'commander';
import { getDb } from '../../db';
import { appealFilterSchema } from '../../lib/domain/filters';
import { PmapError } from '../../lib/errors';
import { OWNERS } from '../../lib/ingest/roads/mapping';
import { PRIORITY_FORMATS, type PriorityFormat } from '../../lib/roads/export';
import { audit } from '../../db/queries/audit';
import { exportPriorities } from '../../lib/store/roadsExport';
import { result } from '../output';
import { parseOptions } from './filterOptions';

interface Opts {
  out: string;
  format: string;
  owner?: string;
  from?: string;
  to?: string;
  channel?: string;
  status?: string;
  municipality?: string;
  json?: boolean;
}

/** Registers `pmap export priorities` (contract.md) under the existing `pmap export` command. */
export function registerPrioritiesExport(program: Command): void {
  const exp =
    program.commands.find((c) => c.name() === 'export') ??
    program.command('export').description('export data to a file');
  exp
    .command('priorities')
    .description('the road-agency repair priority list: score parts, plans, exception lists (docs/roads-priority.md)')
    .requiredOption('--out <file>', 'output file')
    .requiredOption('--format <format>', 'csv | xlsx | geojson')
    .option('--owner <owner>', `only segments of this owner (${OWNERS.join(', ')})`)
    .option('--from <date>', 'first day of the complaint period, YYYY-MM-DD (default: 365 days before --to)')
    .option('--to <date>', 'the as-of day, YYYY-MM-DD (default: the newest road appeal)')
    .option('--channel <list>', 'comma-separated channels')
    .option('--status <list>', 'comma-separated statuses')
    .option('--municipality <code or name>', 'one municipality')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: Opts) => {
      if (!(PRIORITY_FORMATS as readonly string[]).includes(o.format)) {
        throw new PmapError(
          'bad_argument',
          `--format must be one of ${PRIORITY_FORMATS.join(', ')}, not "${o.format}"`,
        );
      }
      if (o.owner !== undefined && !(OWNERS as readonly string[]).includes(o.owner)) {
        throw new PmapError('bad_argument', `--owner must be one of ${OWNERS.join(', ')}, not "${o.owner}"`);
      }
      const filter = parseOptions(appealFilterSchema, {
        from: o.from,
        to: o.to,
        channel: o.channel,
        status: o.status,
        municipality: o.municipality,
      });
      const db = await getDb();
      const { bytes, rows } = await exportPriorities(db, {
        owner: o.owner ?? null,
        filter,
        format: o.format as PriorityFormat,
      });
      try {
        fs.writeFileSync(o.out, bytes);
      } catch (e) {
        throw new PmapError('bad_argument', `cannot write the output file: ${(e as Error).message}`, { file: o.out });
      }
      await audit(db, {
        actor: `cli:${os.userInfo().username}`,
        role: null,
        action: `export priorities ${o.format}`,
        filter: { ...filter, owner: o.owner ?? null },
        rows,
      });
      result(
        !!o.json,
        { rows, out: o.out, format: o.format, owner: o.owner ?? null },
        `${rows} segments written to ${o.out}`,
      );
    });
}
