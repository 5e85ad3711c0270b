import { describe, expect, it } from 'vitest';
import { shippedClassifier } from '../../lib/enrich/classify/shipped';
import { defaultRules } from '../../lib/enrich/classify/rules';
import { decide } from '../../lib/ingest/coordinateVote';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import type { SourceRecord } from '../../lib/ingest/readers';
import { stageRecords } from '../../lib/ingest/appeals/stagePipeline';
import type { ChunkResult, RowContext } from '../../lib/ingest/appeals/stageRows';

// Orenburg-ish box; rows give lat and lon swapped (the verdict says so), some broken on purpose.
const BBOX: [number, number, number, number] = [50, 50, 56, 54];
const mapping = parseMapping(
  appealMappingSchema,
  {
    source: 'pipe',
    region_bbox: BBOX,
    date_format: 'dd.MM.yyyy HH:mm',
    swap: true,
    fields: {
      external_id: 'id',
      created_at: 'created',
      text: 'text',
      author: 'author',
      lat: 'lat',
      lon: 'lon',
      channel: 'ch',
    },
  },
  'test',
);
const CHANNELS = ['телефон', 'E-mail', 'vk', 'нечто', 'ПОС', ''];
const TEXTS = [
  'Яма на дороге у дома',
  'Не вывозят мусор третий день',
  'Спасибо за ремонт подъезда',
  'Нет отопления',
  '',
];

function record(i: number): SourceRecord {
  const lat = 51 + (i % 97) / 100;
  const lon = 55 + (i % 89) / 100;
  const values: Record<string, unknown> = {
    id: i % 331 === 7 ? 'x'.repeat(1200) : `A-${i}`, // too long a key: a constraint reject
    created:
      i % 211 === 3
        ? '31.02.2024 10:00'
        : i % 17 === 0
          ? `2024-03-0${1 + (i % 9)}T10:00:00Z`
          : `0${1 + (i % 9)}.03.2024 10:00`,
    text: TEXTS[i % TEXTS.length],
    author: i % 3 ? `author${i % 50}@mail.ru` : '',
    ch: CHANNELS[i % CHANNELS.length],
    // Swapped: the lat column holds the longitude; every 13th row has none.
    lat: i % 13 === 0 ? '' : String(lon),
    lon: i % 13 === 0 ? '' : String(lat),
  };
  return { row: i + 2, line: i + 2, values, ...(i % 401 === 5 ? { problem: 'row 7: unclosed quote' } : {}) };
}

async function* records(n: number): AsyncGenerator<SourceRecord> {
  for (let i = 0; i < n; i++) yield record(i);
}

async function run(threads: number, n: number) {
  const ctx: RowContext = {
    mapping,
    placement: { region: { boxes: [BBOX], from: ['test'] }, verdict: decide({ in: 0, swapped: 10, out: 0 }, true) },
    now: Date.parse('2026-01-01T00:00:00Z'),
    key: 'test-key',
  };
  const chunks: { rows: number[]; result: ChunkResult }[] = [];
  const used = await stageRecords(records(n), {
    context: () => ctx,
    classifier: shippedClassifier(),
    rules: async () => defaultRules(),
    threads,
    chunkRows: 500,
    onChunk: async (recs, result) => {
      chunks.push({ rows: recs.map((r) => r.row), result: { ...result, csv: Buffer.from(result.csv) } });
    },
  });
  const all = chunks.map((c) => c.result);
  return {
    used: used.threads,
    rows: chunks.flatMap((c) => c.rows),
    reasons: all.flatMap((r) => r.reasons),
    csv: Buffer.concat(all.map((r) => r.csv)).toString('utf8'),
    staged: all.flatMap((r) => r.stagedRows),
    counters: all.map((r) => ({
      swapped: r.swapped,
      noCoords: r.noCoords,
      viaIso: r.viaIso,
      located: [...r.located],
      channels: r.channels,
    })),
  };
}

describe('stageRecords: worker threads give what the importing thread gives', () => {
  it('same rows, rejects, COPY text and counters, in file order', async () => {
    const n = 3100;
    const off = await run(0, n);
    const on = await run(2, n);
    expect(off.used).toBe(0);
    expect(on.used).toBe(2);
    expect(on.rows).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    expect(on).toEqual({ ...off, used: 2 });
    // The file has each kind of outcome.
    const reasons = off.reasons.filter((r): r is string => r !== null);
    expect(reasons.some((r) => r.includes('cannot parse date'))).toBe(true);
    expect(reasons.some((r) => r.includes('bytes, more than'))).toBe(true);
    expect(reasons).toContain('row 7: unclosed quote');
    expect(off.counters.reduce((a, c) => a + c.swapped, 0)).toBeGreaterThan(n / 3);
    expect(off.counters.reduce((a, c) => a + c.viaIso, 0)).toBeGreaterThan(0);
    expect(new Set(off.counters.flatMap((c) => c.channels.map(([v]) => v)))).toEqual(new Set(CHANNELS));
    expect(off.csv.split('\n').length - 1).toBe(off.staged.length);
  }, 60_000);

  it('a file of less than a chunk stays on the importing thread', async () => {
    expect((await run(2, 300)).used).toBe(0);
  });
});
