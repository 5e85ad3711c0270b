import type { Session } from '../../../db';
import { makeClassifier, type TopicClassifier } from './classifier';
import { parseRules, type Rules } from './rules';
import { shippedClassifier, shippedModel } from './shipped';

/**
 * What classified the appeals, as recorded in topic_models: the rules (the file's, or those `pmap enrich --rules`
 * was given) and the hash of the shipped model they were combined with. The model itself is not stored: it is the
 * committed file (shipped.ts), trained offline. Rows written before the shipped model held a naive Bayes model
 * trained in the database; they read back with modelHash null, so the next `pmap enrich` looks at every appeal.
 */
export interface StoredModel {
  version: string;
  rules: Rules;
  modelHash: string | null;
  examples: number;
}

interface ModelRef { kind: 'shipped'; hash: string; meta?: Record<string, unknown> }

const isRef = (m: unknown): m is ModelRef => !!m && typeof m === 'object' && (m as ModelRef).kind === 'shipped' && typeof (m as ModelRef).hash === 'string';

export async function activeModel(s: Session): Promise<StoredModel | null> {
  const [r] = await s.query<{ version: string; rules: unknown; model: unknown; examples: number }>(
    `SELECT version, rules, model, examples FROM topic_models WHERE active`);
  if (!r) return null;
  return { version: r.version, rules: parseRules(r.rules, 'topic_models'), modelHash: isRef(r.model) ? r.model.hash : null, examples: Number(r.examples) };
}

export async function saveActiveModel(s: Session, m: StoredModel, meta: Record<string, unknown> = {}): Promise<void> {
  const ref: ModelRef | null = m.modelHash ? { kind: 'shipped', hash: m.modelHash, meta } : null;
  await s.query(`UPDATE topic_models SET active = false WHERE active AND version <> $1`, [m.version]);
  await s.query(
    `INSERT INTO topic_models (version, active, examples, training_fingerprint, rules, model)
     VALUES ($1, true, $2, $3, $4, $5)
     ON CONFLICT (version) DO UPDATE SET active = true`,
    [m.version, m.examples, m.modelHash ?? 'rules-only', JSON.stringify(m.rules), ref ? JSON.stringify(ref) : null]);
}

const cache = new Map<string, TopicClassifier>();

/**
 * The classifier imports use: the shipped model with the rules `pmap enrich` last ran with (the rule file when it
 * never ran). Nothing is trained here: a new model comes with the code (npm run train:classifier).
 */
export async function loadClassifier(s: Session): Promise<TopicClassifier> {
  const [v] = await s.query<{ version: string }>(`SELECT version FROM topic_models WHERE active`);
  if (!v) return shippedClassifier();
  const hit = cache.get(v.version);
  if (hit) return hit;
  const m = await activeModel(s);
  if (!m) return shippedClassifier();
  const c = makeClassifier(m.rules, shippedModel());
  cache.set(v.version, c);
  return c;
}
