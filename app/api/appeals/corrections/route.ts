import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { parseQuery, route } from '@/lib/serve/http';
import { audit } from '@/db/queries/audit';
import { writeCorrectionsCsv } from '@/lib/store/topicCorrections';

export const dynamic = 'force-dynamic';

const schema = z.strictObject({ format: z.enum(['csv']).default('csv'), history: z.enum(['0', '1']).default('0') });

/**
 * The corrections report (topics chosen by hand, with what the machine had said) as CSV for the training script's
 * --corrections. It carries appeal text (contacts removed): staff only; every download is written to the audit log.
 */
export const GET = route('/api/appeals/corrections', async (req, { db, viewer }) => {
  const q = parseQuery(schema, new URL(req.url));
  const history = q.history === '1';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-corrections-'));
  const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
  const file = path.join(dir, 'corrections.csv');
  try {
    const rows = await writeCorrectionsCsv(db, file, { history });
    await audit(db, { actor: viewer!.email, role: viewer!.role, action: 'export corrections csv', filter: { history }, rows });
    const size = fs.statSync(file).size;
    const stream = fs.createReadStream(file);
    stream.on('close', cleanup);
    const day = new Date().toISOString().slice(0, 10);
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Length': String(size),
        'Content-Disposition': `attachment; filename="topic-corrections-${day}.csv"`,
        'Cache-Control': 'private, no-store',
        'X-Export-Rows': String(rows),
      },
    });
  } catch (e) {
    cleanup();
    throw e;
  }
});
