import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Rules } from '../../enrich/classify/rules';
import type { SourceRecord } from '../readers';
import type { ToWorker } from './rowWorker';
import type { ChunkResult, RowContext } from './stageRows';

/*
 * A fixed set of row workers for one import (node:worker_threads, not piscina: the import sends each worker its
 * context once and then only chunks, needs nothing of a general task queue, and a route bundled by Next would
 * have to resolve piscina's own worker file from inside the bundle). Chunks go round-robin; each worker answers
 * its chunks in order, so awaiting the results in submission order keeps the file's order.
 */

const ENTRY = 'rowWorker.mjs';

/**
 * A worker's V8 heap: left to its defaults each of two workers grew to ~200 MB RSS on a 1 M-row import (the whole
 * process peaked at 664 MiB, 407 MiB without workers); with these the process stayed near 440 MB in the same test
 * and ran no slower (a small young generation is collected more often, but the chunks' garbage dies young).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 192 };

/** The worker's entry file: beside this module (tsx, vitest), else under the working directory (a Next bundle). */
export function rowWorkerEntry(): string | null {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(path.dirname(fileURLToPath(import.meta.url)), ENTRY));
  } catch {
    // Not a file URL (bundled): the working directory is the app's.
  }
  candidates.push(path.resolve(process.cwd(), 'lib/ingest/appeals', ENTRY));
  return candidates.find((f) => fs.existsSync(f)) ?? null;
}

interface Pending {
  resolve: (r: ChunkResult) => void;
  reject: (e: Error) => void;
}

type FromWorker = { seq: number; result: ChunkResult } | { seq: number; error: { message: string; stack?: string } };

export class RowPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  private failed: Error | null = null;

  constructor(entry: string, threads: number, ctx: RowContext, rules: Rules) {
    this.workers = Array.from({ length: threads }, () => {
      // No inherited execArgv: the entry registers tsx itself, once.
      const w = new Worker(entry, { execArgv: [], resourceLimits: WORKER_LIMITS });
      w.on('message', (m: FromWorker) => this.answer(m));
      w.on('error', (e) => this.fail(e));
      w.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`import row worker exited with code ${code}`));
      });
      w.postMessage({ type: 'init', ctx, rules } satisfies ToWorker);
      return w;
    });
  }

  /** Stages a chunk on the next worker. */
  run(records: SourceRecord[]): Promise<ChunkResult> {
    if (this.failed) return Promise.reject(this.failed);
    const seq = this.seq++;
    const w = this.workers[seq % this.workers.length]!;
    return new Promise<ChunkResult>((resolve, reject) => {
      this.pending.set(seq, { resolve, reject });
      w.postMessage({ type: 'chunk', seq, records } satisfies ToWorker);
    });
  }

  async close(): Promise<void> {
    this.failed ??= new Error('import row workers stopped');
    await Promise.all(this.workers.map((w) => w.terminate()));
    this.rejectAll(this.failed);
  }

  private answer(m: FromWorker): void {
    const p = this.pending.get(m.seq);
    if (!p) return;
    this.pending.delete(m.seq);
    if ('result' in m) p.resolve(m.result);
    else p.reject(Object.assign(new Error(m.error.message), { stack: m.error.stack }));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    this.rejectAll(e);
  }

  private rejectAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}
