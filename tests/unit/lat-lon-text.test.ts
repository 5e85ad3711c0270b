import { describe, expect, it } from 'vitest';
import { parseLatLon } from '../../lib/render/latLonText';

describe('parseLatLon (the «широта, долгота» field of /appeals)', () => {
  it.each([
    ['51.7722, 55.1015', 51.7722, 55.1015],
    ['51.7722 55.1015', 51.7722, 55.1015],
    ['51.7722,55.1015', 51.7722, 55.1015],
    [' 51.7722;55.1015 ', 51.7722, 55.1015],
    ['51,7722 55,1015', 51.7722, 55.1015],
    ['51,7722; 55,1015', 51.7722, 55.1015],
    ['-33.9, 151', -33.9, 151],
  ])('%s', (text, lat, lon) => {
    expect(parseLatLon(text)).toEqual({ lat, lon });
  });

  it.each(['', '51.7722', 'ул. Советская, 5', '51,7722,55,1015', '51.7.2, 55', 'abc def'])('refuses %j', (text) => {
    expect(parseLatLon(text)).toBeNull();
  });
});
