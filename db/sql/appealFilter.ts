import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';

/*
 * Server-only. The one appeal filter as SQL, over `appeals` aliased `a` (the map, lists, exports, drill-down,
 * briefing, hotspots and road stats all narrow appeals through it, so the same filter gives the same totals
 * everywhere). Values travel only as parameters numbered by Kysely.
 */

/** The ё/е key of a place name (lib/domain/placeNames.ts placeNameKey says the same in JavaScript). */
export const placeNameKey = (e: RawBuilder<unknown>) => sql`translate(${e}, 'Ёё', 'Ее')`;

/** The filter as a boolean expression over `a` (TRUE when it narrows nothing). */
export function appealFilterSql(f: AppealFilter): RawBuilder<SqlBool> {
  const parts: RawBuilder<unknown>[] = [];
  if (f.topic?.length) parts.push(sql`a.topic = ANY(${f.topic}::text[])`);
  if (f.channel?.length) parts.push(sql`a.channel = ANY(${f.channel}::text[])`);
  if (f.status?.length) parts.push(sql`a.status = ANY(${f.status}::text[])`);
  if (f.from) parts.push(sql`a.created_at >= ${f.from}::date`);
  if (f.to) parts.push(sql`a.created_at < ${f.to}::date + 1`);
  if (f.municipality) {
    // The name matches up to ё/е («Теплый Стан» finds «Тёплый Стан»).
    const v = f.municipality;
    parts.push(sql`a.municipality_id IN (SELECT id FROM boundaries WHERE level = 'municipality'
      AND (code = ${v} OR ${placeNameKey(sql.ref('name'))} = ${placeNameKey(sql`${v}::text`)}))`);
  }
  if (f.gratitude === 'exclude') parts.push(sql`NOT a.is_gratitude`);
  if (f.gratitude === 'only') parts.push(sql`a.is_gratitude`);
  // How precisely placed (lib/domain/params.ts LOCATION_FILTERS; appeals.geocode_level).
  if (f.location === 'none') parts.push(sql`a.h3 IS NULL`);
  if (f.location === 'coarse') parts.push(sql`a.h3 IS NOT NULL AND a.geocode_level IN ('street', 'settlement')`);
  if (f.location === 'precise') parts.push(sql`a.h3 IS NOT NULL AND a.geocode_level IN ('point', 'house')`);
  return parts.length ? sql<SqlBool>`(${sql.join(parts, sql` AND `)})` : sql<SqlBool>`TRUE`;
}
