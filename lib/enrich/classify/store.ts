import type { Session } from '../../../db';
import { isTopic } from '../../domain/vocab';
import { builtinClassifier } from './builtin';
import { makeClassifier, type TopicClassifier } from './classifier';
import type { LabelledText, NbModel } from './model';
import { parseRules, type Rules } from './rules';

/** A topic model as stored in topic_models: the rules and the trained model it combines. */
export interface StoredModel {
  version: string;
  rules: Rules;
  model: NbModel | null;
  /** labelledFingerprint() of the data it was trained on: retrain when that changes. */
  trainingFingerprint: string;
  examples: number;
}

/** Source-given topics (confidence 1) and staff corrections are the labels; machine topics never are. */
export const LABELLED_SQL = `(a.topic_manual OR a.topic_confidence >= 1) AND a.text IS NOT NULL AND a.text <> ''`;

/** Labelled rows read per retraining: the most recent ones; older rows add little once the vocabulary is seen. */
export const MAX_DB_EXAMPLES = 200_000;

export async function activeModel(s: Session): Promise<StoredModel | null> {
  const [r] = await s.query<{ version: string; rules: unknown; model: NbModel | null; training_fingerprint: string; examples: number }>(
    `SELECT version, rules, model, training_fingerprint, examples FROM topic_models WHERE active`);
  if (!r) return null;
  return { version: r.version, rules: parseRules(r.rules, 'topic_models'), model: r.model, trainingFingerprint: r.training_fingerprint, examples: Number(r.examples) };
}

export async function saveActiveModel(s: Session, m: StoredModel): Promise<void> {
  await s.query(`UPDATE topic_models SET active = false WHERE active AND version <> $1`, [m.version]);
  await s.query(
    `INSERT INTO topic_models (version, active, examples, training_fingerprint, rules, model)
     VALUES ($1, true, $2, $3, $4, $5)
     ON CONFLICT (version) DO UPDATE SET active = true, examples = excluded.examples,
       training_fingerprint = excluded.training_fingerprint`,
    [m.version, m.examples, m.trainingFingerprint, JSON.stringify(m.rules), m.model ? JSON.stringify(m.model) : null]);
}

/** Changes whenever a labelled row is added or re-imported, or staff change a topic by hand. */
export async function labelledFingerprint(s: Session): Promise<string> {
  const [r] = await s.query<{ n: number; max_id: number | null; last: string | null; manual: string | null }>(
    `SELECT count(*) AS n, max(a.id) AS max_id, max(a.imported_at)::text AS last,
            md5(string_agg(CASE WHEN a.topic_manual THEN a.id::text || a.topic END, ',' ORDER BY a.id)) AS manual
     FROM appeals a WHERE ${LABELLED_SQL}`);
  return `${Number(r?.n ?? 0)}:${r?.max_id ?? 0}:${r?.last ?? ''}:${r?.manual ?? ''}`;
}

/** The labelled appeals in the database, newest first, a page at a time. */
export async function* labelledExamples(s: Session, limit = MAX_DB_EXAMPLES): AsyncGenerator<LabelledText> {
  let before = Number.MAX_SAFE_INTEGER;
  let left = limit;
  while (left > 0) {
    const rows = await s.query<{ id: number; text: string; topic: string; address: string | null }>(
      `SELECT a.id, a.text, a.topic, a.address FROM appeals a WHERE ${LABELLED_SQL} AND a.id < $1
       ORDER BY a.id DESC LIMIT ${Math.min(left, 20_000)}`, [before]);
    if (!rows.length) return;
    for (const r of rows) if (isTopic(r.topic)) yield { text: r.text, topic: r.topic, address: r.address };
    left -= rows.length;
    before = Number(rows[rows.length - 1].id);
  }
}

const cache = new Map<string, TopicClassifier>();

/**
 * The classifier imports use: the active stored model, else the built-in one (rules + demo corpus), which is only
 * built when a row actually needs classifying, so imports whose source gives every topic never pay for it.
 */
export async function loadClassifier(s: Session): Promise<TopicClassifier> {
  const [v] = await s.query<{ version: string }>(`SELECT version FROM topic_models WHERE active`);
  if (!v) {
    return {
      get version() { return builtinClassifier().version; },
      get rules() { return builtinClassifier().rules; },
      get model() { return builtinClassifier().model; },
      classify: (text) => builtinClassifier().classify(text),
      gratitude: (text) => builtinClassifier().gratitude(text),
    };
  }
  const hit = cache.get(v.version);
  if (hit) return hit;
  const m = await activeModel(s);
  if (!m) return builtinClassifier();
  const c = makeClassifier(m.rules, m.model);
  cache.set(v.version, c);
  return c;
}
