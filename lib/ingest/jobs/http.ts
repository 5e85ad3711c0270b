import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { Database } from '../../../db';
import { BIGINT_ID_MAX, idSchema, pathSegments } from '../../domain/params';
import { PmapError } from '../../errors';
import { downloadHeaders } from '../../export';
import { safeCsv } from '../../sheets/formula';
import { getJob, rejectPages, type ImportJobRow } from '../../store/importJobs';
import { liveJob, progressOf, rejectsFileOf } from './runner';

/** The job id in /api/admin/imports/{id}[/…]: `fromEnd` segments from the end of the path. */
export function jobIdOf(req: Request, fromEnd: number): number {
  const parts = pathSegments(new URL(req.url), 0);
  const r = idSchema(BIGINT_ID_MAX).safeParse(parts[parts.length - fromEnd] ?? '');
  if (!r.success)
    throw new PmapError('bad_argument', `id: not a job id (${r.error.issues[0].message})`, {}, 'input.invalid', {
      param: 'id',
    });
  return r.data;
}

/** A job with its progress: from this process while it runs here (no query), else from the database. */
export async function jobWithProgress(db: Database, id: number) {
  const job = liveJob(id) ?? (await getJob(db, id));
  if (!job) throw PmapError.keyed('not_found', 'import.no_job', { id });
  return { ...job, progress: progressOf(job) };
}

/** The rejects file is a CSV for a program (../shared/contract.md), so no BOM (lib/export/csv.ts). */
const csvHeaders = (id: number) => downloadHeaders('csv', `import-${id}-rejects.csv`);

/**
 * The rejected rows of a job as CSV: the importer's own file (row, line, reason, the file's columns) while it is on
 * disk, else rebuilt from import_rejects (row, reason, raw values), a page at a time.
 */
export async function rejectsResponse(db: Database, id: number): Promise<Response> {
  const job: ImportJobRow | null = await getJob(db, id);
  if (!job) throw PmapError.keyed('not_found', 'import.no_job', { id });
  if (job.status === 'running') throw PmapError.keyed('conflict', 'import.running');
  const file = rejectsFileOf(job);
  if (fs.existsSync(file)) {
    return new Response(Readable.toWeb(fs.createReadStream(file)) as ReadableStream, { headers: csvHeaders(id) });
  }
  const pages = rejectPages(db, id);
  let header: string[] | null = null;
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { value, done } = await pages.next();
      if (done) {
        if (!header) controller.enqueue(Buffer.from(safeCsv([['row', 'reason']])));
        controller.close();
        return;
      }
      let out = '';
      if (!header) {
        header = Object.keys(value[0]?.raw ?? {});
        out += safeCsv([['row', 'reason', ...header]]);
      }
      const cols = header;
      out += safeCsv(
        value.map((r) => [
          r.row,
          r.reason,
          ...cols.map((c) => {
            const v = r.raw[c];
            return v === null || v === undefined
              ? ''
              : typeof v === 'object'
                ? JSON.stringify(v)
                : typeof v === 'number'
                  ? v
                  : String(v);
          }),
        ]),
      );
      controller.enqueue(Buffer.from(out));
    },
  });
  return new Response(body, { headers: csvHeaders(id) });
}
