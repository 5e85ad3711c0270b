import { openStatesAt } from '../hours/status';
import type { PublicPoint } from './types';
import { metresBetween } from '../domain/geo';

export type Bbox = [number, number, number, number];

export interface PointFilter {
  openNow?: boolean;
  walkIn?: boolean;
  accessible?: boolean;
  /** A vaccine code: only points that list it. */
  vaccine?: string | null;
  bbox?: Bbox | null;
}

/** Points that pass every filter that is set; "open now" in each point's own time zone at `now`. */
export function filterPoints<P extends PublicPoint>(points: readonly P[], f: PointFilter, now: Date): P[] {
  const stateOf = openStatesAt(now);
  return points.filter((p) => {
    if (f.walkIn && p.walkIn !== true) return false;
    if (f.accessible && p.accessible !== true) return false;
    if (f.vaccine && !p.vaccines.includes(f.vaccine)) return false;
    if (f.bbox) {
      const [w, s, e, n] = f.bbox;
      if (p.lon < w || p.lon > e || p.lat < s || p.lat > n) return false;
    }
    if (f.openNow && stateOf(p.hours, p.timezone).state !== 'open') return false;
    return true;
  });
}

/** Great-circle distance in kilometres (lib/domain/geo.ts). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  return metresBetween(a.lat, a.lon, b.lat, b.lon) / 1000;
}

/** Nearest first, ties by name then id so the order is stable; each point carries its distance. */
export function byDistance<P extends { lat: number; lon: number; name: string; id: number }>(
  points: readonly P[],
  origin: { lat: number; lon: number },
): (P & { distanceKm: number })[] {
  return points
    .map((p) => ({ ...p, distanceKm: distanceKm(origin, p) }))
    .sort((a, b) => a.distanceKm - b.distanceKm || a.name.localeCompare(b.name) || a.id - b.id);
}

/** The vaccines any point lists, for the filter's options. */
export function vaccinesOf(points: readonly PublicPoint[]): string[] {
  return [...new Set(points.flatMap((p) => p.vaccines))].sort();
}
