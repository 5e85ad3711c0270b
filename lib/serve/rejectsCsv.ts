import { pipeline, Readable, Transform } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import { importText } from '../i18n/importTexts';

/**
 * The rejects CSV as the admin import page downloads it: the importer's file (row, line, reason, the file's columns;
 * ../shared/contract.md) with a column «причина» right after `reason`, the reason in Russian (lib/i18n/importTexts.ts;
 * a reason no rule knows is repeated as written). Cells pass through as they are, already neutralised against
 * formulas by the importer; the Russian text starts with no formula character.
 */
export function withRussianReasons(res: Response): Response {
  if (!res.ok || !res.body) return res;
  let reasonAt = -1;
  let header = true;
  const addColumn = new Transform({
    objectMode: true,
    transform(record: string[], _enc, done) {
      if (header) {
        header = false;
        reasonAt = record.indexOf('reason');
        if (reasonAt < 0) return done(null, record);
        return done(null, [...record.slice(0, reasonAt + 1), 'причина', ...record.slice(reasonAt + 1)]);
      }
      if (reasonAt < 0) return done(null, record);
      return done(null, [
        ...record.slice(0, reasonAt + 1),
        importText(record[reasonAt] ?? '', 'ru'),
        ...record.slice(reasonAt + 1),
      ]);
    },
  });
  // pipeline: a broken file ends the download with an error instead of hanging it.
  const out = pipeline(
    Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>),
    parse({ relax_column_count: true }),
    addColumn,
    stringify(),
    (err) => {
      if (err) console.warn(`rejects CSV: ${err.message}`);
    },
  );
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, { status: res.status, headers: res.headers });
}
