import { datedName, fileDownload } from '@/lib/export';
import { route } from '@/lib/serve/http';
import { correctionsQuerySchema, parseQuery } from '@/lib/serve/params';
import { audit } from '@/db/queries/audit';
import { writeCorrectionsCsv } from '@/lib/store/topicCorrections';

export const dynamic = 'force-dynamic';

/**
 * The corrections report (topics chosen by hand, with what the machine had said) as CSV for the training script's
 * --corrections. It carries appeal text (contacts removed): staff only; every download is written to the audit log.
 */
export const GET = route('/api/appeals/corrections', async (req, { db, viewer }) => {
  const q = parseQuery(correctionsQuerySchema, new URL(req.url));
  const history = q.history === '1';
  return fileDownload('csv', datedName('topic-corrections', 'csv'), async (file) => {
    const rows = await writeCorrectionsCsv(db, file, { history });
    await audit(db, {
      actor: viewer!.email,
      role: viewer!.role,
      action: 'export corrections csv',
      filter: { history },
      rows,
    });
    return { 'X-Export-Rows': String(rows) };
  });
});
