import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { copyCsv } from '../../db/copyCsv';

const tricky: unknown[][] = [
  ['plain', 1, 2.5, true, null, undefined, ''],
  ['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', ' spaced ', '\\.', 'ёлка «ёж»'],
  ['{"k":"v, w"}', '', 'x', false, 0, -1, '""'],
];

describe('copyCsv', () => {
  it('writes the same text as csv-stringify for COPY rows', () => {
    expect(copyCsv(tricky.slice(0, 1)).toString()).toBe('plain,1,2.5,true,,,\n');
    // csv-stringify does not quote "\." (we do, so COPY never sees an end-of-data marker) and writes booleans as
    // 1 and '' (NULL to COPY: false would be lost); we write true/false. Compare the rest.
    const withoutMarker = tricky.map((r) =>
      r.map((v) => (v === '\\.' ? 'dot' : typeof v === 'boolean' ? String(v) : v)),
    );
    expect(copyCsv(withoutMarker).toString()).toBe(stringify(withoutMarker));
  });

  it('round-trips through a CSV parser with quotes, commas and line breaks intact', () => {
    const back = parse(copyCsv(tricky).toString(), { relax_column_count: true }) as string[][];
    expect(back[1]).toEqual(['a,b', 'say "hi"', 'line\nbreak', 'cr\rhere', ' spaced ', '\\.', 'ёлка «ёж»']);
    expect(back[2][0]).toBe('{"k":"v, w"}');
    expect(back[2][6]).toBe('""');
  });

  it('is empty for no rows', () => {
    expect(copyCsv([]).length).toBe(0);
  });
});
