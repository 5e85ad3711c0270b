import readline from 'node:readline';
import type { Geometry } from 'geojson';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { PmapError } from '../../errors';
import { openText } from '../encoding';
import type { RecordReader, SourceRecord } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonError(file: string, e: unknown): PmapError {
  if (e instanceof PmapError) return e;
  return new PmapError('bad_file', `not valid JSON: ${(e as Error).message}`, { file });
}

/**
 * Streams the elements of a JSON array, or of the array under `path` (e.g. "features"), one at a time.
 * `toRecord` turns an element into a record (GeoJSON features keep their geometry).
 */
function streamedArray(file: string, path: string | null, toRecord: (v: unknown, row: number) => SourceRecord): RecordReader {
  const decoded = openText(file);
  async function* records(): AsyncGenerator<SourceRecord> {
    const stages = [decoded.stream, parser(), ...(path ? [pick({ filter: path })] : []), streamArray()];
    const pipeline = chain(stages as never);
    let row = 0;
    try {
      for await (const { value } of pipeline as AsyncIterable<{ value: unknown }>) {
        row++;
        yield toRecord(value, row);
      }
    } catch (e) {
      throw jsonError(file, e);
    }
  }
  return { notes: decoded.notes, fraction: decoded.fraction, columns: async () => null, records };
}

export function jsonArrayReader(file: string): RecordReader {
  return streamedArray(file, null, (v, row) =>
    isObject(v) ? { row, values: v } : { row, values: { value: v }, problem: 'the array element is not an object' });
}

export function geojsonReader(file: string): RecordReader {
  return streamedArray(file, 'features', (v, row) => {
    if (!isObject(v)) return { row, values: {}, problem: 'the feature is not an object' };
    const props = isObject(v.properties) ? v.properties : {};
    return { row, values: { ...props, ...(v.id !== undefined ? { id: v.id } : {}) }, geometry: (v.geometry ?? null) as Geometry | null };
  });
}

export function ndjsonReader(file: string): RecordReader {
  const decoded = openText(file);
  async function* records(): AsyncGenerator<SourceRecord> {
    const rl = readline.createInterface({ input: decoded.stream, crlfDelay: Infinity });
    let row = 0;
    let line = 0;
    for await (const text of rl) {
      line++;
      if (!text.trim()) continue;
      row++;
      try {
        const v: unknown = JSON.parse(text);
        yield isObject(v) ? { row, line, values: v } : { row, line, values: { value: v }, problem: 'the line is not a JSON object' };
      } catch (e) {
        yield { row, line, values: { line: text.slice(0, 500) }, problem: `not valid JSON: ${(e as Error).message}` };
      }
    }
    if (row === 0) throw new PmapError('bad_file', 'the file is empty (no records)', { file });
  }
  return { notes: decoded.notes, fraction: decoded.fraction, columns: async () => null, records };
}
