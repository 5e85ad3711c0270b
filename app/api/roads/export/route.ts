import { bytesDownload } from '@/lib/export';
import { PRIORITY_FORMATS } from '@/lib/roads/export';
import { route } from '@/lib/serve/http';
import { roadsExportExtra } from '@/lib/serve/params';
import { audit } from '@/db/queries/audit';
import { exportPriorities } from '@/lib/store/roadsExport';
import { roadsQuery } from '../_lib/query';

export const dynamic = 'force-dynamic';

/** The priority list as CSV, XLSX or GeoJSON: the same code as `pmap export priorities`; audit-logged. */
export const GET = route('/api/roads/export', async (req, ctx) => {
  const { owner, filter, rest } = roadsQuery(new URL(req.url), ctx, roadsExportExtra);
  const format = rest.format as (typeof PRIORITY_FORMATS)[number];
  const { bytes, rows } = await exportPriorities(ctx.db, { owner, filter, format });
  await audit(ctx.db, {
    actor: ctx.viewer!.email,
    role: ctx.viewer!.role,
    action: `export priorities ${format}`,
    filter: { ...filter, owner },
    rows,
  });
  return bytesDownload(bytes, format, `priorities${owner ? `-${owner}` : ''}.${format}`, {
    'X-Export-Rows': String(rows),
  });
});
