import fs from 'node:fs';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { parseZip } from 'shpjs';
import { PmapError } from '../../errors';
import type { RecordReader, SourceRecord } from '../readers';

type Layer = FeatureCollection & { fileName?: string };

/**
 * A zipped Shapefile as records: shpjs reads the .shp/.dbf (text in the encoding the .cpg names) and reprojects every
 * coordinate to WGS84 through proj4 with the CRS of the .prj. Without a .prj the coordinates are taken as longitude /
 * latitude; the mapper rejects lines whose coordinates are not, so a projected file without its .prj is never
 * imported as nonsense. The whole file is read at once: road networks are small next to appeal files.
 */
export function shapefileZipReader(file: string): RecordReader {
  if (!fs.existsSync(file)) throw new PmapError('file_not_found', 'file not found', { file });
  const notes: string[] = [];
  let done = false;
  let layers: Layer[] | null = null;
  const load = async (): Promise<Layer[]> => {
    if (layers) return layers;
    const buf = fs.readFileSync(file);
    if (!hasEndRecord(buf)) {
      throw new PmapError(
        'bad_file',
        'not a readable zipped Shapefile: the zip is damaged or cut short (no end-of-archive record)',
        { file },
      );
    }
    let parsed: Layer | Layer[];
    try {
      parsed = (await parseZip(buf)) as Layer | Layer[];
    } catch (e) {
      const msg = (e as Error).message;
      throw new PmapError(
        'bad_file',
        msg === 'no layers founds' ? 'the zip holds no Shapefile (.shp)' : `not a readable zipped Shapefile: ${msg}`,
        { file },
      );
    }
    layers = Array.isArray(parsed) ? parsed : [parsed];
    if (!hasPrj(buf)) notes.push('the Shapefile has no .prj: coordinates are taken as WGS84 longitude/latitude');
    return layers;
  };
  async function* records(): AsyncGenerator<SourceRecord> {
    const all = await load();
    let row = 0;
    for (const layer of all) {
      for (const f of layer.features as Feature<Geometry | null>[]) {
        row++;
        // parsedbf gives NaN for an empty numeric field: that is a missing value, not a number.
        const values: Record<string, unknown> = Object.fromEntries(
          Object.entries(f.properties ?? {}).map(([k, v]) => [k, typeof v === 'number' && Number.isNaN(v) ? null : v]),
        );
        if (all.length > 1) values.layer = layer.fileName ?? '';
        yield { row, values, geometry: f.geometry };
      }
    }
    if (row === 0) throw new PmapError('bad_file', 'the file is empty (no records)', { file });
    done = true;
  }
  return { notes, columns: async () => null, records, fraction: () => (done ? 1 : 0) };
}

/** Whether the zip's central directory names a .prj (looked up in the bytes: the names are stored as plain text). */
function hasPrj(buf: Buffer): boolean {
  return /\.prj/i.test(buf.toString('latin1'));
}

/**
 * Whether the zip ends with its end-of-central-directory record (signature PK\x05\x06 within the last 64 KiB + 22
 * bytes), as every whole zip does. Checked before shpjs: its unzipper (but-unzip 0.1) searches for it with
 * lastIndexOf and, in a file under 64 KiB without one that starts with "P" (a zip cut short), wraps around to the end
 * of the buffer and searches forever.
 */
export function hasEndRecord(buf: Buffer): boolean {
  const from = Math.max(0, buf.length - 22 - 0xffff);
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf[i] === 0x50 && buf[i + 1] === 0x4b && buf[i + 2] === 0x05 && buf[i + 3] === 0x06) return true;
  }
  return false;
}
