import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isTopic, type Topic } from '../../lib/domain/vocab';
import { demoCorpus } from '../../lib/enrich/classify/builtin';
import { makeClassifier, MAX_CONFIDENCE } from '../../lib/enrich/classify/classifier';
import { evaluate, formatEvaluation, type Scored } from '../../lib/enrich/classify/evaluate';
import { RuleMatcher } from '../../lib/enrich/classify/matcher';
import { trainNb } from '../../lib/enrich/classify/model';
import { changedEntries, defaultRules, parseRules, ruleEntries, rulesHash } from '../../lib/enrich/classify/rules';
import { words } from '../../lib/enrich/classify/text';
import { COMPLAINTS } from '../../lib/demo/texts-complaints';
import { GRATITUDE } from '../../lib/demo/texts-gratitude';

const DIR = path.join(__dirname, '../fixtures/classify');

interface Sentence { file: string; text: string; topic: Topic; gratitude: boolean }

/** tests/fixtures/classify/*.tsv: text<TAB>topic<TAB>gratitude, written by hand (holdout.tsv after the rules were fixed). */
function sentences(): Sentence[] {
  return fs.readdirSync(DIR).filter((f) => f.endsWith('.tsv')).sort().flatMap((file) =>
    fs.readFileSync(path.join(DIR, file), 'utf8').split('\n').filter((l) => l.trim()).map((l, i) => {
      const [text, topic, gratitude] = l.split('\t');
      if (!text || !topic || !isTopic(topic) || (gratitude !== 'true' && gratitude !== 'false')) throw new Error(`${file}:${i + 1}: bad line`);
      return { file, text, topic, gratitude: gratitude === 'true' };
    }));
}

describe('topic classification on hand-written sentences', () => {
  const all = sentences();
  // Trained on the demo generator's corpus only, never on the test sentences.
  const classifier = makeClassifier(defaultRules(), trainNb(demoCorpus()));
  const score = (list: Sentence[]): Scored[] => list.map((s) => {
    const c = classifier.classify(s.text);
    return { topic: s.topic, predicted: c.topic, gratitude: s.gratitude, predictedGratitude: c.isGratitude };
  });

  it('are at least 300 and none comes from the demo templates', () => {
    expect(all.length).toBeGreaterThanOrEqual(300);
    const fragments = [...Object.values(COMPLAINTS), ...Object.values(GRATITUDE)]
      .flatMap((families) => families.flatMap((f) => f.templates))
      .flatMap((t) => t.split(/\{\w+\}/)).map((p) => words(p).join(' ')).filter((p) => p.split(' ').length >= 4);
    for (const s of all) {
      const w = words(s.text).join(' ');
      expect(fragments.filter((f) => w.includes(f)), s.text).toEqual([]);
    }
  });

  it('reach macro-F1 ≥ 0.85 and gratitude precision ≥ 0.9', () => {
    const e = evaluate(score(all));
    console.log(`classification, ${all.length} hand-written sentences:\n${formatEvaluation(e)}`);
    for (const file of [...new Set(all.map((s) => s.file))]) {
      const f = evaluate(score(all.filter((s) => s.file === file)));
      console.log(`  ${file}: macro-F1 ${f.macroF1.toFixed(3)}, accuracy ${f.accuracy.toFixed(3)}`);
    }
    expect(e.macroF1).toBeGreaterThanOrEqual(0.85);
    expect(e.gratitude.precision).toBeGreaterThanOrEqual(0.9);
    expect(e.gratitude.recall).toBeGreaterThanOrEqual(0.8);
  });

  it('gives a confidence below 1 (1 means the source gave the topic) and "other" with 0 when nothing is known', () => {
    expect(classifier.classify('Огромная яма на дороге').confidence).toBeLessThanOrEqual(MAX_CONFIDENCE);
    expect(classifier.classify('абв где')).toEqual({ topic: 'other', confidence: 0, isGratitude: false, top: [{ topic: 'other', p: 0 }] });
    expect(classifier.classify(null)).toEqual({ topic: 'other', confidence: 0, isGratitude: false, top: [{ topic: 'other', p: 0 }] });
  });

  it('lists the three most probable topics, best first, the first being the chosen one', () => {
    for (const text of ['Огромная яма на дороге', 'Не вывозят мусор из контейнеров', 'Во дворе сломали скамейку и качели']) {
      const c = classifier.classify(text);
      expect(c.top).toHaveLength(3);
      expect(c.top[0]).toEqual({ topic: c.topic, p: c.confidence });
      expect(new Set(c.top.map((t) => t.topic)).size).toBe(3);
      for (let i = 1; i < 3; i++) expect(c.top[i].p).toBeLessThanOrEqual(c.top[i - 1].p);
      expect(c.top.reduce((a, t) => a + t.p, 0)).toBeLessThanOrEqual(1.02);
    }
  });
});

