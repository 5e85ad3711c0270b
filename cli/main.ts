import { Command, CommanderError } from 'commander';
import { closeDb } from '../db';
import { registerEnrich } from './commands/enrich';
import { registerExport } from './commands/export';
import { registerGeocode } from './commands/geocode';
import { registerHotspots } from './commands/hotspots';
import { registerImport } from './commands/import';
import { registerAddressesImport } from './commands/importAddresses';
import { registerPointsImport } from './commands/importPoints';
import { registerPlansImport } from './commands/importPlans';
import { registerRoadsImport } from './commands/importRoads';
import { registerPrioritiesExport } from './commands/exportPriorities';
import { registerCorrectionsReport } from './commands/reportCorrections';
import { registerResponseReport } from './commands/reportResponse';
import { registerDeadlines } from './commands/deadlines';
import { registerSeed } from './commands/seed';
import { registerUser } from './commands/user';
import { registerWorker } from './commands/worker';
import { exitWithError } from './output';

// An error thrown outside the awaited command (a stream's late 'error', a stray rejection) is one line too, never
// Node's stack trace.
process.on('uncaughtException', (e) => exitWithError(e));
process.on('unhandledRejection', (e) => exitWithError(e));

const program = new Command('pmap')
  .description("Problem map: import, enrich and export citizens' appeals (see contract.md)")
  .showHelpAfterError()
  .exitOverride();

const importCommand = registerImport(program);
registerAddressesImport(importCommand);
registerPointsImport(importCommand);
registerRoadsImport(importCommand);
registerPlansImport(importCommand);
// Other importers register under `pmap import` here:
void importCommand;
registerEnrich(program);
registerExport(program);
registerPrioritiesExport(program);
registerGeocode(program);
registerHotspots(program);
registerCorrectionsReport(program);
registerResponseReport(program);
registerDeadlines(program);
registerSeed(program);
registerUser(program);
registerWorker(program);

program
  .command('migrate')
  .description('apply pending database migrations')
  .option('--json', 'print a JSON result')
  .action(async (o: { json?: boolean }) => {
    const { getDb } = await import('../db');
    const { postgisVersion } = await import('../db/queries/health');
    const db = await getDb();
    const postgis = await postgisVersion(db);
    const out = { db: db.kind, postgis };
    process.stdout.write(o.json ? `${JSON.stringify(out)}\n` : `migrated (${db.kind}, PostGIS ${postgis})\n`);
  });

try {
  await program.parseAsync(process.argv);
  await closeDb();
  process.exit(0);
} catch (e) {
  await closeDb().catch(() => undefined);
  if (e instanceof CommanderError) {
    process.exit(e.exitCode === 0 ? 0 : 1);
  }
  exitWithError(e);
}
