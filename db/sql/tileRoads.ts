import { sql } from 'kysely';
import type { AppealFilter } from '../../lib/domain/filters';
import { appealFilterSql } from './appealFilter';
import { envelope4326 } from './mvt';

/*
 * Server-only. The segment columns of the roads tile layer (db/queries/tiles.ts), over `road_segments s`.
 * plan_status is the latest plan's; a done repair still under warranty is 'warranty', a cancelled one ''.
 */

export const roadTileColumns = sql`s.id, s.external_id, coalesce(s.name, '') AS name, coalesce(s.owner, '') AS owner,
    coalesce(s.road_class, '') AS road_class, round(s.length_m::numeric, 1)::float8 AS length_m,
    c.n::int AS complaints, round((c.n / greatest(s.length_m, 1) * 1000)::numeric, 2)::float8 AS per_km,
    coalesce((SELECT CASE WHEN p.status = 'done' AND p.warranty_until >= current_date THEN 'warranty'
                          WHEN p.status = 'cancelled' THEN '' ELSE p.status END
              FROM repair_plans p WHERE p.segment_id = s.id
              ORDER BY p.year DESC NULLS LAST, p.completed_at DESC NULLS LAST, p.id DESC LIMIT 1), '') AS plan_status`;

/** The segments in `box` (of `owner` when not null), each with `c.n`, its appeals that pass the filter. */
export function roadTileFrom(filter: AppealFilter, owner: string | null, box: readonly number[]) {
  const ofOwner = owner !== null ? sql`AND s.owner = ${owner}` : sql``;
  return sql`FROM road_segments s
    CROSS JOIN LATERAL (SELECT count(*) AS n FROM appeals a WHERE a.road_segment_id = s.id AND ${appealFilterSql(filter)}) c
    WHERE s.geom && ${envelope4326(box)} ${ofOwner}`;
}
