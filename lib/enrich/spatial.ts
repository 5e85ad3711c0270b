import type { Session } from '../../db';

/*
 * Spatial enrichment in SQL, over a set of appeals named by a subquery of ids (the rows an import touched,
 * or all). A point on a shared border belongs to the boundary with the smallest code: deterministic.
 */

export const SNAP_MAX_M = 60;

export async function assignBoundaries(s: Session, idsSql: string): Promise<void> {
  await s.query(`UPDATE appeals a SET
      municipality_id = (SELECT b.id FROM boundaries b WHERE b.level = 'municipality' AND ST_Covers(b.geom, a.geom)
                         ORDER BY b.code, b.id LIMIT 1),
      region_id = (SELECT b.id FROM boundaries b WHERE b.level = 'region' AND ST_Covers(b.geom, a.geom)
                   ORDER BY b.code, b.id LIMIT 1)
    WHERE a.id IN (${idsSql}) AND a.geom IS NOT NULL`);
}

/** Nearest road segment within SNAP_MAX_M metres for road-topic appeals (the enrichment issue adds name matching). */
export async function snapToRoads(s: Session, idsSql: string): Promise<void> {
  await s.query(`UPDATE appeals SET road_segment_id = NULL, road_distance_m = NULL
                 WHERE id IN (${idsSql}) AND road_segment_id IS NOT NULL`);
  await s.query(`UPDATE appeals a SET road_segment_id = n.seg, road_distance_m = n.d
    FROM (SELECT a2.id AS aid, r.id AS seg, ST_Distance(r.geom::geography, a2.geom::geography) AS d
          FROM appeals a2
          CROSS JOIN LATERAL (SELECT r.id, r.geom FROM road_segments r
                              WHERE ST_DWithin(r.geom, a2.geom, 0.0015) ORDER BY r.geom <-> a2.geom, r.id LIMIT 1) r
          WHERE a2.id IN (${idsSql}) AND a2.topic = 'roads' AND a2.geom IS NOT NULL) n
    WHERE a.id = n.aid AND n.d <= ${SNAP_MAX_M}`);
}
