/** Region and municipality outlines: a Voronoi partition of the region with a few cities cut out as enclaves. */
import { difference, featureCollection, intersect, point, polygon, voronoi } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { localFrame } from './geo';
import { makeRng } from './rng';
import { MUNICIPALITIES, ORENBURG_CENTRE, REGION_OUTLINE, type MunicipalitySpec } from './region-data';
import { ORENBURG_OUTLINE_KM } from './streets-data';
import type { DemoBoundary } from './types';

type Area = Feature<Polygon | MultiPolygon>;

/** Region outline as a closed GeoJSON ring. */
export function regionPolygon(): Polygon {
  return { type: 'Polygon', coordinates: [REGION_OUTLINE.map(([lon, lat]) => [lon, lat])] };
}

/** Orenburg's city okrug outline, drawn in the street plan's km frame so the two always agree. */
export function orenburgPolygon(): Polygon {
  const frame = localFrame(ORENBURG_CENTRE[0], ORENBURG_CENTRE[1]);
  const ring: Position[] = ORENBURG_OUTLINE_KM.map(([x, y]) => frame.toLonLat(x, y));
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A wobbly ellipse, so that small cities do not look like perfect circles. */
function enclaveOutline(m: MunicipalitySpec, rx: number, ry: number): Polygon {
  const rng = makeRng(`enclave/${m.name}`);
  const frame = localFrame(m.lon, m.lat);
  const ring: Position[] = [];
  const n = 18;
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = rng.range(0.88, 1.05);
    ring.push(frame.toLonLat(Math.cos(a) * rx * k, Math.sin(a) * ry * k));
  }
  const first = ring[0];
  if (first) ring.push([...first]);
  return { type: 'Polygon', coordinates: [ring] };
}

function enclaves(): { spec: MunicipalitySpec; geometry: Polygon }[] {
  return MUNICIPALITIES.flatMap((m) => {
    if (!m.enclave) return [];
    const geometry = m.name === 'Оренбург' ? orenburgPolygon() : enclaveOutline(m, m.enclave.rx, m.enclave.ry);
    return [{ spec: m, geometry }];
  });
}

/** Cuts every enclave out of a cell; enclaves never overlap each other, so order does not matter. */
function subtractAll(cell: Area, holes: readonly Polygon[]): Area | null {
  let current: Area | null = cell;
  for (const hole of holes) {
    if (!current) return null;
    current = difference(featureCollection([current, polygon(hole.coordinates)]));
  }
  return current;
}

/** Voronoi cells of the non-enclave municipalities, clipped to the region. */
function voronoiCells(): Map<string, Area> {
  const sites = MUNICIPALITIES.filter((m) => !m.enclave);
  const lons = REGION_OUTLINE.map(([lon]) => lon);
  const lats = REGION_OUTLINE.map(([, lat]) => lat);
  const bbox: [number, number, number, number] = [
    Math.min(...lons) - 1,
    Math.min(...lats) - 1,
    Math.max(...lons) + 1,
    Math.max(...lats) + 1,
  ];
  const cells = voronoi(featureCollection(sites.map((m) => point([m.lon, m.lat]))), { bbox });
  const region = polygon(regionPolygon().coordinates);
  const out = new Map<string, Area>();
  sites.forEach((m, i) => {
    const cell = cells.features[i];
    if (!cell) throw new Error(`no Voronoi cell for ${m.name}`);
    const clipped = intersect(featureCollection<Polygon | MultiPolygon>([cell, region]));
    if (clipped) out.set(m.name, clipped);
  });
  return out;
}

/** Collapses a one-part MultiPolygon to a Polygon, which is what most consumers expect. */
function simplest(geometry: Polygon | MultiPolygon): Polygon | MultiPolygon {
  if (geometry.type === 'MultiPolygon' && geometry.coordinates.length === 1) {
    const only = geometry.coordinates[0];
    if (only) return { type: 'Polygon', coordinates: only };
  }
  return geometry;
}

/**
 * The region (code '56') followed by its municipalities, coded '56-01', '56-02', … in Russian alphabetical order.
 * Municipalities tile the region exactly: Voronoi cells clipped to the outline, minus the enclave cities.
 */
export function demoBoundaries(): DemoBoundary[] {
  const holes = enclaves();
  const holeGeometries = holes.map((h) => h.geometry);
  const areas: { name: string; geometry: Polygon | MultiPolygon }[] = holes.map((h) => ({
    name: h.spec.name,
    geometry: h.geometry,
  }));
  for (const [name, cell] of voronoiCells()) {
    const rest = subtractAll(cell, holeGeometries);
    if (rest) areas.push({ name, geometry: simplest(rest.geometry) });
  }
  areas.sort((a, b) => a.name.localeCompare(b.name, 'ru'));
  const municipalities: DemoBoundary[] = areas.map((a, i) => ({
    level: 'municipality',
    code: `56-${String(i + 1).padStart(2, '0')}`,
    name: a.name,
    geometry: a.geometry,
  }));
  return [{ level: 'region', code: '56', name: 'Оренбургская область', geometry: regionPolygon() }, ...municipalities];
}
