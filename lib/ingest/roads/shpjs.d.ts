declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  /** Reads a zipped Shapefile (or several layers) from its bytes; reprojects with the .prj through proj4. */
  export function parseZip(
    buffer: ArrayBuffer | Uint8Array,
    whiteList?: string[],
  ): Promise<FeatureCollection | FeatureCollection[]>;
}