describe('gratitude', () => {
  const c = makeClassifier(defaultRules(), null);
  it.each([
    ['Спасибо за ремонт дороги!', true],
    ['Молодцы, быстро починили фонарь', true],
    ['Хочу поблагодарить водителя автобуса', true],
    ['Заранее спасибо за ответ', false],
    ['Прошу починить лифт. Благодарю за внимание', false],
    ['Спасибо, но воды так и нет', false],
    ['«Спасибо» за месяц без света', false],
    ['Спасибо за ремонт! А когда сделают тротуар?', false],
    ['Благодаря ямам я пробил колесо', false],
    ['Ураган повалил деревья', false],
  ])('%s → %s', (text, want) => {
    expect(c.classify(text).isGratitude).toBe(want);
  });
});

describe('rule matching', () => {
  const rules = parseRules({
    gratitude: { thanks: { stems: [], words: [] }, not_thanks: { stems: [], words: [] }, praise: { stems: [], words: [] },
      polite: { stems: [], words: [] }, request: { stems: [], words: [] }, contrast: { stems: [], words: [] }, sarcasm: { stems: [], words: [] } },
    topics: { roads: { stems: ['светофор', 'дорожн знак'], words: ['ям'] }, energy: { stems: [], words: ['газ'] }, improvement: { stems: ['травян'], words: [] } },
  });
  const m = new RuleMatcher(ruleEntries(rules));
  const hits = (t: string) => m.match(words(t)).map((h) => `${h.entry.parts.join(' ')}${h.fuzzy ? '~' : ''}`).sort();

  it('stems match word starts, words whole words, phrases consecutive words', () => {
    expect(hits('Светофоры не работают')).toEqual(['светофор']);
    expect(hits('нет газа, газон не косят, газ есть')).toEqual(['газ']);
    expect(hits('Дорожные знаки упали')).toEqual(['дорожн знак']);
    expect(hits('знаки дорожные')).toEqual([]);
  });
  it('tolerates one typo in a long stem, but not in its last letter (that is inflection)', () => {
    expect(hits('светафор мигает')).toEqual(['светофор~']);
    expect(hits('кошек травят')).toEqual([]);
  });
  it('a rule edit is a set of changed entries, and the hash ignores layout', () => {
    const edited = structuredClone(rules);
    edited.topics.roads!.stems.push('асфальт');
    edited.topics.roads!.words = [];
    expect(changedEntries(rules, edited).map((e) => `${e.group}:${e.parts.join(' ')}`).sort()).toEqual(['roads:асфальт', 'roads:ям']);
    expect(rulesHash(rules)).toBe(rulesHash(parseRules(JSON.parse(JSON.stringify(rules)))));
    expect(rulesHash(edited)).not.toBe(rulesHash(rules));
  });
  it('refuses unknown keys in a rule file', () => {
    expect(() => parseRules({ ...rules, topcs: {} })).toThrow(/topcs/);
  });
});

describe('naive Bayes', () => {
  it('learns topic words, counts each distinct text once, and leaves address words out', () => {
    const ex = [
      ...Array.from({ length: 50 }, () => ({ text: 'сломан лифт в подъезде', topic: 'housing' as const, address: null })),
      { text: 'течет кран в подъезде', topic: 'housing' as const, address: null },
      { text: 'лифт застрял', topic: 'housing' as const, address: null },
      { text: 'автобус опоздал на Чкалова', topic: 'transport' as const, address: 'ул. Чкалова' },
      { text: 'автобус не пришел', topic: 'transport' as const, address: null },
      { text: 'автобус сломан', topic: 'transport' as const, address: null },
    ];
    const m = trainNb(ex, { minDf: 2 });
    expect(m.examples).toBe(55);
    expect(m.weights['лифт']![1]).toBeGreaterThan(0);
    expect(m.weights['автобус']![5]).toBeGreaterThan(m.weights['автобус']![1]!);
    expect(m.weights['чкалов']).toBeUndefined();
  });
});
