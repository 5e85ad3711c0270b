import type { Geometry, Position } from 'geojson';

const isPos = (p: unknown): p is Position =>
  Array.isArray(p) &&
  p.length >= 2 &&
  p.every((c) => typeof c === 'number' && Number.isFinite(c)) &&
  Math.abs(p[0] as number) <= 180 &&
  Math.abs(p[1] as number) <= 90;

function ringProblem(ring: unknown): string | undefined {
  if (!Array.isArray(ring) || !ring.every(isPos)) return 'a ring has a position that is not [lon, lat] in range';
  if (ring.length < 4) return `a ring has ${ring.length} positions (at least 4 are needed)`;
  const [a, b] = [ring[0], ring[ring.length - 1]];
  if (a[0] !== b[0] || a[1] !== b[1]) return 'a ring is not closed (first and last positions differ)';
  return undefined;
}

/** Why a GeoJSON geometry cannot be a boundary polygon, or undefined when it can (validity is repaired in SQL). */
export function polygonProblem(g: Geometry | null | undefined): string | undefined {
  if (!g) return 'invalid geometry: the feature has no geometry';
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (!polys) return `invalid geometry: expected Polygon or MultiPolygon, got ${g.type}`;
  if (!Array.isArray(polys) || !polys.length) return 'invalid geometry: no polygons';
  for (const rings of polys) {
    if (!Array.isArray(rings) || !rings.length) return 'invalid geometry: a polygon has no rings';
    for (const ring of rings) {
      const p = ringProblem(ring);
      if (p) return `invalid geometry: ${p}`;
    }
  }
  return undefined;
}
