import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openReader, type FileFormat, type SourceRecord } from '../../lib/ingest/readers';
import { boundedLines } from '../../lib/ingest/readers/lines';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-guard-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const LONG = 'д'.repeat(10_001); // one over PMAP_MAX_FIELD_CHARS's default
const rows = [
  { id: 'a', 'na\u0000me': 'ok' },
  { id: 'b', 'na\u0000me': 'x\u0000y' },
  { id: 'c', 'na\u0000me': LONG },
];
const files: [FileFormat, string, string][] = [
  ['csv', 'f.csv', `id,na\u0000me\n${rows.map((r) => `${r.id},${r['na\u0000me']}`).join('\n')}\n`],
  ['ndjson', 'f.ndjson', rows.map((r) => JSON.stringify(r)).join('\n') + '\n'],
  ['json', 'f.json', JSON.stringify(rows)],
  [
    'geojson',
    'f.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: rows.map((properties) => ({
        type: 'Feature',
        properties,
        geometry: { type: 'Point', coordinates: [1, 2] },
      })),
    }),
  ],
];

describe('every reader applies one rule to NUL bytes and field lengths', () => {
  it.each(files)(
    '%s: the column name loses its NUL, a NUL value and an over-long value reject their rows, storably',
    async (format, name, text) => {
      const file = path.join(tmp, name);
      fs.writeFileSync(file, text);
      const out: SourceRecord[] = [];
      for await (const r of openReader(file, format).records()) out.push(r);
      expect(out.map((r) => r.values.name)).toEqual([
        'ok',
        'xy',
        expect.stringMatching(/^д{10000}… \[1 more characters cut\]$/),
      ]);
      expect(out.every((r) => !Object.keys(r.values).some((k) => k.includes('\u0000')))).toBe(true);
      expect(out[0].problem).toBeUndefined();
      expect(out[1].problem).toBe('column "name": the value contains a NUL byte (\\0), which cannot be stored');
      expect(out[2].problem).toBe(
        'column "name": the value has 10001 characters, more than the limit of 10000 (PMAP_MAX_FIELD_CHARS)',
      );
    },
  );
});

describe('boundedLines', () => {
  async function* chunks(...parts: string[]) {
    yield* parts;
  }
  it('splits across chunks, drops CR, and reports an over-long line by its length without keeping it', async () => {
    const got: unknown[] = [];
    for await (const l of boundedLines(chunks('ab\r\ncd', 'ef\n', 'x'.repeat(7), 'yyy\nlast'), 6)) got.push(l);
    expect(got).toEqual(['ab', 'cdef', { tooLong: 10 }, 'last']);
  });
});
