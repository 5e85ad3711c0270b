import { z } from 'zod';
import { CONTENT_TYPES, PRIORITY_FORMATS } from '@/lib/roads/export';
import { route } from '@/lib/serve/http';
import { audit } from '@/db/queries/audit';
import { exportPriorities } from '@/lib/store/roadsExport';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/** The priority list as CSV, XLSX or GeoJSON: the same code as `pmap export priorities`; audit-logged. */
export const GET = route('/api/roads/export', async (req, ctx) => {
  const { owner, filter, rest } = roadsQuery(new URL(req.url), ctx, { format: z.enum(PRIORITY_FORMATS).default('xlsx') });
  const format = rest.format as (typeof PRIORITY_FORMATS)[number];
  const { bytes, rows } = await exportPriorities(ctx.db, { owner, filter, format });
  await audit(ctx.db, { actor: ctx.viewer!.email, role: ctx.viewer!.role, action: `export priorities ${format}`, filter: { ...filter, owner }, rows });
  const name = `priorities${owner ? `-${owner}` : ''}.${format}`;
  return new Response(new Uint8Array(bytes), {
    headers: { 'Content-Type': CONTENT_TYPES[format], 'Content-Disposition': `attachment; filename="${name}"`, 'Cache-Control': 'no-store' },
  });
});
