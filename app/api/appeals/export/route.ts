import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { appealFilterSchema } from '@/lib/domain/filters';
import { parseQuery, route } from '@/lib/serve/http';
import { audit } from '@/lib/store/audit';
import { exportAppeals } from '@/lib/store/exportAppeals';

export const dynamic = 'force-dynamic';

const schema = appealFilterSchema.extend({ format: z.enum(['csv', 'geojson']).default('csv') });

/** Exactly the current filter as a file; every export is written to the audit log. */
export const GET = route('/api/appeals/export', async (req, { db, viewer }) => {
  const { format, ...filter } = parseQuery(schema, new URL(req.url));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-export-'));
  const file = path.join(dir, `appeals.${format}`);
  try {
    const rows = await exportAppeals(db, filter, file, format);
    await audit(db, { actor: viewer!.email, role: viewer!.role, action: `export appeals ${format}`, filter, rows });
    const body = fs.readFileSync(file);
    return new Response(body, {
      headers: {
        'Content-Type': format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json',
        'Content-Disposition': `attachment; filename="appeals.${format}"`,
        'Cache-Control': 'private, no-store',
      },
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
