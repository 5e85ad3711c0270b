import type { Command } from 'commander';
import { getDb } from '../../db';
import {
  runGrouping,
  startGroupingWorker,
  stopGroupingQueue,
  untilNothingAwaits,
} from '../../lib/enrich/problems/jobs';
import { countAwaitingGrouping } from '../../db/queries/groupingPending';
import { log, result } from '../output';

/**
 * `pmap worker`: runs the background jobs that follow an import's commit (issue 21: problem grouping) until SIGINT
 * or SIGTERM, which let a running job finish. The app server runs the same worker unless PMAP_WORKER=0. On the
 * embedded database there is no queue: it groups what awaits grouping once and exits.
 */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run background jobs (problem grouping after big imports) until stopped')
    .option('--once', 'PostgreSQL: stop when nothing awaits grouping')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: { once?: boolean; json?: boolean }) => {
      const db = await getDb();
      if (db.kind === 'embedded') {
        const r = await runGrouping(db);
        result(
          !!o.json,
          { grouped: r.grouped, created: r.created, awaiting: await countAwaitingGrouping(db) },
          `embedded database: grouped ${r.grouped} appeals (${r.created} new problems); nothing is queued here`,
        );
        return;
      }
      const stop = await startGroupingWorker(db, log);
      log(`worker: running (${await countAwaitingGrouping(db)} appeals await grouping)`);
      const signalled = new Promise<void>((resolve) => {
        process.once('SIGINT', () => resolve());
        process.once('SIGTERM', () => resolve());
      });
      await (o.once ? Promise.race([signalled, untilNothingAwaits(db)]) : signalled);
      log('worker: stopping (a running job finishes first)');
      await stop();
      await stopGroupingQueue(db);
      result(!!o.json, { awaiting: await countAwaitingGrouping(db) }, 'worker stopped');
    });
}
