import type { Session } from './client';

/**
 * COPY CSV already encoded in chunks (lib/ingest/appeals/stageRows.ts, possibly in a worker thread) into `table`,
 * in batches of at least `batchSize` rows, one batch in flight while the caller prepares the next. A COPY error
 * gets `sourceRow` as db/copyCsv.ts's copyBatches gives it: the batch's line it names, as a source row number.
 */
export function copyChunks(s: Session, table: string, columns: readonly string[], batchSize: number) {
  let parts: Uint8Array[] = [];
  let rows: number[] = [];
  let inflight: Promise<void> = Promise.resolve();
  const flush = async () => {
    if (!rows.length) return;
    const csv = Buffer.concat(parts);
    const batchRows = rows;
    parts = [];
    rows = [];
    await inflight;
    inflight = s.copyFrom(table, columns, csv).catch((e: unknown) => {
      const where = (e as { where?: unknown })?.where;
      const line = typeof where === 'string' ? /\bline (\d+)/.exec(where)?.[1] : undefined;
      const first = line !== undefined ? batchRows[Number(line) - 1] : undefined;
      if (e && typeof e === 'object' && first !== undefined) Object.assign(e, { sourceRow: first });
      throw e;
    });
  };
  return {
    /** One chunk's CSV lines and the source row number of each. */
    async push(csv: Uint8Array, sourceRows: readonly number[]): Promise<void> {
      if (!sourceRows.length) return;
      parts.push(csv);
      for (const r of sourceRows) rows.push(r);
      if (rows.length >= batchSize) await flush();
    },
    async finish(): Promise<void> {
      await flush();
      await inflight;
    },
  };
}
