import fs from 'node:fs';
import path from 'node:path';
import { env } from '../../config/env';
import { PmapError } from '../../errors';
import { csvReader } from './csv';
import { guardReader } from './guard';
import { geojsonReader, jsonArrayReader, ndjsonReader } from './json';
import type { FileFormat, RecordReader, SourceRecord } from './types';

export type { FileFormat, RecordReader, SourceRecord } from './types';
export const FORMATS: readonly FileFormat[] = ['csv', 'json', 'ndjson', 'geojson', 'open311'];

/** The format named, or the one the extension (and for .json, the first bytes) says. */
export function detectFormat(file: string, explicit?: string): FileFormat {
  if (explicit) {
    if (!(FORMATS as readonly string[]).includes(explicit)) {
      throw new PmapError('bad_argument', `unknown format "${explicit}" (use ${FORMATS.join(', ')})`);
    }
    return explicit as FileFormat;
  }
  if (!fs.existsSync(file)) throw new PmapError('file_not_found', 'file not found', { file });
  const ext = path.extname(file).toLowerCase();
  if (ext === '.csv' || ext === '.txt' || ext === '.tsv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.geojson') return 'geojson';
  if (ext === '.json') {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    const head = buf
      .subarray(0, n)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart();
    if (head.startsWith('{') && /"type"\s*:\s*"FeatureCollection"/.test(head)) return 'geojson';
    if (head.startsWith('{') && /^\{[^\n]*\}\s*\n\s*\{/.test(head)) return 'ndjson';
    if (head.startsWith('[') && /"service_request_id"\s*:/.test(head)) return 'open311';
    return 'json';
  }
  throw new PmapError('bad_argument', `cannot tell the format from the extension "${ext}"; pass --format`, { file });
}

/**
 * A reader of the file, its records through the rule every importer shares (./guard.ts): no NUL byte in a column
 * name; a value with one, or longer than PMAP_MAX_FIELD_CHARS, rejects its row.
 */
export function openReader(file: string, format: FileFormat): RecordReader {
  return guarded(rawReader(file, format));
}

/** A reader (of any kind: the Shapefile one too) through the shared rule. */
export const guarded = (reader: RecordReader): RecordReader => guardReader(reader, env().PMAP_MAX_FIELD_CHARS);

function rawReader(file: string, format: FileFormat): RecordReader {
  switch (format) {
    case 'csv':
      return csvReader(file);
    case 'ndjson':
      return ndjsonReader(file);
    case 'geojson':
      return geojsonReader(file);
    case 'json':
    case 'open311':
      return jsonArrayReader(file);
  }
}

/**
 * The reader's records, with the file's columns handed over exactly once: to the rejects sink and to `check` (the
 * mapping's column check) before the first record — a reader knows its header once it has read it — or at the end
 * of a file without records.
 */
export async function* checkedRecords(
  reader: RecordReader,
  sink: { setColumns(cols: string[] | null): void },
  check: (cols: string[]) => void,
): AsyncGenerator<SourceRecord> {
  let checked = false;
  const once = async () => {
    checked = true;
    const cols = await reader.columns();
    sink.setColumns(cols);
    if (cols) check(cols);
  };
  for await (const rec of reader.records()) {
    if (!checked) await once();
    yield rec;
  }
  if (!checked) await once();
}
