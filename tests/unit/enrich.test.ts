import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { classifyText } from '../../lib/enrich/classify';
import { h3Decimal, h3FromDecimal } from '../../lib/enrich/h3';
import { pseudonymOf } from '../../lib/enrich/pseudonym';
import { appealFilterSchema } from '../../lib/domain/filters';
import { appealFilterSql } from '../../db/sql/appealFilter';
import { qb } from '../../db/sql/builder';

describe('topic rules', () => {
  it.each([
    ['Огромная яма на дороге по ул. Чкалова', 'roads'],
    ['Третий день нет горячей воды в доме', 'housing'],
    ['Не вывозят мусор, контейнер переполнен', 'waste'],
    ['Не могу записаться к врачу в поликлинику', 'health'],
    ['Автобус по маршруту 52 не ходит', 'transport'],
    ['Просто хочу сказать', 'other'],
  ])('%s → %s', (text, topic) => {
    expect(classifyText(text).topic).toBe(topic);
  });
  it('flags thanks, keeps the topic thanked for', () => {
    expect(classifyText('Спасибо за ремонт дороги!')).toMatchObject({ topic: 'roads', isGratitude: true });
    expect(classifyText('Яма на дороге').isGratitude).toBe(false);
  });
  it('treats ё as е', () => {
    expect(classifyText('Ещё одна ЯМА').topic).toBe('roads');
  });
});

describe('h3', () => {
  it('stores the res-9 cell as a decimal bigint string and reads it back', () => {
    const hex = latLngToCell(51.7682, 55.097, 9);
    expect(h3FromDecimal(h3Decimal(51.7682, 55.097))).toBe(hex);
    expect(BigInt(h3Decimal(51.7682, 55.097))).toBeLessThan(2n ** 63n);
  });
});

describe('pseudonyms', () => {
  it('are stable, case-insensitive, and differ by key', () => {
    const k = 'k'.repeat(32);
    expect(pseudonymOf('Иванова Мария', k)).toBe(pseudonymOf('  иванова   мария ', k));
    expect(pseudonymOf('Иванова Мария', k)).not.toBe(pseudonymOf('Иванова Мария', 'x'.repeat(32)));
    expect(pseudonymOf('Иванова Мария', k)).not.toContain('Иван');
  });
});

describe('filters to SQL', () => {
  it('only ever passes values as parameters', () => {
    const f = appealFilterSchema.parse({
      topic: 'roads,housing',
      from: '2025-01-01',
      municipality: "x'; DROP TABLE appeals; --",
      gratitude: 'exclude',
    });
    const w = appealFilterSql(f).compile(qb);
    expect(w.sql.replace(/\s+/g, ' ')).toBe(
      "(a.topic = ANY($1::text[]) AND a.created_at >= $2::date AND a.municipality_id IN (SELECT id FROM boundaries WHERE level = 'municipality' AND (code = $3 OR translate(\"name\", 'Ёё', 'Ее') = translate($4::text, 'Ёё', 'Ее'))) AND NOT a.is_gratitude)",
    );
    expect(w.parameters).toEqual([
      ['roads', 'housing'],
      '2025-01-01',
      "x'; DROP TABLE appeals; --",
      "x'; DROP TABLE appeals; --",
    ]);
  });
  it('refuses unknown topics, bad dates and unknown parameters', () => {
    expect(appealFilterSchema.safeParse({ topic: 'potholes' }).success).toBe(false);
    expect(appealFilterSchema.safeParse({ from: '2025-13-45' }).success).toBe(false);
    expect(appealFilterSchema.safeParse({ topics: 'roads' }).success).toBe(false);
  });
});
