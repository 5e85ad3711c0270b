import fs from 'node:fs';
import { parse } from 'csv-parse';
import { env } from '../../config/env';
import { PmapError } from '../../errors';
import { openText } from '../encoding';
import { withoutNul } from './guard';
import type { RecordReader, SourceRecord } from './types';

/**
 * Excel exports in Russia use ";"; others "," or tab. The header line decides. Line ends: "\r\n" and "\n" both end a
 * record wherever they are (a file glued together from a Windows and a Unix export mixes them, and the parser's
 * own guess from the first line would make every other line's "\r" text after a closing quote); a file whose lines
 * end in a bare "\r" (old Mac) is left to the parser's guess.
 */
function sniff(file: string): { delimiter: string; recordDelimiter?: string[] } {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, buf, 0, buf.length, 0);
  fs.closeSync(fd);
  const text = buf.subarray(0, n).toString('latin1');
  const first = text.split('\n')[0];
  const counts = [',', ';', '\t'].map((d) => [d, first.split(d).length - 1] as const);
  const delimiter = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const end = /\r\n|\n|\r/.exec(text)?.[0];
  return { delimiter, recordDelimiter: end === '\r' ? undefined : ['\r\n', '\n'] };
}

/**
 * `opened`: the first line after the last record read whole, where the record with the unclosed quote starts. The
 * parser notices a quote never closed only at the end of the file (err.lines), which points nowhere useful.
 */
function csvError(
  err: Error & { code?: string; lines?: number },
  maxMb: number,
  file: string,
  opened: number,
): PmapError {
  const where = { file, line: err.lines };
  if (err.code === 'CSV_QUOTE_NOT_CLOSED')
    return PmapError.keyed('bad_file', 'import.unbalanced_quote', {}, { file, line: opened });
  if (err.code === 'CSV_MAX_RECORD_SIZE')
    return PmapError.keyed('bad_file', 'import.record_too_long', { mb: maxMb }, where);
  if (err.code === 'CSV_INVALID_CLOSING_QUOTE')
    return PmapError.keyed('bad_file', 'import.text_after_quote', {}, where);
  if (err.code === 'INVALID_OPENING_QUOTE') return PmapError.keyed('bad_file', 'import.quote_in_field', {}, where);
  return new PmapError('bad_file', err.message, where);
}

/** Streams a CSV file as records keyed by its header; memory stays bounded on any file size. */
export function csvReader(file: string): RecordReader {
  const decoded = openText(file);
  const { delimiter, recordDelimiter } = sniff(file);
  // The parser buffers a whole row: a bound keeps a 200 MB field (or a quote never closed) from exhausting memory.
  const maxMb = env().PMAP_MAX_RECORD_MB;
  let header: string[] | null = null;
  let resolveHeader: (cols: string[]) => void = () => undefined;
  let rejectHeader: (e: unknown) => void = () => undefined;
  const headerPromise = new Promise<string[]>((res, rej) => {
    resolveHeader = res;
    rejectHeader = rej;
  });
  headerPromise.catch(() => undefined);

  async function* records(): AsyncGenerator<SourceRecord> {
    const parser = decoded.stream.pipe(
      parse({
        delimiter,
        record_delimiter: recordDelimiter,
        info: true,
        relax_column_count: true,
        skip_empty_lines: true,
        max_record_size: Math.round(maxMb * 1024 * 1024),
      }),
    );
    decoded.stream.on('error', (e) => parser.destroy(e));
    let row = 0;
    let lastLine = 0;
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        const { record, info } = item;
        lastLine = info.lines;
        if (!header) {
          header = record.map((h) => withoutNul(h).trim());
          resolveHeader(header);
          continue;
        }
        row++;
        const values: Record<string, unknown> = {};
        header.forEach((h, i) => (values[h] = record[i] ?? ''));
        const problem =
          record.length !== header.length
            ? `has ${record.length} fields but the header has ${header.length}`
            : undefined;
        yield { row, line: info.lines, values, problem };
      }
    } catch (e) {
      const err = e as Error & { code?: string; lines?: number };
      const wrapped = e instanceof PmapError ? e : csvError(err, maxMb, file, lastLine + 1);
      rejectHeader(wrapped);
      throw wrapped;
    }
    if (!header) {
      const e = PmapError.keyed('bad_file', 'import.empty_csv', {}, { file });
      rejectHeader(e);
      throw e;
    }
  }

  return { notes: decoded.notes, fraction: decoded.fraction, columns: () => headerPromise, records };
}
