import os from 'node:os';
import type { Command } from 'commander';
import { getDb } from '../../db';
import { audit } from '../../db/queries/audit';
import { writeCorrectionsCsv } from '../../lib/store/topicCorrections';
import { result } from '../output';

/** `pmap report` holds several reports registered from different files: the first to register makes the group. */
export function reportCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'report') ?? program.command('report').description('reports as CSV files')
  );
}

/** `pmap report corrections --out FILE.csv`: topics staff chose by hand, for the training script's --corrections. */
export function registerCorrectionsReport(program: Command): void {
  reportCommand(program)
    .command('corrections')
    .description(
      'topics chosen by hand, with what the machine had said (CSV: appeal_id, text, machine_topic, machine_confidence, topic, corrected_by, corrected_at)',
    )
    .requiredOption('--out <file>', 'output CSV file')
    .option('--history', 'every choice, returns to automatic included (empty topic), not just the current ones')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: { out: string; history?: boolean; json?: boolean }) => {
      const db = await getDb();
      const rows = await writeCorrectionsCsv(db, o.out, { history: !!o.history });
      // It carries appeal text: recorded like every export.
      await audit(db, {
        actor: `cli:${os.userInfo().username}`,
        role: null,
        action: 'export corrections csv',
        filter: { history: !!o.history },
        rows,
      });
      result(!!o.json, { rows, out: o.out }, `${rows} corrections written to ${o.out}`);
    });
}
