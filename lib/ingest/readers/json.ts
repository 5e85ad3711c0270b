import type { Geometry } from 'geojson';
import chain from 'stream-chain';
import { parser } from 'stream-json';
import { pick } from 'stream-json/filters/pick.js';
import { streamArray } from 'stream-json/streamers/stream-array.js';
import { env } from '../../config/env';
import { PmapError } from '../../errors';
import { openText } from '../encoding';
import { boundedLines } from './lines';
import type { RecordReader, SourceRecord } from './types';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function jsonError(file: string, e: unknown): PmapError {
  if (e instanceof PmapError) return e;
  return new PmapError('bad_file', `not valid JSON: ${(e as Error).message}`, { file });
}

/** PMAP_MAX_RECORD_MB in characters: the most text of one record a reader holds. */
const recordLimit = () => {
  const mb = env().PMAP_MAX_RECORD_MB;
  return { mb, chars: Math.round(mb * 1024 * 1024) };
};

/**
 * A pass-through stage after the JSON parser that counts the text (strings and keys) of the element being read and
 * stops the file when it passes PMAP_MAX_RECORD_MB: the parser holds a whole string before handing it on, so a
 * 200 MB one would otherwise sit in memory. Numbers are not counted (a boundary's coordinates may be many).
 * `base`: the depth of the array whose elements are records (1: the top-level array; 2: GeoJSON's "features").
 */
function textLimit(file: string, base: number) {
  const { mb, chars } = recordLimit();
  let depth = 0;
  let size = 0;
  return (t: { name: string; value?: unknown }) => {
    if (t.name === 'startObject' || t.name === 'startArray') depth++;
    else if (t.name === 'endObject' || t.name === 'endArray') {
      depth--;
      if (depth <= base) size = 0;
    } else if (t.name === 'stringChunk' || t.name === 'keyChunk') {
      size += (t.value as string).length;
      if (size > chars)
        throw new PmapError(
          'bad_file',
          `a record holds more than ${mb} MB of text (PMAP_MAX_RECORD_MB): the file is not read further`,
          { file },
        );
    } else if ((t.name === 'endString' || t.name === 'endNumber') && depth <= base) size = 0;
    return t;
  };
}

/**
 * Streams the elements of a JSON array, or of the array under `path` (e.g. "features"), one at a time.
 * `toRecord` turns an element into a record (GeoJSON features keep their geometry).
 */
function streamedArray(
  file: string,
  path: string | null,
  toRecord: (v: unknown, row: number) => SourceRecord,
): RecordReader {
  const decoded = openText(file);
  async function* records(): AsyncGenerator<SourceRecord> {
    const stages = [
      decoded.stream,
      parser(),
      textLimit(file, path ? 2 : 1),
      ...(path ? [pick({ filter: path })] : []),
      streamArray(),
    ];
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
    isObject(v) ? { row, values: v } : { row, values: { value: v }, problem: 'the array element is not an object' },
  );
}

export function geojsonReader(file: string): RecordReader {
  return streamedArray(file, 'features', (v, row) => {
    if (!isObject(v)) return { row, values: {}, problem: 'the feature is not an object' };
    const props = isObject(v.properties) ? v.properties : {};
    return {
      row,
      values: { ...props, ...(v.id !== undefined ? { id: v.id } : {}) },
      geometry: (v.geometry ?? null) as Geometry | null,
    };
  });
}

export function ndjsonReader(file: string): RecordReader {
  const decoded = openText(file);
  async function* records(): AsyncGenerator<SourceRecord> {
    const { mb, chars } = recordLimit();
    let row = 0;
    let line = 0;
    for await (const text of boundedLines(decoded.stream, chars)) {
      line++;
      if (typeof text !== 'string') {
        row++;
        yield {
          row,
          line,
          values: {},
          problem: `the line has ${text.tooLong} characters, more than ${mb} MB (PMAP_MAX_RECORD_MB)`,
        };
        continue;
      }
      if (!text.trim()) continue;
      row++;
      try {
        const v: unknown = JSON.parse(text);
        yield isObject(v)
          ? { row, line, values: v }
          : { row, line, values: { value: v }, problem: 'the line is not a JSON object' };
      } catch (e) {
        yield { row, line, values: { line: text.slice(0, 500) }, problem: `not valid JSON: ${(e as Error).message}` };
      }
    }
    if (row === 0) throw PmapError.keyed('bad_file', 'import.empty_records', {}, { file });
  }
  return { notes: decoded.notes, fraction: decoded.fraction, columns: async () => null, records };
}
