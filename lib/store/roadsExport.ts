import type { Database } from '../../db';
import type { AppealFilter } from '../domain/filters';
import { prioritiesCsv, prioritiesGeojson, prioritiesXlsx, type PriorityFormat } from '../roads/export';
import { priorityReport, segmentGeometries } from './roadsReport';

/** The priority list of `owner` as a file's bytes, the same for `pmap export priorities` and the page's buttons. */
export async function exportPriorities(
  db: Database,
  o: { owner: string | null; filter: AppealFilter; format: PriorityFormat },
): Promise<{ bytes: Buffer; rows: number }> {
  const r = await priorityReport(db, { owner: o.owner, filter: o.filter });
  const bytes =
    o.format === 'csv'
      ? prioritiesCsv(r)
      : o.format === 'xlsx'
        ? await prioritiesXlsx(r)
        : prioritiesGeojson(
            r,
            await segmentGeometries(
              db,
              r.ranked.map((s) => s.id),
            ),
          );
  return { bytes, rows: r.ranked.length };
}
