import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { defaultRules } from '../../lib/enrich/classify/rules';
import { loadClassifier } from '../../lib/enrich/classify/store';
import { runEnrichment } from '../../lib/enrich/rerun';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { listAppeals } from '../../lib/store/appealList';
import { setAppealTopic, writeCorrectionsCsv, type MachineTopic } from '../../lib/store/topicCorrections';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-corrections-'));
const file = path.join(tmp, 'social.csv');
const BELOW = 0.6;
const PHONE = '+7 912 345-67-89';

// Social-network posts: no topic, so the classifier decides; S-5's source gave one. Texts written for this test.
const ROWS = [
  ['S-1', '2025-05-01T10:00:00Z', '', 'Прошу разобраться с ситуацией и сообщить о результатах'],
  ['S-2', '2025-05-02T10:00:00Z', '', `=1+1 разберитесь уже наконец, мой номер ${PHONE}`],
  ['S-3', '2025-05-03T10:00:00Z', '', 'Огромная яма на дороге у школы, асфальт разбит, машины ломают колёса'],
  ['S-4', '2025-05-04T10:00:00Z', '', 'Во дворе не вывозят мусор уже неделю, контейнеры переполнены'],
  ['S-5', '2025-05-05T10:00:00Z', 'housing', 'Течёт крыша в подъезде после каждого дождя'],
];
const writeFile = (rows: string[][]) =>
  fs.writeFileSync(file, stringify([['external_id', 'created_at', 'topic', 'text'], ...rows]));

interface Row {
  id: number;
  topic: string;
  topic_confidence: number | null;
  topic_manual: boolean;
  text: string;
}
const appeal = async (ext: string) =>
  (
    await db.query<Row>(`SELECT id, topic, topic_confidence, topic_manual, text FROM appeals WHERE external_id = $1`, [
      ext,
    ])
  )[0];
const version = async () =>
  Number((await db.query<{ v: number }>(`SELECT coalesce(max(v), 0) AS v FROM data_changes`))[0].v);
