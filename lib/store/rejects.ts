import fs from 'node:fs';
import path from 'node:path';
import type { Session } from '../../db';
import { copyRejects, deleteEarlierDuplicates } from '../../db/queries/rejects';
import { safeCsv } from '../sheets/formula';

/**
 * JSON text for import_rejects.raw (jsonb): \u0000 and unpaired surrogate escapes, which jsonb refuses, become
 * U+FFFD. The readers' guard keeps them out of values already; a rejected row must never fail the import itself.
 */
const storableJson = (v: unknown): string =>
  JSON.stringify(v).replace(/(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/gi, '$1\\ufffd');

const storableText = (t: string): string =>
  t.replace(/\u0000/g, '').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** A raw value as a rejects CSV cell: numbers stay numbers (safeCsv escapes only text), the rest as text. */
const cellOf = (v: unknown) => (typeof v === 'number' ? v : String(v ?? ''));

export interface Reject {
  row: number;
  line?: number;
  reason: string;
  values: Record<string, unknown>;
}

/**
 * Collects an import's rejected rows: a CSV for the person who ran the import (row, line, reason, then the
 * raw values; text a spreadsheet would run is quoted by safeCsv) and import_rejects rows for the admin pages (as they
 * were). Flushes in batches so memory stays bounded.
 */
export class RejectSink {
  count = 0;
  private pending: Reject[] = [];
  private fd: number;
  private header: string[] | null = null;

  constructor(
    readonly file: string,
    private readonly jobId: number,
  ) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'w');
  }

  setColumns(columns: string[] | null): void {
    this.header = columns;
  }

  async add(s: Session, r: Reject): Promise<void> {
    this.count++;
    // A reason may quote what it refuses (a parser's message quoting a NUL byte): text PostgreSQL can store.
    this.pending.push({ ...r, reason: storableText(r.reason) });
    if (this.pending.length >= 2000) await this.flush(s);
  }

  async flush(s: Session): Promise<void> {
    if (!this.pending.length) return;
    const cols = this.header;
    if (fs.fstatSync(this.fd).size === 0) {
      fs.writeSync(this.fd, safeCsv([['row', 'line', 'reason', ...(cols ?? ['raw'])]]));
    }
    fs.writeSync(
      this.fd,
      safeCsv(
        this.pending.map((r) => [
          r.row,
          r.line ?? '',
          r.reason,
          ...(cols ? cols.map((c) => cellOf(r.values[c])) : [JSON.stringify(r.values)]),
        ]),
      ),
    );
    await copyRejects(
      s,
      this.jobId,
      this.pending.map((r) => ({ row: r.row, reason: r.reason, raw: storableJson(r.values) })),
    );
    this.pending = [];
  }

  close(): void {
    if (fs.fstatSync(this.fd).size === 0)
      fs.writeSync(this.fd, safeCsv([['row', 'line', 'reason', ...(this.header ?? ['raw'])]]));
    fs.closeSync(this.fd);
  }
}

/** A staging table's key, for rejectInFileDuplicates. */
export interface StageKey {
  /** The staging table (with row_number and raw columns). */
  stage: string;
  /** The column two rows of one file may not share. */
  key: string;
  /** The column the reason quotes (the key, or what the person sees of it). */
  shown: string;
  /** What the key is called in the reason: `duplicate ${label} "…" in the file: row N is kept`. */
  label: string;
}

/**
 * Rows whose key appears again later in the same file: the last one wins, and each earlier one leaves the stage as
 * a reject that names the kept row.
 */
export async function rejectInFileDuplicates(s: Session, sink: RejectSink, k: StageKey): Promise<void> {
  const rows = await deleteEarlierDuplicates(s, k);
  for (const r of rows) {
    await sink.add(s, {
      row: r.row_number,
      reason: `duplicate ${k.label} "${r.shown}" in the file: row ${r.kept} is kept`,
      values: r.raw,
    });
  }
}
