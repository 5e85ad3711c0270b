import type { Rules } from '../../enrich/classify/rules';
import type { TopicClassifier } from '../../enrich/classify';
import type { SourceRecord } from '../readers';
import { RowPool, rowWorkerEntry } from './rowPool';
import { stageChunk, type ChunkResult, type RowContext } from './stageRows';

/*
 * Records → staged chunks, in file order: on the calling thread, or on worker threads (rowPool.ts) while the
 * calling thread goes on reading. At most `2 × threads` chunks are out at a time, so memory stays bounded whatever
 * the file's size; a file of one chunk or less is staged in-process (a worker's start-up costs more).
 */

export const CHUNK_ROWS = 2000;

export interface PipelineOptions {
  /** The context, asked for when the first chunk is full (after the coordinate vote has its verdict). */
  context: () => RowContext;
  classifier: TopicClassifier;
  /** The classifier's rules, for the workers to rebuild it (the same shipped model). */
  rules: () => Promise<Rules>;
  /** Worker threads; 0 or 1 (the default) stage in-process. */
  threads?: number;
  chunkRows?: number;
  /** Each chunk with its outcome, in file order; awaited before the next. */
  onChunk: (records: SourceRecord[], result: ChunkResult) => Promise<void>;
}

/** Stages every record; returns how many worker threads did it (0: this thread). */
export async function stageRecords(
  records: AsyncIterable<SourceRecord>,
  o: PipelineOptions,
): Promise<{ threads: number }> {
  const chunkRows = o.chunkRows ?? CHUNK_ROWS;
  const threads = o.threads ?? 0;
  const queue: { records: SourceRecord[]; result: Promise<ChunkResult> }[] = [];
  let pool: RowPool | null = null;
  let ctx: RowContext | null = null;
  let decided = false;
  const drain = async () => {
    const next = queue.shift()!;
    await o.onChunk(next.records, await next.result);
  };
  const submit = async (chunk: SourceRecord[], last: boolean) => {
    ctx ??= o.context();
    if (!decided) {
      decided = true;
      const entry = threads > 1 && !last ? rowWorkerEntry() : null;
      if (entry) pool = new RowPool(entry, threads, ctx, await o.rules());
    }
    if (!pool) {
      await o.onChunk(chunk, stageChunk(chunk, ctx, o.classifier));
      return;
    }
    const result = pool.run(chunk);
    // Handled when its turn comes; a failure while an earlier chunk is awaited must not go unhandled meanwhile.
    result.catch(() => {});
    queue.push({ records: chunk, result });
    while (queue.length > 2 * threads) await drain();
  };
  try {
    let chunk: SourceRecord[] = [];
    for await (const rec of records) {
      chunk.push(rec);
      if (chunk.length >= chunkRows) {
        await submit(chunk, false);
        chunk = [];
      }
    }
    if (chunk.length) await submit(chunk, true);
    while (queue.length) await drain();
    return { threads: pool ? threads : 0 };
  } finally {
    await (pool as RowPool | null)?.close();
  }
}
