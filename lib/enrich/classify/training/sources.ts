import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { isTopic, type Topic } from '../../../domain/vocab';
import { PmapError } from '../../../errors';
import { hashString } from '../features';
import { normalise } from '../text';

/*
 * The labelled sources the topic model is trained and measured on. None of the real texts is in the repository: the
 * portal file is read in place (../shared/data), and only the mapping of its taxonomy onto ours is committed.
 */

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO = path.resolve(HERE, '../../../..');
export const SPB_APPEALS = path.resolve(REPO, '../shared/data/spb_appeals/spb_appeals_2020_2021.csv');
export const NYC_311 = path.resolve(REPO, '../shared/data/nyc311_sample_2011.csv');
export const FIXTURES = path.join(REPO, 'tests/fixtures/classify');
export const SPB_MAPPING = path.join(HERE, 'spb-mapping.tsv');
export const NYC_MAPPING = path.join(HERE, 'nyc311-mapping.json');

export type Part = 'train' | 'dev' | 'test';

/**
 * Which part a text belongs to, by a hash of its normalised form: the same text (the portal repeats «снег на дороге»
 * hundreds of times) always falls in the same part, so training never sees a test text. 20 % test, 10 % development
 * (calibration and the choice of settings), 70 % training.
 */
export function partOf(text: string): Part {
  const h = tenthOf(text);
  return h < 2 ? 'test' : h === 2 ? 'dev' : 'train';
}

/** 0–9 by a hash of the normalised text: the split's unit. */
export const tenthOf = (text: string): number => hashString(normalise(text), 0x9e3779b9) % 10;

export type Mapped = Topic | 'ambiguous' | 'exclude';

export interface LabelledRow {
  text: string;
  /** The topic the source's label maps to, or why it is left out of training and scoring. */
  label: Mapped;
  source: 'spb' | 'fixtures' | 'nyc311' | 'corrections' | 'demo';
  /** Where the label came from: the portal's category and reason, the fixture file, the 311 complaint type. */
  origin: string;
  gratitude?: boolean;
}

const key = (category: string, reason: string) => `${category.trim()}|${reason.replace(/\s+/g, ' ').trim()}`;

/** spb-mapping.tsv: category, reason → topic, "ambiguous" (could be two of ours) or "exclude" (none of ours). */
export function readSpbMapping(file = SPB_MAPPING): Map<string, Mapped> {
  const out = new Map<string, Mapped>();
  const lines = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim());
  lines.forEach((l, i) => {
    const [category, reason, topic] = l.split('\t');
    if (!category || !reason || !topic || !(isTopic(topic) || topic === 'ambiguous' || topic === 'exclude')) {
      throw new PmapError('bad_file', `${file}:${i + 2}: expected category<TAB>reason<TAB>topic|ambiguous|exclude`);
    }
    out.set(key(category, reason), topic);
  });
  return out;
}

/** The portal's complaints with their mapped labels; a category and reason not in the mapping is an error. */
export function readSpb(file = SPB_APPEALS, mapping = readSpbMapping()): LabelledRow[] {
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  return rows
    .filter((r) => r.text?.trim())
    .map((r) => {
      const label = mapping.get(key(r.category ?? '', r.reason ?? ''));
      if (!label) throw new PmapError('bad_file', `${SPB_MAPPING}: no line for «${r.category}» / «${r.reason}»`);
      return { text: r.text, label, source: 'spb', origin: key(r.category, r.reason) };
    });
}

/** tests/fixtures/classify/*.tsv, the team's hand-written sentences: text, topic, gratitude. */
export function readFixtures(dir = FIXTURES): LabelledRow[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tsv'))
    .sort()
    .flatMap((file) =>
      fs
        .readFileSync(path.join(dir, file), 'utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l, i) => {
          const [text, topic, gratitude] = l.split('\t');
          if (!text || !topic || !isTopic(topic) || (gratitude !== 'true' && gratitude !== 'false'))
            throw new PmapError('bad_file', `${file}:${i + 1}: bad line`);
          return { text, label: topic, source: 'fixtures' as const, origin: file, gratitude: gratitude === 'true' };
        }),
    );
}

/**
 * The hand-written sentences' parts. They are few (417), so their development part is larger than the portal's (30 %,
 * about 100 sentences, enough to choose the rules' weight by); their test part is holdout.tsv (written to be only
 * scored) plus the usual 20 % of the others; the model trains on the remaining half.
 */
export function fixturePart(r: Pick<LabelledRow, 'text' | 'origin'>): Part {
  if (r.origin === 'holdout.tsv') return 'test';
  const h = tenthOf(r.text);
  return h < 2 ? 'test' : h < 5 ? 'dev' : 'train';
}
export const fixtureTrains = (r: Pick<LabelledRow, 'text' | 'origin'>): boolean => fixturePart(r) === 'train';

/** NYC 311 rows whose complaint type maps cleanly (nyc311-mapping.json); the text is type + descriptor. */
export function readNyc311(file = NYC_311, mappingFile = NYC_MAPPING): LabelledRow[] {
  const mapping = JSON.parse(fs.readFileSync(mappingFile, 'utf8')) as { types: Record<string, string> };
  const rows = parse(fs.readFileSync(file), {
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  return rows.flatMap((r) => {
    const type = r['Complaint Type']?.trim() ?? '';
    const topic = mapping.types[type];
    if (!topic || !isTopic(topic)) return [];
    return [{ text: `${type} ${r.Descriptor ?? ''}`.trim(), label: topic, source: 'nyc311' as const, origin: type }];
  });
}

/**
 * A corrections CSV (the operators' choices: `pmap report corrections`): at least `text` and `topic`.
 * Rows whose topic is not one of ours are an error, not skipped, so a wrong file is noticed.
 */
export function readCorrections(file: string): LabelledRow[] {
  if (!fs.existsSync(file)) throw new PmapError('file_not_found', `${file}: no such corrections file`);
  const rows = parse(fs.readFileSync(file), { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
  if (rows.length && (!('text' in rows[0]) || !('topic' in rows[0])))
    throw new PmapError('bad_file', `${file}: needs the columns text and topic`);
  // An empty topic is a return to automatic (the report's --history): no label.
  return rows
    .filter((r) => r.text?.trim() && r.topic?.trim())
    .map((r, i) => {
      if (!isTopic(r.topic)) throw new PmapError('bad_file', `${file}:${i + 2}: topic «${r.topic}» is not one of ours`);
      return {
        text: r.text,
        label: r.topic,
        source: 'corrections' as const,
        origin: r.appeal_id ? `appeal ${r.appeal_id}` : 'corrections',
      };
    });
}

export const spbAvailable = (): boolean => fs.existsSync(SPB_APPEALS);
