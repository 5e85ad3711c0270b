import { describe, expect, it } from 'vitest';
import { appealFilterSql } from '../../db/sql/appealFilter';
import { qb } from '../../db/sql/builder';

// The filter compiles to one expression with Kysely-numbered parameters (no hand-counted $n).
describe('appealFilterSql', () => {
  it('is TRUE for an empty filter', () => {
    expect(appealFilterSql({ gratitude: 'include' }).compile(qb).sql).toBe('TRUE');
  });
  it('numbers parameters in order, inside a larger query', () => {
    const q = qb
      .selectFrom('appeals as a')
      .select('a.id')
      .where('a.channel', '=', 'vk')
      .where(
        appealFilterSql({ topic: ['roads'], from: '2025-01-01', municipality: 'Тёплый Стан', gratitude: 'exclude' }),
      )
      .compile();
    expect(q.sql).toBe(
      'select "a"."id" from "appeals" as "a" where "a"."channel" = $1 and (a.topic = ANY($2::text[]) AND a.created_at >= $3::date AND ' +
        "a.municipality_id IN (SELECT id FROM boundaries WHERE level = 'municipality'\n      AND (code = $4 OR translate(\"name\", 'Ёё', 'Ее') = translate($5::text, 'Ёё', 'Ее'))) AND NOT a.is_gratitude)",
    );
    expect(q.parameters).toEqual(['vk', ['roads'], '2025-01-01', 'Тёплый Стан', 'Тёплый Стан']);
  });
});
