import {
  area,
  booleanPointInPolygon,
  booleanValid,
  feature,
  featureCollection,
  intersect,
  kinks,
  length,
  lineString,
  point,
  pointToLineDistance,
  bbox as turfBbox,
} from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO_SEED,
  demoAppeals,
  demoBoundaries,
  demoPlans,
  demoPoints,
  demoRoads,
  type DemoAppeal,
  type DemoBoundary,
  type DemoRoad,
} from '../../lib/demo';

// Complaint counts from shared/domain.md, plus the small topics the press does not break out.
const TARGET = {
  roads: 6847,
  housing: 4632,
  improvement: 4489,
  health: 2391,
  transport: 2097,
  waste: 1457,
  covid: 1162,
  education: 600,
  energy: 500,
  social: 450,
  other: 700,
} as const;
const TARGET_TOTAL = Object.values(TARGET).reduce((a, b) => a + b, 0);
const CITY_ADDRESS = /(^|, )(г\. )?Оренбург,/;
const HOURS = /^(closed|)$|^\d{2}:\d{2}-\d{2}:\d{2}(,\d{2}:\d{2}-\d{2}:\d{2})?$/;

const take = (n: number, opts?: { count?: number; end?: Date }): DemoAppeal[] => {
  const out: DemoAppeal[] = [];
  for (const a of demoAppeals(opts)) {
    out.push(a);
    if (out.length >= n) break;
  }
  return out;
};

/** Local (UTC+5) calendar month, 0 = January. */
const localMonth = (iso: string): number => new Date(Date.parse(iso) + 5 * 3_600_000).getUTCMonth();

interface Stats {
  count: number;
  complaints: number;
  gratitude: number;
  noCoords: number;
  topics: Map<string, number>;
  channels: Map<string, number>;
  byMonth: Map<number, Map<string, number>>;
  outsideRegion: number;
  cityLocated: number;
  cityInside: number;
  located: number;
  locatedInCity: number;
  ids: Set<string>;
  sorted: boolean;
  badClose: number;
  roadSample: DemoAppeal[];
  last: DemoAppeal[];
}

let boundaries: DemoBoundary[];
let region: Polygon | MultiPolygon;
let orenburg: Polygon | MultiPolygon;
let roads: DemoRoad[];
let stats: Stats;

const inc = <K>(m: Map<K, number>, k: K): void => void m.set(k, (m.get(k) ?? 0) + 1);

beforeAll(() => {
  boundaries = demoBoundaries();
  region = boundaries[0]!.geometry;
  orenburg = boundaries.find((b) => b.name === 'Оренбург')!.geometry;
  roads = demoRoads();
  const s: Stats = {
    count: 0,
    complaints: 0,
    gratitude: 0,
    noCoords: 0,
    topics: new Map(),
    channels: new Map(),
    byMonth: new Map(),
    outsideRegion: 0,
    cityLocated: 0,
    cityInside: 0,
    located: 0,
    locatedInCity: 0,
    ids: new Set(),
    sorted: true,
    badClose: 0,
    roadSample: [],
    last: [],
  };
  const all: DemoAppeal[] = [];
  for (const a of demoAppeals()) all.push(a);
  let prev = '';
  for (const a of all) {
    s.count++;
    if (a.createdAt < prev) s.sorted = false;
    prev = a.createdAt;
    s.ids.add(`${a.source}/${a.externalId}`);
    inc(s.channels, a.channel);
    if (a.isGratitude) s.gratitude++;
    else {
      s.complaints++;
      inc(s.topics, a.topic);
      const m = localMonth(a.createdAt);
      const row = s.byMonth.get(m) ?? new Map<string, number>();
      inc(row, a.topic);
      inc(row, '*');
      s.byMonth.set(m, row);
    }
    const open = a.status === 'new' || a.status === 'in_progress';
    if (open !== (a.closedAt === null) || (a.closedAt !== null && !(a.closedAt > a.createdAt))) s.badClose++;
    if (a.lat === null || a.lon === null) {
      s.noCoords++;
      continue;
    }
    s.located++;
    const p = point([a.lon, a.lat]);
    if (!booleanPointInPolygon(p, region)) s.outsideRegion++;
    const inCity = booleanPointInPolygon(p, orenburg);
    if (inCity) s.locatedInCity++;
    if (CITY_ADDRESS.test(a.address)) {
      s.cityLocated++;
      if (inCity) s.cityInside++;
      if (a.topic === 'roads' && s.roadSample.length < 1500) s.roadSample.push(a);
    }
  }
  s.last = all.slice(-20);
  stats = s;
}, 120_000);

