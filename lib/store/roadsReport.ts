import type { Geometry } from 'geojson';
import type { Database, Session } from '../../db';
import { segmentGeoJson } from '../../db/queries/roads';
import type { AppealFilter } from '../domain/filters';
import { exceptionLists, type ExceptionLists } from '../roads/exceptions';
import { rankSegments } from '../roads/score';
import type { ScoredSegment, Weights } from '../roads/types';
import { segmentStats, statsWindow, type StatsWindow } from './roadsStats';
import { readWeights } from './roadsWeights';

export interface PriorityReport extends StatsWindow {
  owner: string | null;
  weights: Weights;
  ranked: ScoredSegment[];
  lists: ExceptionLists;
}

/**
 * The road-agency priority list: statistics per segment of `owner` (null = every owner), scored with that owner's
 * stored weights (every owner: the global default; or `weights` to preview others), ranked, and the three exception
 * lists. The page, its API and `pmap export priorities` all come here.
 */
export async function priorityReport(
  db: Database | Session,
  o: { owner: string | null; filter: AppealFilter; weights?: Weights },
): Promise<PriorityReport> {
  const win = await statsWindow(db, o.filter);
  const weights = o.weights ?? (await readWeights(db, o.owner));
  const stats = await segmentStats(db, { owner: o.owner, filter: o.filter }, win);
  const ranked = rankSegments(stats, weights, { facilities: win.facilities, asOf: win.asOf });
  return { ...win, owner: o.owner, weights, ranked, lists: exceptionLists(ranked) };
}

/** GeoJSON geometries of segments, simplified to about a metre. */
export async function segmentGeometries(db: Database | Session, ids: number[]): Promise<Map<number, Geometry>> {
  if (!ids.length) return new Map();
  const rows = await segmentGeoJson(db, ids);
  return new Map(rows.map((r) => [r.id, JSON.parse(r.g) as Geometry]));
}
