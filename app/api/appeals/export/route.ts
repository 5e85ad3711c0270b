import { datedName, fileDownload } from '@/lib/export';
import { route } from '@/lib/serve/http';
import { appealExportQuerySchema, parseQuery } from '@/lib/serve/params';
import { audit } from '@/db/queries/audit';
import { exportAppeals } from '@/lib/store/exportAppeals';
import { countAwaitingFor } from '@/db/queries/groupingPending';

export const dynamic = 'force-dynamic';

/**
 * Exactly the current filter as a file; every export is written to the audit log. The file is written to a
 * temporary directory (streamed, bounded memory) and streamed back; the directory goes when the stream ends.
 */
export const GET = route('/api/appeals/export', async (req, { db, viewer }) => {
  const { format, ...filter } = parseQuery(appealExportQuerySchema, new URL(req.url));
  // Appeals of a big import still awaiting problem grouping (issue 21): their problem_id is empty in the file.
  const awaiting = await countAwaitingFor(db, filter);
  return fileDownload(format, datedName('appeals', format), async (file) => {
    const rows = await exportAppeals(db, filter, file, format);
    await audit(db, { actor: viewer!.email, role: viewer!.role, action: `export appeals ${format}`, filter, rows });
    return { 'X-Export-Rows': String(rows), 'X-Pmap-Awaiting-Grouping': String(awaiting) };
  });
});
