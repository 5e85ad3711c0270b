import { describe, expect, it } from 'vitest';
import { mapRoadRecord } from '../../lib/ingest/roads/mapRecord';
import { roadMappingSchema } from '../../lib/ingest/roads/mapping';

// An OSM way's tags as roads.geojson carries them: highway → class through the mapping, cladr:code → street code,
// oneway yes / -1 / no → along / against / both.
const mapping = roadMappingSchema.parse({
  source: 'osm',
  fields: { external_id: 'osm_id', name: 'name', road_class: 'highway', street_code: 'cladr:code', oneway: 'oneway' },
  classes: { secondary_link: 'secondary', unclassified: 'residential' },
});
const line = {
  type: 'LineString' as const,
  coordinates: [
    [37.61, 55.8],
    [37.62, 55.81],
  ],
};
const way = (tags: Record<string, unknown>) =>
  mapRoadRecord({ row: 1, values: { osm_id: 40551413, ...tags }, geometry: line }, mapping);

describe('OSM road tags', () => {
  it('keeps cladr:code as text with its leading digits, and oneway=-1 as against the line', () => {
    const r = way({ name: 'Прудовой проезд', highway: 'residential', 'cladr:code': '77000000000239800', oneway: '-1' });
    expect(r).toMatchObject({
      ok: true,
      draft: { externalId: '40551413', roadClass: 'residential', streetCode: '77000000000239800', oneway: -1 },
    });
  });

  it.each([
    ['yes', 1],
    ['no', 0],
    ['YES', 1],
    ['true', 1],
    ['reversible', null],
    ['', null],
  ] as const)('oneway %j → %j', (v, want) => {
    const r = way({ highway: 'service', oneway: v });
    expect(r.ok && r.draft.oneway).toBe(want);
  });

  it('maps highway values through classes and keeps others lower-cased; no tags, no code', () => {
    const a = way({ highway: 'secondary_link' });
    const b = way({ highway: 'Footway' });
    expect(a.ok && [a.draft.roadClass, a.draft.streetCode, a.draft.oneway]).toEqual(['secondary', null, null]);
    expect(b.ok && b.draft.roadClass).toBe('footway');
  });
});
