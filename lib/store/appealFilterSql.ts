import type { AppealFilter } from '../domain/filters';
import { placeNameKeySql } from '../domain/placeNames';

/**
 * Turns a validated filter into a WHERE clause over `appeals a` with positional parameters starting after
 * `offset`. Values only ever travel as parameters.
 */
export function appealWhere(f: AppealFilter, offset = 0): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${offset + params.length}`;
  };
  if (f.topic?.length) parts.push(`a.topic = ANY(${p(f.topic)}::text[])`);
  if (f.channel?.length) parts.push(`a.channel = ANY(${p(f.channel)}::text[])`);
  if (f.status?.length) parts.push(`a.status = ANY(${p(f.status)}::text[])`);
  if (f.from) parts.push(`a.created_at >= ${p(f.from)}::date`);
  if (f.to) parts.push(`a.created_at < ${p(f.to)}::date + 1`);
  if (f.municipality) {
    const v = p(f.municipality);
    // The name matches up to ё/е («Теплый Стан» finds «Тёплый Стан»).
    parts.push(`a.municipality_id IN (SELECT id FROM boundaries WHERE level = 'municipality' AND (code = ${v} OR ${placeNameKeySql('name')} = ${placeNameKeySql(`${v}::text`)}))`);
  }
  if (f.gratitude === 'exclude') parts.push('NOT a.is_gratitude');
  if (f.gratitude === 'only') parts.push('a.is_gratitude');
  // How precisely placed (lib/domain/params.ts LOCATION_FILTERS; appeals.geocode_level).
  if (f.location === 'none') parts.push('a.h3 IS NULL');
  if (f.location === 'coarse') parts.push(`a.h3 IS NOT NULL AND a.geocode_level IN ('street', 'settlement')`);
  if (f.location === 'precise') parts.push(`a.h3 IS NOT NULL AND a.geocode_level IN ('point', 'house')`);
  return { sql: parts.length ? parts.join(' AND ') : 'TRUE', params };
}