describe('demo boundaries', () => {
  it('has the region and about forty municipalities coded in name order', () => {
    expect(boundaries[0]).toMatchObject({ level: 'region', code: '56', name: 'Оренбургская область' });
    const munis = boundaries.slice(1);
    expect(munis.length).toBeGreaterThanOrEqual(30);
    expect(munis.length).toBeLessThanOrEqual(45);
    expect(munis.map((m) => m.code)).toEqual(munis.map((_, i) => `56-${String(i + 1).padStart(2, '0')}`));
    const names = munis.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'ru')));
    for (const n of [
      'Оренбург',
      'Орск',
      'Новотроицк',
      'Бузулук',
      'Оренбургский район',
      'Соль-Илецкий городской округ',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('outlines the oblast roughly where it is', () => {
    const [w, s, e, n] = turfBbox(region);
    expect(w).toBeGreaterThan(50.5);
    expect(e).toBeLessThan(62);
    expect(s).toBeGreaterThan(50.3);
    expect(n).toBeLessThan(54.6);
    expect(area(region) / 1e6).toBeGreaterThan(110_000);
    expect(area(region) / 1e6).toBeLessThan(145_000);
  });

  it('has valid polygons that tile the region', () => {
    let sum = 0;
    for (const b of boundaries) {
      expect(booleanValid(b.geometry), b.name).toBe(true);
      expect(kinks(b.geometry).features, b.name).toHaveLength(0);
      if (b.level === 'municipality') sum += area(b.geometry);
    }
    expect(Math.abs(sum / area(region) - 1)).toBeLessThan(0.01);
    const munis = boundaries.slice(1);
    for (let i = 0; i < munis.length; i += 3) {
      for (let j = i + 1; j < munis.length; j++) {
        const a = munis[i]!;
        const b = munis[j]!;
        const overlap = intersect(featureCollection([feature(a.geometry), feature(b.geometry)]));
        const km2 = overlap ? area(overlap) / 1e6 : 0;
        expect(km2, `${a.name} × ${b.name}`).toBeLessThan(0.01);
      }
    }
  });

  it('puts Orenburg around its centre', () => {
    expect(booleanPointInPolygon(point([55.097, 51.7682]), orenburg)).toBe(true);
    const km2 = area(orenburg) / 1e6;
    expect(km2).toBeGreaterThan(300);
    expect(km2).toBeLessThan(700);
  });
});

describe('demo roads and plans', () => {
  it('draws a city grid: block-long segments of named streets, Orenburg inside the city, every seat with streets', () => {
    expect(roads.length).toBeGreaterThanOrEqual(12_000);
    expect(roads.length).toBeLessThanOrEqual(25_000);
    expect(roads[0]!.externalId).toBe('ORB-0001');
    expect(new Set(roads.map((r) => r.externalId)).size).toBe(roads.length);
    const city = roads.filter((r) => r.externalId.startsWith('ORB-'));
    const names = new Set(city.map((r) => r.name));
    expect(names.size).toBeGreaterThanOrEqual(200);
    for (const n of ['проспект Победы', 'улица Чкалова', 'Шарлыкское шоссе', 'Салмышская улица', 'Нежинское шоссе'])
      expect(names).toContain(n);
    const metres = new Map(roads.map((r) => [r, length(lineString(r.geometry.coordinates)) * 1000]));
    for (const r of roads) {
      const m = metres.get(r)!;
      expect(m, r.externalId).toBeGreaterThan(45);
      expect(m, r.externalId).toBeLessThan(805);
      expect(r.rating === null || (Number.isInteger(r.rating) && r.rating >= 1 && r.rating <= 5)).toBe(true);
    }
    for (const r of city)
      for (const c of r.geometry.coordinates)
        expect(booleanPointInPolygon(point(c), orenburg), r.externalId).toBe(true);
    // Side streets run block to block: most residential segments are 100–300 m, as real city blocks.
    const side = city
      .filter((r) => r.roadClass === 'residential')
      .map((r) => metres.get(r)!)
      .sort((a, b) => a - b);
    expect(side.length / city.length).toBeGreaterThan(0.5);
    const median = side[Math.floor(side.length / 2)]!;
    expect(median).toBeGreaterThan(100);
    expect(median).toBeLessThan(300);
    const classes = new Set(city.map((r) => r.roadClass));
    expect([...classes].sort()).toEqual(['primary', 'residential', 'secondary', 'tertiary']);
    expect(roads.filter((r) => r.owner === 'federal').length).toBeGreaterThan(5);
    expect(roads.filter((r) => r.owner === 'municipal').length / roads.length).toBeGreaterThan(0.6);
    // Every other municipality seat has a grid of its own, inside the region, with its main streets named.
    const towns = roads.filter((r) => !r.externalId.startsWith('ORB-'));
    for (const r of towns.filter((_, i) => i % 7 === 0))
      expect(booleanPointInPolygon(point(r.geometry.coordinates[0]!), region), r.externalId).toBe(true);
    const prefixes = new Set(towns.map((r) => r.externalId.slice(0, 4)));
    expect(prefixes.size).toBe(40);
    expect(towns.some((r) => r.name === 'Краматорская улица')).toBe(true);
  }, 60_000);

  it("cuts segments at crossings: a segment ends where another street's segment ends", () => {
    const key = (c: number[]): string => `${c[0]!.toFixed(4)},${c[1]!.toFixed(4)}`;
    const streetsAt = new Map<string, Set<string>>();
    for (const r of roads) {
      for (const c of [r.geometry.coordinates[0]!, r.geometry.coordinates.at(-1)!]) {
        const s = streetsAt.get(key(c)) ?? new Set<string>();
        s.add(r.name);
        streetsAt.set(key(c), s);
      }
    }
    // Ends shared by two streets are junctions; the rest are dead ends, town edges and highway cuts.
    const ends = [...streetsAt.values()];
    expect(ends.filter((s) => s.size >= 2).length / ends.length).toBeGreaterThan(0.6);
  });

  it('plans repairs 2024–2026 consistent with segment ratings', () => {
    const plans = demoPlans(roads);
    expect(plans.length).toBeGreaterThanOrEqual(60);
    expect(plans.length).toBeLessThanOrEqual(120);
    expect(new Set(plans.map((p) => p.externalId)).size).toBe(plans.length);
    const byId = new Map(roads.map((r) => [r.externalId, r]));
    for (const p of plans) {
      expect([2024, 2025, 2026]).toContain(p.year);
      const road = byId.get(p.segmentExternalId);
      expect(road).toBeDefined();
      if (p.status === 'done') {
        expect(p.completedAt?.slice(0, 4)).toBe(String(p.year));
        const years = Number(p.warrantyUntil!.slice(0, 4)) - p.year;
        expect([4, 5]).toContain(years);
        expect(p.warrantyUntil!.slice(4)).toBe(p.completedAt!.slice(4));
        expect(road!.rating).toBeGreaterThanOrEqual(4);
      } else {
        expect(p.completedAt).toBeNull();
        expect(p.warrantyUntil).toBeNull();
        expect(road!.rating).toBeLessThanOrEqual(2);
      }
    }
    const statuses = new Set(plans.map((p) => p.status));
    expect([...statuses].sort()).toEqual(['done', 'in_progress', 'planned']);
  });
});

describe('demo vaccination points', () => {
  const points = demoPoints();

  it('lists about a hundred points with well-formed fields', () => {
    expect(points.length).toBeGreaterThanOrEqual(90);
    expect(points.length).toBeLessThanOrEqual(110);
    expect(new Set(points.map((p) => p.externalId)).size).toBe(points.length);
    const allowed = new Set(['covid', 'flu', 'measles', 'hepatitis_b', 'tick_borne_encephalitis']);
    for (const p of points) {
      for (const h of Object.values(p.hours)) expect(h).toMatch(HOURS);
      expect(Object.keys(p.hours)).toHaveLength(7);
      expect(p.vaccines.length).toBeGreaterThan(0);
      for (const v of p.vaccines) expect(allowed.has(v)).toBe(true);
      expect(p.verifiedAt >= '2026-07-03' && p.verifiedAt < '2026-11-01').toBe(true);
      if (p.phone !== null) expect(p.phone).toMatch(/^\+7 \(\d{4,5}\) \d{1,2}-\d{2}-\d{2}$/);
      expect(booleanPointInPolygon(point([p.lon, p.lat]), region), p.name).toBe(true);
    }
    expect(points.filter((p) => p.address.startsWith('г. Оренбург')).length).toBeGreaterThan(25);
    expect(points.filter((p) => p.name.startsWith('ФАП')).length).toBeGreaterThan(10);
    expect(points.filter((p) => p.hours.sunday === 'closed').length / points.length).toBeGreaterThan(0.5);
  });

  it('is deterministic', () => {
    expect(demoPoints()).toEqual(points);
  });
});

describe('demo appeals', () => {
  it('is deterministic', () => {
    expect(DEMO_SEED).toBe('orenburg-cur-demo-v1');
    const a = take(300);
    const b = take(300);
    expect(b).toEqual(a);
    expect(a[0]!.createdAt >= '2024-11-01T00:00:00.000Z').toBe(true);
    const again: DemoAppeal[] = [];
    for (const x of demoAppeals()) {
      again.push(x);
      if (again.length > 20) again.shift();
    }
    expect(again).toEqual(stats.last);
  }, 60_000);

  it('streams 200 000 appeals in time order', () => {
    expect(stats.count).toBe(200_000);
    expect(stats.sorted).toBe(true);
    expect(stats.last.at(-1)!.createdAt < '2026-11-01T00:00:00.000Z').toBe(true);
    expect(stats.ids.size).toBe(200_000);
  });

  it('honours count and end', () => {
    const few = [...demoAppeals({ count: 1000, end: new Date('2025-06-01T00:00:00Z') })];
    expect(few).toHaveLength(1000);
    expect(few[0]!.createdAt >= '2023-06-01T00:00:00.000Z').toBe(true);
    expect(few.at(-1)!.createdAt < '2025-06-01T00:00:00.000Z').toBe(true);
  });

  it('follows the Orenburg topic mix for complaints within ±3 points', () => {
    for (const [topic, weight] of Object.entries(TARGET)) {
      const share = (stats.topics.get(topic) ?? 0) / stats.complaints;
      expect(Math.abs(share - weight / TARGET_TOTAL), topic).toBeLessThan(0.03);
    }
  });

  it('has about a third thank-yous and the channel shares of the brief', () => {
    const g = stats.gratitude / stats.count;
    expect(g).toBeGreaterThan(0.28);
    expect(g).toBeLessThan(0.38);
    const share = (c: string): number => (stats.channels.get(c) ?? 0) / stats.count;
    expect(Math.abs(share('social') - 0.4)).toBeLessThan(0.02);
    expect(Math.abs(share('pos') - 0.45)).toBeLessThan(0.02);
    expect(Math.abs(share('portal') - 0.04)).toBeLessThan(0.01);
    expect(Math.abs(share('bot') - 0.06)).toBeLessThan(0.01);
    expect(Math.abs(share('hotline') - 0.05)).toBeLessThan(0.01);
  });

  it('has seasons: potholes in spring, heating in autumn', () => {
    const share = (month: number, topic: string): number => {
      const row = stats.byMonth.get(month)!;
      return (row.get(topic) ?? 0) / (row.get('*') ?? 1);
    };
    expect(share(3, 'roads')).toBeGreaterThan(share(7, 'roads'));
    expect(share(9, 'housing')).toBeGreaterThan(share(5, 'housing'));
    expect(share(0, 'improvement')).toBeGreaterThan(share(6, 'improvement'));
  });

  it('places appeals inside the region, mostly in Orenburg, some without coordinates', () => {
    expect(stats.outsideRegion).toBe(0);
    const nulls = stats.noCoords / stats.count;
    expect(nulls).toBeGreaterThan(0.06);
    expect(nulls).toBeLessThan(0.1);
    expect(stats.cityInside / stats.cityLocated).toBeGreaterThan(0.99);
    const cityShare = stats.locatedInCity / stats.located;
    expect(cityShare).toBeGreaterThan(0.6);
    expect(cityShare).toBeLessThan(0.8);
  });

  it('puts Orenburg road complaints within 30 m of a segment of the named street', () => {
    const byName = new Map<string, DemoRoad[]>();
    for (const r of roads) {
      const list = byName.get(r.name) ?? [];
      list.push(r);
      byName.set(r.name, list);
    }
    expect(stats.roadSample.length).toBeGreaterThan(1000);
    for (const a of stats.roadSample) {
      const segs = byName.get(a.street ?? '') ?? [];
      expect(segs.length, a.address).toBeGreaterThan(0);
      expect(a.address).toContain(
        a.street!.replace(/^(улица|проспект|шоссе|проезд|переулок) | (улица|проспект|шоссе|проезд|переулок)$/, ''),
      );
      const p = point([a.lon!, a.lat!]);
      const d = Math.min(
        ...segs.map((s) => pointToLineDistance(p, lineString(s.geometry.coordinates), { units: 'meters' })),
      );
      expect(d, a.address).toBeLessThan(30);
    }
  }, 60_000);

  it('keeps status and closing time consistent', () => {
    expect(stats.badClose).toBe(0);
  });
});
