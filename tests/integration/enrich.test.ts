import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { defaultRules, type Rules } from '../../lib/enrich/classify/rules';
import { runEnrichment, type EnrichResult } from '../../lib/enrich/rerun';
import { reclassifyAppeals } from '../../lib/enrich/classify/reclassify';
import { shippedModel } from '../../lib/enrich/classify/shipped';
import { demoAppeals } from '../../lib/demo';
import { seedDemo } from '../../lib/demo/seed';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { boundaryOverlaps } from '../../lib/store/boundaryPick';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

let db: Database;
let url: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-enrich-'));
const unlabelled = path.join(tmp, 'unlabelled.csv');
// Appeals with a text but no topic: the classifier decides their topic and gratitude.
const texts = [...demoAppeals({ count: 1500, end: new Date('2025-06-01T00:00:00Z') })];

beforeAll(async () => {
  ({ db, url } = await freshPostgres('enrich'));
  await seedDemo(db, { appeals: 3000 });
  fs.writeFileSync(
    unlabelled,
    stringify([
      ['external_id', 'created_at', 'text', 'street', 'address', 'lat', 'lon'],
      ...texts.map((a, i) => [`U-${i}`, a.createdAt, a.text, a.street ?? '', a.address, a.lat ?? '', a.lon ?? '']),
    ]),
  );
  await importAppeals(db, unlabelled, { rejectsPath: path.join(tmp, 'u.rej') });
});
afterAll(async () => {
  await db?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const zero = (r: Pick<EnrichResult, 'classify' | 'geocode' | 'boundaries' | 'roads' | 'checked' | 'updated'>) => {
  expect(r.checked).toBe(0);
  expect(r.updated).toBe(0);
  for (const k of ['classify', 'geocode', 'boundaries', 'roads'] as const)
    expect(r[k]).toMatchObject({ checked: 0, updated: 0 });
};
const n = async (sql: string, params: unknown[] = []) =>
  Number((await db.query<{ n: number }>(sql, params))[0]?.n ?? 0);

describe('pmap enrich', () => {
  it('first run enriches everything once; a second run touches nothing', () => {
    const first = pmap(['enrich', '--json'], { DATABASE_URL: url });
    expect(first.code, first.stderr).toBe(0);
    expect(first.json).toMatchObject({ classify: { reason: 'first model' } });
    // Machine-classified appeals are the 1500 of the unlabelled file; the demo's come with topic and gratitude.
    expect(first.json!.classify).toMatchObject({ checked: 1500 });
    const again = pmap(['enrich', '--json'], { DATABASE_URL: url });
    expect(again.code, again.stderr).toBe(0);
    zero(again.json as unknown as EnrichResult);
    expect(again.json!.classify).toMatchObject({ reason: 'unchanged' });
  });

  it('a rule edit re-classifies only the appeals whose text has the edited stem', async () => {
    const rules: Rules = structuredClone(defaultRules());
    rules.topics.roads!.stems = rules.topics.roads!.stems.filter((s) => s !== 'светофор');
    rules.topics.energy!.stems.push('светофор');
    const file = path.join(tmp, 'rules.json');
    fs.writeFileSync(file, JSON.stringify(rules));
    const withStem = await n(
      `SELECT count(*) n FROM appeals WHERE external_id LIKE 'U-%' AND text ~* '(^|[^а-яё])светофор'`,
    );
    expect(withStem).toBeGreaterThan(5);
    const topics = async () =>
      new Map(
        (await db.query<{ id: number; topic: string }>(`SELECT id, topic FROM appeals`)).map((r) => [r.id, r.topic]),
      );
    const before = await topics();
    const r = pmap(['enrich', '--rules', file, '--json'], { DATABASE_URL: url });
    expect(r.code, r.stderr).toBe(0);
    const res = r.json as unknown as EnrichResult;
    expect(res.classify).toMatchObject({ reason: 'rules', checked: withStem });
    expect(res.classify.updated).toBeGreaterThan(0);
    expect(res.classify.updated).toBeLessThanOrEqual(withStem);
    // Road snapping looks again at exactly the appeals whose topic changed; boundaries at none.
    const after = await topics();
    const changedTopic = [...after].filter(([id, t]) => before.get(id) !== t).length;
    expect(res.roads.checked).toBe(changedTopic);
    expect(res.boundaries).toMatchObject({ checked: 0, updated: 0 });
    expect(await n(`SELECT count(*) n FROM appeals WHERE topic <> 'roads' AND road_segment_id IS NOT NULL`)).toBe(0);
    zero(await runEnrichment(db, { rules }));
    // Back to the file's rules: the same appeals, and only they, again.
    const back = await runEnrichment(db, { rules: defaultRules() });
    expect(back.classify).toMatchObject({ reason: 'rules', checked: withStem, updated: res.classify.updated });
  });

  it('a staff correction survives re-classification by a new model and re-import; the new model rewrites only what it changes', async () => {
    const [row] = await db.query<{ id: number; topic: string }>(
      `SELECT id, topic FROM appeals WHERE external_id LIKE 'U-%' AND topic = 'roads' ORDER BY id LIMIT 1`,
    );
    await db.query(`UPDATE appeals SET topic = 'other', topic_manual = true WHERE id = $1`, [row.id]);
    const machine = async () =>
      new Map(
        (
          await db.query<{ id: number; topic: string; c: number }>(
            `SELECT id, topic, round(topic_confidence::numeric, 2)::float8 AS c FROM appeals WHERE NOT topic_manual AND topic_confidence < 1`,
          )
        ).map((r) => [Number(r.id), `${r.topic}:${r.c}`]),
      );
    const before = await machine();
    // A "new model": the shipped one with its housing weights halved, so some appeals change and most do not.
    const base = shippedModel();
    const k = base.model.topics.length;
    const h = base.model.topics.indexOf('housing');
    const weights = Float32Array.from(base.model.weights, (w, i) => (i % k === h ? w / 2 : w));
    const model = { ...base, hash: `${base.hash}-test`, model: { ...base.model, weights, quantised: undefined } };
    const r = await db.transaction(async (s) => {
      await s.query(`CREATE TEMP TABLE t_changed (id bigint PRIMARY KEY) ON COMMIT DROP`);
      return reclassifyAppeals(s, { rules: defaultRules(), model, topicChangedTable: 't_changed' });
    });
    const now = await machine();
    const changed = [...now].filter(([id, v]) => before.get(id) !== v).length;
    expect(r).toMatchObject({ reason: 'model', checked: before.size });
    expect(changed).toBeGreaterThan(0);
    expect(changed).toBeLessThan(before.size / 2);
    // Rows whose topic and confidence stay are not written: updated counts only the changed ones (gratitude too).
    expect(r.updated).toBeGreaterThanOrEqual(changed);
    expect(r.updated).toBeLessThan(before.size / 2);
    // Back to the shipped model: the same rows change back.
    const back = await runEnrichment(db, { rules: defaultRules() });
    expect(back.classify).toMatchObject({ reason: 'model', updated: r.updated });
    await importAppeals(db, unlabelled, { rejectsPath: path.join(tmp, 'u2.rej') });
    const [after] = await db.query<{ topic: string; topic_manual: boolean }>(
      `SELECT topic, topic_manual FROM appeals WHERE id = $1`,
      [row.id],
    );
    expect(after).toEqual({ topic: 'other', topic_manual: true });
  });

  it('a changed boundary re-assigns only the appeals in its extent', async () => {
    zero(await runEnrichment(db, { rules: defaultRules() }));
    // A new municipality over a corner of Orenburg, inside its outline: nested, so it wins where it overlaps
    // (lib/store/boundaryPick.ts; boundaryOverlaps marks it, as the boundary import does).
    const box = 'ST_MakeEnvelope(55.09, 51.76, 55.11, 51.78, 4326)';
    const inside = await n(`SELECT count(*) n FROM appeals WHERE geom && ${box}`);
    const total = await n(`SELECT count(*) n FROM appeals WHERE geom IS NOT NULL`);
    expect(inside).toBeGreaterThan(10);
    await db.query(
      `INSERT INTO boundaries (level, code, name, geom) VALUES ('municipality', '00-TEST', 'Тест', ST_Multi(${box}))`,
    );
    expect(await boundaryOverlaps(db, 'municipality')).toMatchObject({ nested: 1 });
    const r = await runEnrichment(db, { rules: defaultRules() });
    expect(r.boundaries).toMatchObject({ inputs_changed: 1, checked: inside, updated: inside });
    expect(inside).toBeLessThan(total / 5);
    expect(r.classify.checked + r.roads.checked + r.geocode.checked).toBe(0);
    zero(await runEnrichment(db, { rules: defaultRules() }));
    // Removing it puts them back where they were.
    await db.query(`DELETE FROM boundaries WHERE code = '00-TEST'`);
    const back = await runEnrichment(db, { rules: defaultRules() });
    expect(back.boundaries).toMatchObject({ inputs_changed: 1, checked: inside, updated: inside });
    expect(
      await n(`SELECT count(*) n FROM appeals a LEFT JOIN boundaries b ON b.id = a.municipality_id
                    WHERE a.geom IS NOT NULL AND b.id IS NULL AND a.municipality_id IS NOT NULL`),
    ).toBe(0);
  });

  it('a moved road segment re-snaps only the road appeals near it', async () => {
    const [seg] = await db.query<{ id: number; near: number }>(
      `SELECT road_segment_id AS id, count(*) AS near FROM appeals WHERE road_segment_id IS NOT NULL
       GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
    );
    await db.query(
      `UPDATE road_segments SET geom = ST_Translate(geom, 0.01, 0.01), content_hash = content_hash || 'x' WHERE id = $1`,
      [seg.id],
    );
    const r = await runEnrichment(db, { rules: defaultRules() });
    expect(r.roads.inputs_changed).toBe(1);
    expect(r.roads.checked).toBeGreaterThanOrEqual(Number(seg.near));
    expect(r.roads.checked).toBeLessThan((await n(`SELECT count(*) n FROM appeals WHERE topic = 'roads'`)) / 4);
    expect(await n(`SELECT count(*) n FROM appeals WHERE road_segment_id = $1`, [seg.id])).toBeLessThan(
      Number(seg.near),
    );
    zero(await runEnrichment(db, { rules: defaultRules() }));
  });
});
