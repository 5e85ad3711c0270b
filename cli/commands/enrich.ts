import type { Command } from 'commander';
import { getDb } from '../../db';
import { log, result } from '../output';

interface EnrichOpts {
  json?: boolean;
  rules?: string;
}

export function registerEnrich(program: Command): void {
  program
    .command('enrich')
    .description(
      're-run enrichment (topics, geocoding, municipality, road snapping) where its inputs changed since the last run',
    )
    .option('--rules <file>', 'topic rules JSON (default: lib/enrich/topic-rules.json)')
    .option('--json', 'print the result as JSON on the last line of stdout')
    .action(async (o: EnrichOpts) => {
      const { runEnrichment } = await import('../../lib/enrich/rerun');
      const { defaultRules, readRulesFile } = await import('../../lib/enrich/classify/rules');
      const rules = o.rules ? readRulesFile(o.rules) : defaultRules();
      const db = await getDb();
      const r = await runEnrichment(db, { rules });
      const c = r.classify;
      log(
        `topics: classifier ${c.model} (${c.reason}; shipped model ${c.modelHash}, trained offline on ${c.examples} texts), ${c.checked} checked, ${c.updated} updated`,
      );
      for (const k of ['geocode', 'boundaries', 'roads'] as const) {
        log(`${k}: ${r[k].inputs_changed} inputs changed, ${r[k].checked} appeals checked, ${r[k].updated} updated`);
      }
      result(
        !!o.json,
        { ...r },
        `enrichment done in ${r.seconds} s: ${r.checked} appeals checked, ${r.updated} updated`,
      );
    });
}
