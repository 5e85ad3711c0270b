import type { Session } from '../../../db';
import { machineClassifiedPage, writeClassified } from '../../../db/queries/classify';
import { makeClassifier, type ShippedModel, type TopicClassifier } from './classifier';
import { RuleMatcher } from './matcher';
import { changedEntries, type Rules } from './rules';
import { shippedModel } from './shipped';
import { activeModel, saveActiveModel } from './store';
import { words } from './text';

export interface ReclassifyOptions {
  rules: Rules;
  /** The model to classify with: the shipped one unless a test gives another. */
  model?: ShippedModel;
  /** Table (id bigint) that receives the appeals whose topic changed: road snapping must look at them again. */
  topicChangedTable: string;
}

export interface ReclassifyResult {
  model: string;
  previous: string | null;
  /** Why appeals were looked at: nothing changed, the first model, a new shipped model, or edited rules only. */
  reason: 'unchanged' | 'first model' | 'model' | 'rules';
  /** linearModelHash() of the shipped model. */
  modelHash: string;
  /** How many texts that model was trained on. */
  examples: number;
  /** Appeals classified again. */
  checked: number;
  /** Appeals whose topic, confidence or gratitude flag changed. */
  updated: number;
}

// What the machine may rewrite (db/queries/classify.ts): not a staff correction, and only the parts the source did
// not give.
const PAGE = 20_000;

/**
 * The classification step of `pmap enrich`. Never trains: the model is the shipped file. Re-classifies every
 * machine-classified appeal when the model (or the scoring code) changed, only the appeals whose text matches an
 * edited entry when just the rules changed, nothing when neither did; only rows whose result differs are written,
 * and staff corrections (topic_manual) are never read for rewriting.
 */
export async function reclassifyAppeals(s: Session, o: ReclassifyOptions): Promise<ReclassifyResult> {
  const prev = await activeModel(s);
  const shipped = o.model ?? shippedModel();
  const cls = makeClassifier(o.rules, shipped);
  const examples = Number(shipped.model.meta.examples ?? 0);
  const base = { model: cls.version, previous: prev?.version ?? null, modelHash: shipped.hash, examples };
  if (prev && prev.version === cls.version) return { ...base, reason: 'unchanged', checked: 0, updated: 0 };
  // Rules are additive features: with the same model and the same scoring code, only texts containing an edited
  // entry can change. The previous version recomputed with today's code tells whether the code changed.
  const sameModel =
    !!prev && prev.modelHash === shipped.hash && makeClassifier(prev.rules, shipped).version === prev.version;
  const filter = sameModel ? new RuleMatcher(changedEntries(prev.rules, o.rules)) : null;
  const { checked, updated } = await rewrite(s, cls, filter, o.topicChangedTable);
  await saveActiveModel(
    s,
    { version: cls.version, rules: o.rules, modelHash: shipped.hash, examples },
    shipped.model.meta,
  );
  return { ...base, reason: !prev ? 'first model' : sameModel ? 'rules' : 'model', checked, updated };
}

async function rewrite(s: Session, cls: TopicClassifier, filter: RuleMatcher | null, changedTable: string) {
  let checked = 0;
  let updated = 0;
  let after = 0;
  for (;;) {
    const rows = await machineClassifiedPage(s, after, PAGE);
    if (!rows.length) break;
    after = Number(rows[rows.length - 1].id);
    const ids: number[] = [];
    const topics: string[] = [];
    const confs: (number | null)[] = [];
    const grats: boolean[] = [];
    for (const r of rows) {
      if (filter && !filter.match(words(r.text ?? '')).length) continue;
      checked++;
      const c = cls.classify(r.text);
      const topic = r.tm ? c.topic : r.topic;
      const conf = r.tm ? c.confidence : r.topic_confidence;
      const grat = r.gm ? c.isGratitude : r.is_gratitude;
      // topic_confidence is a real: compare at the two decimals the classifier gives.
      const sameConf = Math.abs((conf ?? -1) - (r.topic_confidence ?? -1)) < 0.005;
      if (topic === r.topic && sameConf && grat === r.is_gratitude) continue;
      ids.push(Number(r.id));
      topics.push(topic);
      confs.push(conf);
      grats.push(grat);
    }
    if (ids.length) {
      updated += ids.length;
      await writeClassified(s, changedTable, { ids, topics, confs, grats });
    }
    if (rows.length < PAGE) break;
  }
  return { checked, updated };
}
