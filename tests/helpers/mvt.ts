import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';

export interface DecodedFeature {
  type: number;
  properties: Record<string, unknown>;
  /** The geometry in degrees (lon, lat), rings or points flattened per part. */
  lonlat: [number, number][][];
}

/** Decodes one MVT layer of a tile (empty bytes: no layer) with the reference decoder MapLibre itself uses. */
export function decodeLayer(bytes: Uint8Array, layer: string, z: number, x: number, y: number): DecodedFeature[] {
  if (!bytes.byteLength) return [];
  const tile = new VectorTile(new PbfReader(bytes));
  const l = tile.layers[layer];
  if (!l) return [];
  const out: DecodedFeature[] = [];
  for (let i = 0; i < l.length; i++) {
    const f = l.feature(i);
    const size = l.extent * 2 ** z;
    const lonlat = f.loadGeometry().map((ring) =>
      ring.map((p): [number, number] => {
        const lon = ((p.x + l.extent * x) / size) * 360 - 180;
        const yy = 180 - ((p.y + l.extent * y) / size) * 360;
        return [lon, (360 / Math.PI) * Math.atan(Math.exp((yy * Math.PI) / 180)) - 90];
      }),
    );
    out.push({ type: f.type, properties: { ...f.properties }, lonlat });
  }
  return out;
}

export function layerNames(bytes: Uint8Array): string[] {
  return bytes.byteLength ? Object.keys(new VectorTile(new PbfReader(bytes)).layers) : [];
}
