import type { Database } from '../../../db';
import { createIdTable, lockEnrichment } from '../../../db/merge/rerun';
import { reclassifyAppeals, type ReclassifyResult } from '../classify/reclassify';
import type { Rules } from '../classify/rules';
import { groupNewAppeals, type GroupResult } from '../problems/group';
import { writeState } from './state';
import { boundariesStep, geocodeStep, roadsStep, type StepResult } from './steps';

export interface EnrichOptions {
  rules: Rules;
}

type Timed<T> = T & { seconds: number };

export interface EnrichResult {
  classify: Timed<ReclassifyResult>;
  geocode: Timed<StepResult & { matched: number }>;
  boundaries: Timed<StepResult>;
  roads: Timed<StepResult>;
  /** Located complaints not yet in a problem (newly geocoded ones, say), grouped. */
  problems: Timed<GroupResult>;
  /** Appeals computed again, summed over the steps (0 when nothing changed since the last run). */
  checked: number;
  /** Appeal updates written, summed over the steps. */
  updated: number;
  seconds: number;
}

/**
 * `pmap enrich`: re-runs every enrichment step whose inputs changed since the last run (topic rules or model,
 * gazetteer, boundaries, road segments), on the appeals those changes can affect, in one transaction. Steps feed
 * the next: a re-classified or re-geocoded appeal is snapped again; a moved one gets its municipality again.
 */
async function timed<T extends object>(f: () => Promise<T>): Promise<Timed<T>> {
  const t0 = Date.now();
  const r = await f();
  return { ...r, seconds: (Date.now() - t0) / 1000 };
}

export async function runEnrichment(db: Database, o: EnrichOptions): Promise<EnrichResult> {
  const t0 = Date.now();
  const out = await db.transaction(async (s) => {
    // Two runs at once would diff against the same snapshot and both write it.
    await lockEnrichment(s);
    await createIdTable(s, 'enrich_topic_changed');
    await createIdTable(s, 'enrich_moved');
    const classify = await timed(() =>
      reclassifyAppeals(s, { rules: o.rules, topicChangedTable: 'enrich_topic_changed' }),
    );
    await writeState(s, 'classify', classify.model, { reason: classify.reason, modelHash: classify.modelHash });
    const geocode = await timed(() => geocodeStep(s, 'enrich_moved'));
    const boundaries = await timed(() => boundariesStep(s, 'enrich_moved'));
    const roads = await timed(() => roadsStep(s, ['enrich_topic_changed', 'enrich_moved']));
    const problems = await timed(() => groupNewAppeals(s));
    return { classify, geocode, boundaries, roads, problems };
  });
  const steps = [out.classify, out.geocode, out.boundaries, out.roads];
  return {
    ...out,
    checked: steps.reduce((a, x) => a + x.checked, 0),
    updated: steps.reduce((a, x) => a + x.updated, 0),
    seconds: (Date.now() - t0) / 1000,
  };
}
