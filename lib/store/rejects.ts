import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { Session } from '../../db';

export interface Reject {
  row: number;
  line?: number;
  reason: string;
  values: Record<string, unknown>;
}

/**
 * Collects an import's rejected rows: a CSV for the person who ran the import (row, line, reason, then the
 * raw values) and import_rejects rows for the admin pages. Flushes in batches so memory stays bounded.
 */
export class RejectSink {
  count = 0;
  private pending: Reject[] = [];
  private fd: number;
  private header: string[] | null = null;

  constructor(readonly file: string, private readonly jobId: number) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, 'w');
  }

  setColumns(columns: string[] | null): void {
    this.header = columns;
  }

  async add(s: Session, r: Reject): Promise<void> {
    this.count++;
    this.pending.push(r);
    if (this.pending.length >= 2000) await this.flush(s);
  }

  async flush(s: Session): Promise<void> {
    if (!this.pending.length) return;
    const cols = this.header;
    if (fs.fstatSync(this.fd).size === 0) {
      fs.writeSync(this.fd, stringify([['row', 'line', 'reason', ...(cols ?? ['raw'])]]));
    }
    fs.writeSync(this.fd, stringify(this.pending.map((r) => [r.row, r.line ?? '', r.reason,
      ...(cols ? cols.map((c) => String(r.values[c] ?? '')) : [JSON.stringify(r.values)])])));
    await s.copyFrom('import_rejects', ['job_id', 'row_number', 'reason', 'raw'],
      stringify(this.pending.map((r) => [this.jobId, r.row, r.reason, JSON.stringify(r.values)])));
    this.pending = [];
  }

  close(): void {
    if (fs.fstatSync(this.fd).size === 0) fs.writeSync(this.fd, stringify([['row', 'line', 'reason', ...(this.header ?? ['raw'])]]));
    fs.closeSync(this.fd);
  }
}
