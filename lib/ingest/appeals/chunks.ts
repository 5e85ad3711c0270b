import type { Session } from '../../../db';
import { copyCsv } from '../../../db/copyCsv';
import { stepTimer } from '../../config/timing';
import { groupNewAppeals, lockProblems, problemRule, STAGED } from '../../enrich/problems/group';
import {
  earlierChunkDuplicates, mergeStage, nextChunk, removeInFileDuplicates, STAGE_COLUMNS, stageNewRows, touchedCounts,
  type MergeResult,
} from '../../store/appealsMerge';
import type { Reject, RejectSink } from '../../store/rejects';

export interface ChunkOptions {
  sourceId: number;
  jobId: number;
  sink: RejectSink;
  /** Rows per COPY into the stage. */
  batchSize: number;
  /** Rows merged at a time. */
  chunkRows: number;
  /** The file's rows as far as can be told yet (for the bulk-index decision of the first chunk). */
  expectedRows: () => number;
}

export interface ChunksResult {
  inserted: number;
  updated: number;
  /** Problems the new rows joined: recount them once the rows are in appeals. */
  grown: number[];
  restoreIndexes(): Promise<void>;
}

/**
 * Stages and merges a file in chunks, all in the caller's transaction, and overlaps the two halves of the work:
 * while the database groups and merges one chunk, the caller parses the next, whose COPY text waits in memory (at
 * most one chunk of it). Parsing was a third of a 1 M-row import and ran alone before the database started.
 * Every database call goes through one queue, in order; the caller never talks to the session meanwhile.
 */
export function chunkedMerge(s: Session, o: ChunkOptions) {
  let queue: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const p = queue.then(work);
    p.catch(() => undefined); // awaited where it matters (the next chunk, finish); a failure skips the rest
    queue = p;
    return p;
  };
  let batch: unknown[][] = [];
  let inChunk = 0;
  let chunk = 0;
  let merging: Promise<unknown> = Promise.resolve();
  const grown = new Set<number>();
  const merges: MergeResult[] = [];

  const sendBatch = () => {
    if (!batch.length) return;
    const csv = copyCsv(batch);
    batch = [];
    void enqueue(() => s.copyFrom('appeal_stage', STAGE_COLUMNS, csv));
  };

  async function mergeChunk(last: boolean): Promise<void> {
    const lap = stepTimer(`chunk ${++chunk}: `);
    const duplicates = [...await removeInFileDuplicates(s), ...(chunk > 1 ? await earlierChunkDuplicates(s, o.sourceId) : [])];
    for (const d of duplicates) {
      await o.sink.add(s, { row: d.row, reason: `duplicate external id "${d.externalId}" in the file: row ${d.keptRow} is kept`, values: d.raw });
    }
    await o.sink.flush(s);
    lap('duplicates');
    if (chunk === 1) await lockProblems(s);
    await stageNewRows(s, o.sourceId);
    // Grouped before they are inserted: each new row is written once, with its problem.
    const g = await groupNewAppeals(s, problemRule(), STAGED);
    for (const id of g.grown ?? []) grown.add(id);
    lap('problems');
    merges.push(await mergeStage(s, o.sourceId, o.jobId, chunk === 1 ? o.expectedRows() : 0));
    lap('merge');
    if (!last) await nextChunk(s);
  }

  return {
    /** Queues a valid row; waits only when a chunk is full and the one before it is still being merged. */
    async push(row: unknown[]): Promise<void> {
      batch.push(row);
      if (batch.length >= o.batchSize) sendBatch();
      if (++inChunk < o.chunkRows) return;
      sendBatch();
      inChunk = 0;
      await merging;
      merging = enqueue(() => mergeChunk(false));
    },
    /** A rejected row, written in turn with the rest. */
    reject(r: Reject): void {
      void enqueue(() => o.sink.add(s, r));
    },
    async finish(): Promise<ChunksResult> {
      sendBatch();
      await merging;
      await enqueue(() => mergeChunk(true));
      const counts = await touchedCounts(s);
      return {
        ...counts,
        grown: [...grown],
        async restoreIndexes() {
          for (const m of merges) await m.restoreIndexes();
        },
      };
    },
  };
}
