import { describe, expect, it } from 'vitest';
import { parseHouse } from '../../lib/enrich/geocode/house';

// House numbers as OpenStreetMap's addr:housenumber writes them in Moscow (moscow_osm/addresses.csv): корпус and
// строение after a space, "с2" glued, fractions of corner buildings, a Latin "c" for строение.
describe('OSM house numbers', () => {
  it.each([
    ['17А к3', 17, '17ак3'],
    ['29/16', 29, '29/16'],
    ['17к1', 17, '17к1'],
    ['4А с2', 4, '4ас2'],
    ['12 с3', 12, '12с3'],
    ['12Б с1', 12, '12бс1'],
    ['7 к1 с2', 7, '7к1с2'],
    ['15/21 с1', 15, '15/21с1'],
    ['8/13 к1', 8, '8/13к1'],
    ['5/2А', 5, '5/2а'],
    ['3/1 c2', 3, '3/1с2'],
    ['5а стр.2', 5, '5ас2'],
  ])('%s → %s, key %s', (raw, num, key) => {
    expect(parseHouse(raw)).toEqual({ num, key });
  });

  it('keeps "с" followed by a word out of the house', () => {
    expect(parseHouse('12 село')).toBeNull();
  });
});
