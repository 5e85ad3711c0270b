import fs from 'node:fs';
import type { Database } from '../../db';
import { PmapError } from '../errors';
import { detectFormat, openReader, type SourceRecord } from './readers';
import { safeCsv } from '../sheets/formula';
import { geocodeBatch } from '../enrich/geocode/batch';

const CHUNK = 5000;

/**
 * Geocodes one column of a CSV file into another CSV: every input column, then lat, lon, confidence, matched (empty
 * when nothing matched). Streams in chunks of CHUNK rows, each geocoded with a few set-based queries.
 */
export async function geocodeFile(
  db: Database,
  input: string,
  column: string,
  output: string,
  onProgress?: (n: number) => void,
) {
  if (detectFormat(input) !== 'csv')
    throw new PmapError('bad_argument', 'geocoding a file needs a CSV file', { file: input });
  const reader = openReader(input, 'csv');
  let header: string[] | null = null;
  let read = 0;
  let matched = 0;
  let chunk: SourceRecord[] = [];
  const fd = fs.openSync(output, 'w');
  const flush = async () => {
    if (!chunk.length || !header) return;
    const cols = header;
    const hits = await geocodeBatch(
      db,
      chunk.map((r) => String(r.values[column] ?? '')),
    );
    matched += hits.filter(Boolean).length;
    fs.writeSync(
      fd,
      safeCsv(
        chunk.map((r, i) => {
          const h = hits[i];
          return [
            ...cols.map((c) => String(r.values[c] ?? '')),
            h?.lat ?? '',
            h?.lon ?? '',
            h?.confidence ?? '',
            h?.matched ?? '',
          ];
        }),
      ),
    );
    chunk = [];
    onProgress?.(read);
  };
  try {
    for await (const rec of reader.records()) {
      if (!header) {
        header = (await reader.columns()) ?? [];
        if (!header.includes(column)) {
          const shown = header
            .slice(0, 12)
            .map((h) => `"${h}"`)
            .join(', ');
          throw new PmapError('bad_argument', `no column "${column}" in the file (its columns: ${shown})`, {
            file: input,
            column,
          });
        }
        fs.writeSync(fd, safeCsv([[...header, 'lat', 'lon', 'confidence', 'matched']]));
      }
      read++;
      chunk.push(rec);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
  } finally {
    fs.closeSync(fd);
  }
  return { read, matched, unmatched: read - matched };
}
