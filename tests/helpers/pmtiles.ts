import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';

/*
 * A minimal PMTiles v3 writer for tests (the pmtiles package only reads): one root directory, no leaf directories,
 * internal compression none, following the spec's layout (127-byte header, root directory, JSON metadata, tile data).
 * Hand-written because no maintained npm package writes PMTiles from JavaScript; it is ~50 lines of the spec.
 */

function varint(n: number, out: number[]) {
  while (n >= 0x80) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

export interface PmtilesInput {
  tiles: { z: number; x: number; y: number; data: Uint8Array }[];
  metadata?: Record<string, unknown>;
  gzip?: boolean;
  bounds?: [number, number, number, number];
}

export function writePmtiles(i: PmtilesInput): Buffer {
  const blobs = i.tiles
    .map((t) => ({ id: zxyToTileId(t.z, t.x, t.y), data: i.gzip ? gzipSync(t.data) : Buffer.from(t.data), z: t.z }))
    .sort((a, b) => a.id - b.id);
  const entries: { id: number; offset: number; length: number }[] = [];
  let offset = 0;
  for (const b of blobs) {
    entries.push({ id: b.id, offset, length: b.data.length });
    offset += b.data.length;
  }
  const dir: number[] = [];
  varint(entries.length, dir);
  let last = 0;
  for (const e of entries) {
    varint(e.id - last, dir);
    last = e.id;
  }
  for (let k = 0; k < entries.length; k++) varint(1, dir); // run length
  for (const e of entries) varint(e.length, dir);
  entries.forEach((e, k) => {
    const prev = entries[k - 1];
    varint(prev && e.offset === prev.offset + prev.length ? 0 : e.offset + 1, dir);
  });
  const root = Buffer.from(dir);
  const meta = Buffer.from(JSON.stringify(i.metadata ?? {}));
  const data = Buffer.concat(blobs.map((b) => b.data));

  const h = Buffer.alloc(127);
  h.write('PMTiles', 0, 'ascii');
  h.writeUInt8(3, 7);
  const u64 = (at: number, v: number) => h.writeBigUInt64LE(BigInt(v), at);
  u64(8, 127);
  u64(16, root.length);
  u64(24, 127 + root.length);
  u64(32, meta.length);
  u64(40, 127 + root.length + meta.length); // no leaf directories
  u64(48, 0);
  u64(56, 127 + root.length + meta.length);
  u64(64, data.length);
  u64(72, entries.length);
  u64(80, entries.length);
  u64(88, entries.length);
  h.writeUInt8(1, 96); // clustered
  h.writeUInt8(1, 97); // internal compression: none
  h.writeUInt8(i.gzip ? 2 : 1, 98); // tile compression
  h.writeUInt8(1, 99); // tile type: MVT
  const zs = blobs.map((b) => b.z);
  h.writeUInt8(Math.min(...zs), 100);
  h.writeUInt8(Math.max(...zs), 101);
  const [w, s, e, n] = i.bounds ?? [-180, -85, 180, 85];
  h.writeInt32LE(Math.round(w * 1e7), 102);
  h.writeInt32LE(Math.round(s * 1e7), 106);
  h.writeInt32LE(Math.round(e * 1e7), 110);
  h.writeInt32LE(Math.round(n * 1e7), 114);
  h.writeUInt8(Math.min(...zs), 118);
  h.writeInt32LE(Math.round(((w + e) / 2) * 1e7), 119);
  h.writeInt32LE(Math.round(((s + n) / 2) * 1e7), 123);
  return Buffer.concat([h, root, meta, data]);
}