const report = async (history = false) => {
  const out = path.join(tmp, `report-${history}.csv`);
  const n = await writeCorrectionsCsv(db, out, { history });
  const rows = parse(fs.readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
  return { n, rows, header: fs.readFileSync(out, 'utf8').split('\n')[0] };
};
let machine: MachineTopic;

beforeAll(async () => {
  ({ db, url } = await freshPostgres('topic_corrections'));
  writeFile(ROWS);
  await importAppeals(db, file, { rejectsPath: path.join(tmp, 'a.rej') });
  const cls = await loadClassifier(db);
  machine = (t) => cls.classify(t);
}, 120_000);
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('appeals in doubt', () => {
  it("the list marks the machine's topics below the threshold and offers their top 3 from the classifier", async () => {
    const stored = await db.query<Row & { external_id: string }>(
      `SELECT id, external_id, topic, topic_confidence, topic_manual, text FROM appeals`,
    );
    const low = stored
      .filter((r) => (r.topic_confidence ?? 0) < BELOW)
      .map((r) => Number(r.id))
      .sort();
    // The vague texts have next to no evidence.
    expect(low.length).toBeGreaterThan(0);
    expect(stored.find((r) => r.external_id === 'S-5')).toMatchObject({ topic: 'housing', topic_confidence: 1 });
    const page = await listAppeals(db, { gratitude: 'include' }, 1, 50, true, { doubtBelow: BELOW });
    expect(
      page.items
        .filter((r) => r.doubt)
        .map((r) => r.id)
        .sort(),
    ).toEqual(low);
    const cls = await loadClassifier(db);
    for (const r of page.items) {
      if (!r.doubt) {
        expect(r.top).toBeNull();
        continue;
      }
      const top = r.top!;
      expect(top.length).toBeGreaterThanOrEqual(1);
      expect(top.length).toBeLessThanOrEqual(3);
      expect(top[0].topic).toBe(cls.classify(r.text).topic);
      for (let i = 1; i < top.length; i++) expect(top[i].p).toBeLessThanOrEqual(top[i - 1].p);
    }
    const only = await listAppeals(db, { gratitude: 'include' }, 1, 50, true, { doubtBelow: BELOW, doubtOnly: true });
    expect(only.total).toBe(low.length);
    expect(only.items.map((r) => r.id).sort()).toEqual(low);
    // Threshold 0: nothing is in doubt.
    expect(
      (await listAppeals(db, { gratitude: 'include' }, 1, 50, true, { doubtBelow: 0, doubtOnly: true })).total,
    ).toBe(0);
  });
});

describe('setting a topic by hand', () => {
  it('sets the appeal, records what the machine said, and moves the data version', async () => {
    const before = await appeal('S-1');
    expect(before.topic_manual).toBe(false);
    const choice = before.topic === 'roads' ? 'improvement' : 'roads';
    const v0 = await version();
    const state = await setAppealTopic(db, Number(before.id), choice, 'analyst@example.org', machine);
    expect(state).toEqual({ id: Number(before.id), topic: choice, topicManual: true, topicConfidence: 1 });
    expect(await appeal('S-1')).toMatchObject({ topic: choice, topic_manual: true, topic_confidence: 1 });
    const [c] = await db.query(
      `SELECT machine_topic, machine_confidence, topic, corrected_by FROM topic_corrections WHERE appeal_id = $1`,
      [before.id],
    );
    expect(c).toEqual({
      machine_topic: before.topic,
      machine_confidence: before.topic_confidence,
      topic: choice,
      corrected_by: 'analyst@example.org',
    });
    expect(await version()).toBeGreaterThan(v0);
    const page = await listAppeals(db, { gratitude: 'include' }, 1, 50, true, { doubtBelow: BELOW });
    expect(page.items.find((r) => r.id === Number(before.id))).toMatchObject({
      topic: choice,
      topicManual: true,
      doubt: false,
      top: null,
    });
  });

  it('survives a re-import of the same file, a changed text, and re-classification with retraining', async () => {
    const chosen = (await appeal('S-1')).topic;
    await importAppeals(db, file, { rejectsPath: path.join(tmp, 'b.rej') });
    expect(await appeal('S-1')).toMatchObject({ topic: chosen, topic_manual: true, topic_confidence: 1 });
    // The source edited the post: the row is rewritten, the person's topic stays.
    writeFile(ROWS.map((r) => (r[0] === 'S-1' ? [...r.slice(0, 3), `${r[3]} (дополнено)`] : r)));
    const again = await importAppeals(db, file, { rejectsPath: path.join(tmp, 'c.rej') });
    expect(again).toMatchObject({ updated: 1 });
    expect(await appeal('S-1')).toMatchObject({
      topic: chosen,
      topic_manual: true,
      topic_confidence: 1,
      text: `${ROWS[0][3]} (дополнено)`,
    });
    await runEnrichment(db, { rules: defaultRules() });
    expect(await appeal('S-1')).toMatchObject({ topic: chosen, topic_manual: true, topic_confidence: 1 });
  }, 120_000);

  it("a second choice keeps the machine's topic of the first, and the report shows the current choice", async () => {
    const s2 = await appeal('S-2');
    await setAppealTopic(db, Number(s2.id), 'energy', 'admin@example.org', machine);
    await setAppealTopic(db, Number(s2.id), 'waste', 'analyst@example.org', machine);
    const hist = await db.query(`SELECT machine_topic, topic FROM topic_corrections WHERE appeal_id = $1 ORDER BY id`, [
      s2.id,
    ]);
    expect(hist).toEqual([
      { machine_topic: s2.topic, topic: 'energy' },
      { machine_topic: s2.topic, topic: 'waste' },
    ]);
    // Choosing what it already has changes nothing.
    await setAppealTopic(db, Number(s2.id), 'waste', 'analyst@example.org', machine);
    expect(await db.query(`SELECT 1 FROM topic_corrections WHERE appeal_id = $1`, [s2.id])).toHaveLength(2);

    const s1 = await appeal('S-1');
    const { n, rows, header } = await report();
    expect(header).toBe('appeal_id,text,machine_topic,machine_confidence,topic,corrected_by,corrected_at');
    expect(n).toBe(2);
    expect(rows.map((r) => [r.appeal_id, r.topic, r.corrected_by])).toEqual([
      [String(s1.id), s1.topic, 'analyst@example.org'],
      [String(s2.id), 'waste', 'analyst@example.org'],
    ]);
    expect(rows[0].text).toBe(`${ROWS[0][3]} (дополнено)`);
    expect(Number(rows[1].machine_confidence)).toBeCloseTo(s2.topic_confidence ?? 0, 5);
    expect(rows[1].machine_topic).toBe(s2.topic);
    expect(Number.isNaN(Date.parse(rows[1].corrected_at))).toBe(false);
    // Formula injection escaped; the author's phone is not in the file.
    expect(rows[1].text.startsWith("'=1+1 разберитесь")).toBe(true);
    expect(rows[1].text).not.toContain(PHONE);
    expect(rows[1].text).toContain('[телефон скрыт]');
    expect((await report(true)).rows.map((r) => r.topic)).toEqual([s1.topic, 'energy', 'waste']);
  });

  it('pmap report corrections writes the same file and is audit-logged', async () => {
    const out = path.join(tmp, 'cli.csv');
    const r = pmap(['report', 'corrections', '--out', out, '--json'], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json).toEqual({ rows: 2, out });
    expect(fs.readFileSync(out, 'utf8')).toBe(fs.readFileSync(path.join(tmp, 'report-false.csv'), 'utf8'));
    const [a] = await db.query(`SELECT action, rows FROM audit_log ORDER BY id DESC LIMIT 1`);
    expect(a).toEqual({ action: 'export corrections csv', rows: 2 });
  }, 60_000);

  it("return to automatic: the classifier's topic now, or the source's", async () => {
    const s2 = await appeal('S-2');
    const expected = machine(s2.text);
    const state = await setAppealTopic(db, Number(s2.id), null, 'analyst@example.org', machine);
    expect(state).toMatchObject({ topic: expected.topic, topicManual: false });
    expect(state.topicConfidence).toBeCloseTo(expected.confidence, 5);
    expect(await appeal('S-2')).toMatchObject({ topic: expected.topic, topic_manual: false });
    expect((await appeal('S-2')).topic_confidence!).toBeLessThan(1);
    expect((await report()).rows.map((r) => r.appeal_id)).toEqual([String((await appeal('S-1')).id)]);
    expect((await report(true)).rows.at(-1)).toMatchObject({ appeal_id: String(s2.id), topic: '' });

    const s5 = await appeal('S-5');
    await setAppealTopic(db, Number(s5.id), 'roads', 'analyst@example.org', machine);
    await setAppealTopic(db, Number(s5.id), null, 'analyst@example.org', machine);
    expect(await appeal('S-5')).toMatchObject({ topic: 'housing', topic_manual: false, topic_confidence: 1 });
    // Already automatic: nothing to return.
    const n = (await report(true)).n;
    await setAppealTopic(db, Number(s5.id), null, 'analyst@example.org', machine);
    expect((await report(true)).n).toBe(n);
  });

  it('an unknown appeal is not found', async () => {
    await expect(setAppealTopic(db, 987_654_321, 'roads', 'x@example.org', machine)).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
