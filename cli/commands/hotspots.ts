import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { safeCsv } from '../../lib/sheets/formula';
import { getDb } from '../../db';
import { hotspots } from '../../lib/aggregate/hotspots/load';
import { hotspotQuerySchema } from '../../lib/aggregate/hotspots/query';
import { PmapError } from '../../lib/errors';
import { result } from '../output';
import { filterValues, parseOptions, withFilterOptions, type FilterOpts } from './filterOptions';

interface HotspotOpts extends FilterOpts {
  out: string;
  json?: boolean;
  res?: string;
  alpha?: string;
}

export const HOTSPOT_COLUMNS = ['h3', 'label', 'z', 'p', 'trend', 'count', 'q'] as const;

export function registerHotspots(program: Command): void {
  withFilterOptions(
    program
      .command('hotspots')
      .description('tested hotspots per H3 cell (Getis–Ord Gi* + Mann–Kendall, docs/hotspots.md) as a CSV')
      .requiredOption('--out <file>', 'output CSV: h3, label, z, p, trend, count, q')
      .option('--res <n>', 'H3 resolution 5..9', '7')
      .option('--alpha <a>', 'significance level of each test', '0.05'),
  )
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: HotspotOpts) => {
      const query = parseOptions(hotspotQuerySchema, { res: o.res, ...filterValues(o) });
      const alpha = Number(o.alpha);
      if (!(alpha > 0 && alpha < 1))
        throw new PmapError('bad_argument', `--alpha must be between 0 and 1, not "${o.alpha}"`);
      const r = await hotspots(await getDb(), query, { alpha });
      // Numbers as numbers, so safeCsv does not take a negative z for a formula.
      const rows = r.cells.map((c) => [
        c.h3,
        c.label,
        Number(c.z.toFixed(4)),
        Number(c.p.toPrecision(4)),
        Number(c.trend.toFixed(4)),
        c.count,
        Number(c.q.toPrecision(4)),
      ]);
      await fs.writeFile(o.out, safeCsv([[...HOTSPOT_COLUMNS], ...rows])).catch((e: Error) => {
        throw new PmapError('bad_argument', `cannot write ${o.out}: ${e.message}`);
      });
      const labelled = r.cells.filter((c) => c.label !== '').length;
      result(
        !!o.json,
        { rows: rows.length, labelled, res: r.res, weeks: r.weeks, alpha: r.alpha, out: o.out },
        `${rows.length} cells (${labelled} labelled) at res ${r.res} over ${r.weeks} weeks written to ${o.out}`,
      );
    });
}
