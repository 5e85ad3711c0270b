/** A box in degrees, [west, south, east, north]: the one shape ingest, store, points and the map share. */
export type Bbox = [number, number, number, number];
