/*
 * npm run bench -- classify: the shipped topic model on texts it never trained on — the test part of the St Petersburg
 * portal's complaints (when ../shared/data is here) and of the team's hand-written sentences — with per-topic
 * precision, recall and F1, macro-F1, accuracy, the confusion matrix and the reliability table; then the gratitude
 * flag on real texts, the model file's size, its load time and the batch throughput.
 */
import fs from 'node:fs';
import path from 'node:path';
import { isTopic } from '../lib/domain/vocab';
import { makeClassifier } from '../lib/enrich/classify/classifier';
import { formatConfusion, formatEvaluation, formatReliability } from '../lib/enrich/classify/evaluate';
import { type ModelFile } from '../lib/enrich/classify/linear';
import { defaultRules } from '../lib/enrich/classify/rules';
import { MODEL_FILE, shippedFromFile } from '../lib/enrich/classify/shipped';
import { CORE_TOPICS, measure } from '../lib/enrich/classify/training/measure';
import {
  fixturePart,
  partOf,
  readFixtures,
  readSpb,
  REPO,
  spbAvailable,
} from '../lib/enrich/classify/training/sources';

const f3 = (x: number) => x.toFixed(3);

export async function run(): Promise<void> {
  const file = path.join(REPO, MODEL_FILE);
  const size = fs.statSync(file).size;
  const t0 = performance.now();
  const shipped = shippedFromFile(JSON.parse(fs.readFileSync(file, 'utf8')) as ModelFile);
  const loadMs = performance.now() - t0;
  const cls = makeClassifier(defaultRules(), shipped);
  console.log(
    `model ${shipped.hash}: ${shipped.model.algorithm}, ${shipped.model.chars ? 'stems + char 3-5-grams' : 'stems'}, 2^${shipped.model.bits} buckets, ` +
      `temperature ${shipped.model.temperature}, rule weight ${shipped.weights.rule} (×${shipped.weights.rare ?? 1} for ${(shipped.weights.rareTopics ?? []).join(', ')})`,
  );
  console.log(`file ${(size / 1e6).toFixed(2)} MB (limit 20), load ${loadMs.toFixed(0)} ms (limit 1000)`);

  const fixtures = readFixtures();
  const held = measure(
    cls,
    fixtures.filter((r) => fixturePart(r) === 'test'),
  );
  console.log(
    `\nhand-written sentences never trained on (${held.n}): macro-F1 ${f3(held.evaluation.macroF1)} (limit 0.90), accuracy ${f3(held.evaluation.accuracy)}`,
  );
  console.log(formatEvaluation(held.evaluation));

  let texts = fixtures.map((r) => r.text);
  if (spbAvailable()) {
    const spb = readSpb();
    const test = measure(
      cls,
      spb.filter((r) => isTopic(r.label) && partOf(r.text) === 'test'),
    );
    console.log(
      `\nportal test part (${test.n} texts, split by text, never trained on): macro-F1 over ${CORE_TOPICS.join(', ')} ` +
        `${f3(test.coreMacroF1)} (limit 0.85), accuracy over all mapped topics ${f3(test.evaluation.accuracy)} (limit 0.85)`,
    );
    console.log(formatEvaluation(test.evaluation));
    console.log(`\nconfusion matrix\n${formatConfusion(test.confusion)}`);
    console.log(`\nreliability\n${formatReliability(test.reliability)}`);
    console.log(
      `\noperators' doubt (PMAP_TOPIC_DOUBT_BELOW) on the same test part\n${doubtTable(
        cls,
        spb.filter((r) => isTopic(r.label) && partOf(r.text) === 'test'),
      )}`,
    );
    // The portal's texts are complaints: any flagged as thanks is a false positive (a complaint that says спасибо).
    const flagged = spb.filter((r) => cls.classify(r.text).isGratitude).length;
    const thanks = fixtures.filter((r) => r.gratitude);
    const tp = thanks.filter((r) => cls.classify(r.text).isGratitude).length;
    const fpFix = fixtures.filter((r) => !r.gratitude && cls.classify(r.text).isGratitude).length;
    console.log(
      `\ngratitude: ${flagged} of ${spb.length} portal complaints flagged as thanks; with the hand-written thanks ` +
        `(${tp} of ${thanks.length} found, ${fpFix} false) precision ${f3(tp / (tp + fpFix + flagged))} (limit 0.95)`,
    );
    texts = spb.map((r) => r.text);
  } else {
    console.log('\n../shared/data/spb_appeals is not here: portal figures skipped');
  }

  // Throughput: every text once to warm up (stems are memoised), then timed passes.
  for (const t of texts) cls.classify(t);
  let n = 0;
  const t1 = performance.now();
  while (performance.now() - t1 < 3000)
    for (const t of texts) {
      cls.classify(t);
      n++;
    }
  const secs = (performance.now() - t1) / 1000;
  console.log(`\nthroughput ${Math.round(n / secs)} texts/s on ${texts.length} real texts, one core (limit 20000)`);
}

/**
 * What a doubt threshold asks of operators and what it catches: the share of texts shown as "in doubt", the share of
 * the classifier's errors among them, the accuracy of the rest, and how often the right topic is among the three shown.
 */
function doubtTable(cls: ReturnType<typeof makeClassifier>, rows: { text: string; label: string }[]): string {
  const scored = rows.map((r) => {
    const c = cls.classify(r.text);
    return { confidence: c.confidence, right: c.topic === r.label, inTop3: c.top.some((t) => t.topic === r.label) };
  });
  const wrong = scored.filter((s) => !s.right).length;
  const lines = ['threshold  in doubt  errors caught  accuracy above  right topic in top 3 (of those in doubt)'];
  for (const th of [0.5, 0.6, 0.7, 0.8]) {
    const doubt = scored.filter((s) => s.confidence < th);
    const above = scored.filter((s) => s.confidence >= th);
    const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '—');
    lines.push(
      `${th.toFixed(2).padEnd(9)}  ${pct(doubt.length, scored.length).padStart(8)}  ${`${doubt.filter((s) => !s.right).length} of ${wrong}`.padStart(13)}  ` +
        `${pct(above.filter((s) => s.right).length, above.length).padStart(14)}  ${pct(doubt.filter((s) => s.inTop3).length, doubt.length).padStart(8)}`,
    );
  }
  return lines.join('\n');
}
