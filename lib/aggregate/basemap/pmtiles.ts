import 'server-only';
import fs from 'node:fs/promises';
import { PMTiles, TileType, type RangeResponse, type Source } from 'pmtiles';
import { PmapError } from '../../errors';
import type { TileCoord } from '../tiles/geometry';

/** pmtiles' Source over a local file: each read is one positioned read of the bytes asked for, never the whole file. */
export class LocalFileSource implements Source {
  private handle: Promise<fs.FileHandle> | null = null;

  constructor(private readonly file: string) {}

  getKey(): string {
    return this.file;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.handle ??= fs.open(this.file, 'r');
    const h = await this.handle.catch((err: unknown) => {
      this.handle = null;
      throw new PmapError(
        'misconfigured',
        `PMAP_BASEMAP_PMTILES: cannot open ${this.file}: ${err instanceof Error ? err.message : String(err)}`,
        {},
        'basemap.pmtiles_unreadable',
      );
    });
    const buf = Buffer.alloc(length);
    const { bytesRead } = await h.read(buf, 0, length, offset);
    const data = buf.buffer.slice(buf.byteOffset, buf.byteOffset + bytesRead) as ArrayBuffer;
    return { data };
  }
}

const archives = new Map<string, PMTiles>();

function archive(file: string): PMTiles {
  let a = archives.get(file);
  if (!a) {
    a = new PMTiles(new LocalFileSource(file));
    archives.set(file, a);
  }
  return a;
}

export interface PmtilesInfo {
  minzoom: number;
  maxzoom: number;
  bounds: [number, number, number, number];
  attribution: string | null;
}

/** Zooms, bounds and the attribution the extract's metadata names; a raster or unknown archive is refused. */
export async function pmtilesInfo(file: string): Promise<PmtilesInfo> {
  const a = archive(file);
  const h = await a.getHeader();
  if (h.tileType !== TileType.Mvt) {
    throw new PmapError(
      'misconfigured',
      `PMAP_BASEMAP_PMTILES: ${file} holds tile type ${h.tileType}, the basemap needs vector (MVT) tiles`,
      {},
      'basemap.pmtiles_not_vector',
    );
  }
  const meta = (await a.getMetadata().catch(() => null)) as { attribution?: unknown } | null;
  return {
    minzoom: h.minZoom,
    maxzoom: h.maxZoom,
    bounds: [h.minLon, h.minLat, h.maxLon, h.maxLat],
    attribution: typeof meta?.attribution === 'string' && meta.attribution ? meta.attribution : null,
  };
}

/** One tile's MVT bytes from the extract (pmtiles gunzips stored tiles itself); empty when the archive has none there. */
export async function pmtilesTile(file: string, t: TileCoord): Promise<Uint8Array> {
  const a = archive(file);
  const h = await a.getHeader();
  if (t.z < h.minZoom || t.z > h.maxZoom) return new Uint8Array(0);
  const r = await a.getZxy(t.z, t.x, t.y);
  if (!r) return new Uint8Array(0);
  return new Uint8Array(r.data);
}
