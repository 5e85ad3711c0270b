import type { Command } from 'commander';
import { getDb } from '../../db';
import { env } from '../../lib/config/env';
import { progress, result } from '../output';

export function registerSeed(program: Command): void {
  program
    .command('seed-demo')
    .description('load the built-in demo dataset (Orenburg oblast); running it again changes nothing')
    .option('--appeals <n>', 'number of appeals (default: PMAP_DEMO_APPEALS or 200000)')
    .option('--if-empty', 'only when the database has no appeals yet')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: { appeals?: string; json?: boolean; ifEmpty?: boolean }) => {
      const { seedDemo, isEmpty } = await import('../../lib/demo/seed');
      const db = await getDb();
      if (o.ifEmpty && !(await isEmpty(db))) {
        result(!!o.json, { skipped: true }, 'the database already has appeals: demo seeding skipped');
        return;
      }
      const counts = await seedDemo(db, {
        appeals: o.appeals ? Number(o.appeals) : env().PMAP_DEMO_APPEALS,
        onProgress: progress('demo appeals', Date.now()),
      });
      result(
        !!o.json,
        counts,
        Object.entries(counts)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', '),
      );
    });
}
