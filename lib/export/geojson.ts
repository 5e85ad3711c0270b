import fs from 'node:fs';
import path from 'node:path';
import type { Geometry } from 'geojson';
import type { ExportColumn, Pages, Row } from './table';

/** A GeoJSON property value: dates as ISO text, undefined as null; everything else as it is. */
const propValue = (v: unknown): unknown => (v instanceof Date ? v.toISOString() : (v ?? null));

/** A point geometry from a row's `lat`/`lon` (null when the row has none). */
export const pointOf = (r: Row): Geometry | null =>
  r.lat === null || r.lat === undefined ? null : { type: 'Point', coordinates: [r.lon as number, r.lat as number] };

/**
 * Streams pages of rows to `out` as a GeoJSON FeatureCollection, one feature a line: the geometry from `geometry(row)`,
 * the columns as properties. Returns the feature count.
 */
export async function writeGeojson(
  out: string,
  columns: readonly ExportColumn[],
  pages: Pages,
  geometry: (r: Row) => Geometry | null,
): Promise<number> {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  const fd = fs.openSync(out, 'w');
  let n = 0;
  try {
    fs.writeSync(fd, '{"type":"FeatureCollection","features":[\n');
    for await (const page of pages) {
      if (!page.length) continue;
      const lines = page.map((r) =>
        JSON.stringify({
          type: 'Feature',
          geometry: geometry(r),
          properties: Object.fromEntries(columns.map((c) => [c.key, propValue(r[c.key])])),
        }),
      );
      fs.writeSync(fd, (n ? ',\n' : '') + lines.join(',\n'));
      n += page.length;
    }
    fs.writeSync(fd, '\n]}\n');
  } finally {
    fs.closeSync(fd);
  }
  return n;
}
