import { latLngToCell } from 'h3-js';
import { describe, expect, it } from 'vitest';
import { bboxGridStep, snapBbox } from '../../lib/render/bbox';
import { cellRing, cellsToFeatureCollection } from '../../lib/render/hexGeojson';
import { hexagonQueryKey, hexagonSearchParams, topicFilter } from '../../lib/render/hexQuery';
import { TOPICS } from '../../lib/domain/vocab';

describe('snapBbox', () => {
  it('snaps outward to a quarter-tile grid', () => {
    expect(bboxGridStep(6)).toBe(1.40625);
    expect(snapBbox([51.2, 50.6, 55.1, 54.3], 6.4)).toEqual([50.625, 49.21875, 56.25, 54.84375]);
  });

  it('keeps the same box for a small pan', () => {
    expect(snapBbox([51.21, 50.61, 55.11, 54.31], 6.4)).toEqual(snapBbox([51.2, 50.6, 55.1, 54.3], 6.4));
  });

  it('clamps to the Web-Mercator world', () => {
    expect(snapBbox([-250, -89, 250, 89], 0)).toEqual([-180, -85.0511, 180, 85.0511]);
  });
});

describe('cellsToFeatureCollection', () => {
  it('turns cells into closed hexagon rings in lng,lat order with the count', () => {
    const h3 = latLngToCell(51.77, 55.1, 6); // Orenburg
    const fc = cellsToFeatureCollection([{ h3, count: 12 }]);
    expect(fc.features).toHaveLength(1);
    const f = fc.features[0];
    expect(f.properties).toEqual({ h3, count: 12 });
    const ring = f.geometry.coordinates[0];
    expect(ring).toHaveLength(7);
    expect(ring[0]).toEqual(ring[6]);
    for (const [lng, lat] of ring) {
      expect(lng).toBeGreaterThan(54.9);
      expect(lng).toBeLessThan(55.3);
      expect(lat).toBeGreaterThan(51.6);
      expect(lat).toBeLessThan(51.9);
    }
  });

  it('skips indexes that are not H3 cells', () => {
    expect(cellsToFeatureCollection([{ h3: 'nonsense', count: 1 }]).features).toEqual([]);
  });

  it('unwraps cells on the antimeridian (Chukotka) instead of spanning the globe', () => {
    const ring = cellRing(latLngToCell(66, 179.99, 4));
    const lngs = ring.map(([lng]) => lng);
    expect(Math.max(...lngs) - Math.min(...lngs)).toBeLessThan(5);
    expect(Math.max(...lngs)).toBeGreaterThan(180);
  });
});

describe('hexagon query', () => {
  const base = {
    res: 4,
    bbox: [50, 49, 57, 55] as [number, number, number, number],
    from: '2024-01-01',
    to: '2024-12-31',
    gratitude: 'exclude' as const,
  };

  it('omits the topic filter when every topic is selected', () => {
    expect(topicFilter([...TOPICS])).toBeNull();
    expect(hexagonSearchParams({ ...base, topics: [...TOPICS] })).toBe(
      'res=4&bbox=50%2C49%2C57%2C55&from=2024-01-01&to=2024-12-31&gratitude=exclude',
    );
  });

  it('lists selected topics in vocabulary order', () => {
    expect(hexagonSearchParams({ ...base, topics: ['housing', 'roads'], from: null, to: null })).toBe(
      'res=4&bbox=50%2C49%2C57%2C55&topic=roads%2Chousing&gratitude=exclude',
    );
  });

  it('builds the same key for the same inputs in any order', () => {
    expect(hexagonQueryKey({ ...base, topics: ['housing', 'roads'] })).toEqual(
      hexagonQueryKey({ ...base, topics: ['roads', 'housing', 'roads'] }),
    );
  });
});
