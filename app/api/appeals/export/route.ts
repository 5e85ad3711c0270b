import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { appealFilterSchema } from '@/lib/domain/filters';
import { parseQuery, route } from '@/lib/serve/http';
import { audit } from '@/db/queries/audit';
import { EXPORT_FORMATS, exportAppeals, type ExportFormat } from '@/lib/store/exportAppeals';
import { countAwaitingFor } from '@/db/queries/groupingPending';

export const dynamic = 'force-dynamic';

const schema = appealFilterSchema.extend({ format: z.enum(EXPORT_FORMATS).default('csv') });

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json',
};

/**
 * Exactly the current filter as a file; every export is written to the audit log. The file is written to a
 * temporary directory (streamed, bounded memory) and streamed back; the directory goes when the stream ends.
 */
export const GET = route('/api/appeals/export', async (req, { db, viewer }) => {
  const { format, ...filter } = parseQuery(schema, new URL(req.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-export-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, `appeals.${format}`);
  try {
    // Appeals of a big import still awaiting problem grouping (issue 21): their problem_id is empty in the file.
    const awaiting = await countAwaitingFor(db, filter);
    const rows = await exportAppeals(db, filter, file, format);
    await audit(db, { actor: viewer!.email, role: viewer!.role, action: `export appeals ${format}`, filter, rows });
    const size = fs.statSync(file).size;
    const stream = fs.createReadStream(file);
    stream.on('close', cleanup);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': CONTENT_TYPE[format],
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="appeals-${day}.${format}"`,
        'Cache-Control': 'private, no-store',
        'X-Export-Rows': String(rows),
        'X-Pmap-Awaiting-Grouping': String(awaiting),
      },
    });
  } catch (e) {
    cleanup();
    throw e;
  }
});
