import type { Command } from 'commander';
import { getDb } from '../../db';
import { importDeadlineRules, recomputeDueTimes } from '../../lib/ingest/deadlineRules';
import { result } from '../output';

/**
 * `pmap deadlines import FILE.csv|json` (the deadline rules, replaced whole) and `pmap deadlines recompute` (every
 * appeal's due time again under the rules in force; an import computes it for its own rows).
 */
export function registerDeadlines(program: Command): void {
  const group = program.command('deadlines').description('regulated response deadlines (issue 22)');
  group
    .command('import')
    .description(
      'replace the deadline rules with a file (CSV or JSON: topic, subcategory, channel, unit working_days|hours, amount, moderation_hours, season_from, season_to MM-DD, note)',
    )
    .argument('<file>', 'rules file')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (file: string, o: { json?: boolean }) => {
      const db = await getDb();
      const r = await importDeadlineRules(db, file);
      result(
        !!o.json,
        r,
        `${r.rules} deadline rules loaded; run "pmap deadlines recompute" for appeals already imported`,
      );
    });
  group
    .command('recompute')
    .description("recompute every appeal's due time under the deadline rules in force")
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: { json?: boolean }) => {
      const db = await getDb();
      const r = await recomputeDueTimes(db);
      result(!!o.json, r, `${r.appeals} appeals read, ${r.changed} due times changed`);
    });
}
