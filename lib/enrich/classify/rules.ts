import { createHash } from 'node:crypto';
import { z } from 'zod';
import { TOPICS, type Topic } from '../../domain/vocab';
import { PmapError } from '../../errors';
import defaultRulesJson from '../topic-rules.json';
import { normalise } from './text';
import { readJsonFile } from '../../config/jsonFile';

const entries = z.array(z.string().min(1)).default([]);
const topicRules = z.strictObject({ stems: entries, words: entries });

/** topic-rules.json: unknown keys are an error, so a typo in an edited file does not silently drop a topic. */
export const rulesSchema = z.strictObject({
  _comment: z.union([z.string(), z.array(z.string())]).optional(),
  gratitude: z.strictObject({
    thanks: topicRules,
    not_thanks: topicRules,
    praise: topicRules,
    polite: topicRules,
    request: topicRules,
    contrast: topicRules,
    sarcasm: topicRules,
  }),
  topics: z.partialRecord(z.enum(TOPICS), topicRules),
});
export type Rules = z.infer<typeof rulesSchema>;
export type GratitudeKey = keyof Rules['gratitude'];

/** Parses rules; `where` names the file in the error a user sees. */
export function parseRules(json: unknown, where = 'topic rules'): Rules {
  const r = rulesSchema.safeParse(json);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new PmapError('bad_file', `${i.path.join('.') || 'the file'}: ${i.message}`, { file: where });
}

export function readRulesFile(file: string): Rules {
  return parseRules(readJsonFile(file, 'file', 'bad_file'), file);
}

export const defaultRules = (): Rules => parseRules(defaultRulesJson, 'lib/enrich/topic-rules.json');

/** One entry of the rule file, identified by where it sits: the unit the re-classification diff works on. */
export interface RuleEntry {
  /** A topic, or `gratitude.<list>`. */
  group: string;
  kind: 'stem' | 'word';
  /** Normalised parts of the entry (one per word). */
  parts: string[];
}

export const entryKey = (e: RuleEntry): string => `${e.group}|${e.kind}|${e.parts.join(' ')}`;

/** Every entry of a rule set, normalised the way texts are. */
export function ruleEntries(r: Rules): RuleEntry[] {
  const out: RuleEntry[] = [];
  const add = (group: string, kind: RuleEntry['kind'], list: string[]) => {
    for (const raw of list) {
      const parts = normalise(raw).split(' ').filter(Boolean);
      if (parts.length) out.push({ group, kind, parts });
    }
  };
  for (const [k, g] of Object.entries(r.gratitude)) {
    add(`gratitude.${k}`, 'stem', g.stems);
    add(`gratitude.${k}`, 'word', g.words);
  }
  for (const t of TOPICS) {
    const tr = r.topics[t];
    if (!tr) continue;
    add(t, 'stem', tr.stems);
    add(t, 'word', tr.words);
  }
  return out;
}

/** A stable hash of what the rules mean (not of the file's layout or comments). */
export function rulesHash(r: Rules): string {
  const keys = ruleEntries(r).map(entryKey).sort();
  return createHash('sha1').update(keys.join('\n')).digest('hex').slice(0, 16);
}

/** Entries present in one rule set and not the other: what an edit changed. */
export function changedEntries(before: Rules, after: Rules): RuleEntry[] {
  const a = new Map(ruleEntries(before).map((e) => [entryKey(e), e]));
  const b = new Map(ruleEntries(after).map((e) => [entryKey(e), e]));
  const out: RuleEntry[] = [];
  for (const [k, e] of a) if (!b.has(k)) out.push(e);
  for (const [k, e] of b) if (!a.has(k)) out.push(e);
  return out;
}

export const isTopicGroup = (g: string): g is Topic => (TOPICS as readonly string[]).includes(g);
