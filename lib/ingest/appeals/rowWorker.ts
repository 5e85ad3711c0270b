import { parentPort } from 'node:worker_threads';
import type { TopicClassifier } from '../../enrich/classify';
import type { Rules } from '../../enrich/classify/rules';
import { shippedClassifier } from '../../enrich/classify/shipped';
import type { SourceRecord } from '../readers';
import { stageChunk, type RowContext } from './stageRows';

/*
 * An import's row worker (started by rowPool.ts through rowWorker.mjs): `init` once with the import's context and
 * the classifier's rules, then `chunk` messages answered in the order they came, each with its seq.
 */

export type ToWorker =
  { type: 'init'; ctx: RowContext; rules: Rules } | { type: 'chunk'; seq: number; records: SourceRecord[] };

let ctx: RowContext | null = null;
let classifier: TopicClassifier | null = null;

const port = parentPort;
if (port) {
  port.on('message', (m: ToWorker) => {
    if (m.type === 'init') {
      ctx = m.ctx;
      classifier = shippedClassifier(m.rules);
      return;
    }
    try {
      if (!ctx || !classifier) throw new Error('row worker: a chunk before init');
      const result = stageChunk(m.records, ctx, classifier);
      const csv = result.csv;
      // The CSV moves to the main thread without a copy when it owns its whole buffer.
      const transfer =
        csv.byteOffset === 0 && csv.byteLength === csv.buffer.byteLength ? [csv.buffer as ArrayBuffer] : [];
      port.postMessage({ seq: m.seq, result }, [...transfer, result.located.buffer as ArrayBuffer]);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      port.postMessage({ seq: m.seq, error: { message: err.message, stack: err.stack } });
    }
  });
}
