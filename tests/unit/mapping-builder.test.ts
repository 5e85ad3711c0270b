import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { appealMappingSchema, parseMapping } from '../../lib/ingest/mapping';
import { buildMapping, headerColumns, sourceFromName } from '../../lib/ingest/mappingBuilder';

const FIX = path.resolve(__dirname, '../fixtures');

describe('mapping builder (columns picked instead of JSON typed)', () => {
  it('reads the columns of a CSV header: «;», «,» or tab, quotes, a BOM, Windows-1251 decoded by the caller', () => {
    const head = fs.readFileSync(path.join(FIX, 'unbalanced_quote.csv'), 'utf8');
    expect(headerColumns(head)).toEqual(['id', 'дата', 'тема', 'текст', 'адрес', 'широта', 'долгота', 'канал']);
    expect(headerColumns('\uFEFF"Unique Key","Created Date","Complaint, Type"\n1,2,3')).toEqual([
      'Unique Key',
      'Created Date',
      'Complaint, Type',
    ]);
    expect(headerColumns('a\tb\tc\n')).toEqual(['a', 'b', 'c']);
    const cp1251 = iconv.encode('номер;текст обращения\n1;x\n', 'win1251');
    expect(headerColumns(new TextDecoder('windows-1251').decode(cp1251))).toEqual(['номер', 'текст обращения']);
    expect(headerColumns('')).toEqual([]);
  });

  it('builds the mapping JSON of ../shared/contract.md, which the importer accepts, keeping what was typed by hand', () => {
    const built = buildMapping('', sourceFromName('Appeals April.csv'), {
      external_id: 'id',
      created_at: 'дата',
      text: 'текст',
      lat: '',
      lon: 'долгота',
    });
    expect(JSON.parse(built)).toEqual({
      source: 'Appeals_April',
      fields: { external_id: 'id', created_at: 'дата', text: 'текст', lon: 'долгота' },
    });
    expect(() => parseMapping(appealMappingSchema, JSON.parse(built), 'the mapping')).not.toThrow();
    const kept = JSON.parse(
      buildMapping('{"source": "city", "channel": "social", "fields": {"text": "old"}}', 'x', {
        external_id: 'id',
        created_at: 'd',
      }),
    );
    expect(kept).toEqual({ source: 'city', channel: 'social', fields: { external_id: 'id', created_at: 'd' } });
    expect(sourceFromName('обращения.csv')).toBe('upload');
  });
});
