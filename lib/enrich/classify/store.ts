import type { Session } from '../../../db';
import { activateTopicModel, activeTopicModel, activeTopicModelVersion } from '../../../db/queries/classify';
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

interface ModelRef {
  kind: 'shipped';
  hash: string;
  meta?: Record<string, unknown>;
}

const isRef = (m: unknown): m is ModelRef =>
  !!m && typeof m === 'object' && (m as ModelRef).kind === 'shipped' && typeof (m as ModelRef).hash === 'string';

export async function activeModel(s: Session): Promise<StoredModel | null> {
  const r = await activeTopicModel(s);
  if (!r) return null;
  return {
    version: r.version,
    rules: parseRules(r.rules, 'topic_models'),
    modelHash: isRef(r.model) ? r.model.hash : null,
    examples: Number(r.examples),
  };
}

export async function saveActiveModel(s: Session, m: StoredModel, meta: Record<string, unknown> = {}): Promise<void> {
  const ref: ModelRef | null = m.modelHash ? { kind: 'shipped', hash: m.modelHash, meta } : null;
  await activateTopicModel(s, {
    version: m.version,
    examples: m.examples,
    fingerprint: m.modelHash ?? 'rules-only',
    rules: JSON.stringify(m.rules),
    model: ref ? JSON.stringify(ref) : null,
  });
}

const cache = new Map<string, TopicClassifier>();

/**
 * The classifier imports use: the shipped model with the rules `pmap enrich` last ran with (the rule file when it
 * never ran). Nothing is trained here: a new model comes with the code (npm run train:classifier).
 */
export async function loadClassifier(s: Session): Promise<TopicClassifier> {
  const version = await activeTopicModelVersion(s);
  if (version === undefined) return shippedClassifier();
  const hit = cache.get(version);
  if (hit) return hit;
  const m = await activeModel(s);
  if (!m) return shippedClassifier();
  const c = makeClassifier(m.rules, shippedModel());
  cache.set(version, c);
  return c;
}
