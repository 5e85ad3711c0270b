import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../../../db';
import { appealBySourceKey } from '../../../db/queries/ingest';
import { TOPICS } from '../../domain/vocab';
import { PmapError } from '../../errors';
import { parse } from 'csv-parse/sync';
import { appealMappingSchema, parseMapping, type AppealMapping } from '../mapping';
import { importAppeals } from './importAppeals';

export const submissionSchema = z
  .strictObject({
    text: z.string().trim().min(3).max(5000),
    channel: z.enum(['bot', 'hotline']).default('bot'),
    topic: z.enum(TOPICS).optional(),
    address: z.string().max(500).optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    author: z.string().max(200).optional(),
  })
  .refine((b) => (b.lat === undefined) === (b.lon === undefined), 'lat and lon go together');
export type Submission = z.infer<typeof submissionSchema>;

export const idempotencyKeySchema = z.string().regex(/^[\w.:-]{8,200}$/, '8–200 letters, digits, "_", "-", ".", ":"');

const SOURCE = 'bot_api';
const mapping = parseMapping(
  appealMappingSchema,
  {
    source: SOURCE,
    source_name: 'Чат-боты и операторы горячей линии (API)',
    fields: Object.fromEntries(
      ['external_id', 'created_at', 'channel', 'topic', 'text', 'address', 'author', 'lat', 'lon'].map((f) => [f, f]),
    ),
  },
  'bot API',
);

/**
 * Imports one record (our own field names) through the file importer, so a single appeal gets exactly the
 * validation and enrichment a file gets. A rejected record is a bad_argument error with the importer's reason.
 */
export async function importOne(db: Database, m: AppealMapping, record: Record<string, unknown>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-submit-'));
  try {
    const file = path.join(dir, 'appeal.ndjson');
    fs.writeFileSync(file, `${JSON.stringify(record)}\n`);
    const r = await importAppeals(db, file, {
      mapping: m,
      format: 'ndjson',
      rejectsPath: path.join(dir, 'rejects.csv'),
    });
    if (r.rejected) {
      const [rej] = parse(fs.readFileSync(path.join(dir, 'rejects.csv')), { from_line: 2 }) as string[][];
      throw new PmapError('bad_argument', `the appeal was rejected: ${rej?.[2] ?? 'invalid'}`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export type SubmitResult = { id: number; status: 'created' | 'duplicate' };

/**
 * One appeal from a chat bot or an operator, through the same importer as files (validation, enrichment,
 * pseudonyms). The client's idempotency key is the external id, so a retry returns the first appeal instead of
 * making a second; the same key with a different body is refused.
 */
export async function submitAppeal(db: Database, client: string, key: string, body: Submission): Promise<SubmitResult> {
  const externalId = `${client}:${key}`;
  const bodyHash = createHash('sha256').update(JSON.stringify(body)).digest('hex');
  const existing = await appealBySourceKey(db, SOURCE, externalId);
  if (existing) {
    if (existing.hash !== bodyHash)
      throw new PmapError('conflict', 'this Idempotency-Key was already used with a different body');
    return { id: Number(existing.id), status: 'duplicate' };
  }
  await importOne(db, mapping, {
    ...body,
    external_id: externalId,
    created_at: new Date().toISOString(),
    request_hash: bodyHash,
  });
  const row = await appealBySourceKey(db, SOURCE, externalId);
  return { id: Number(row!.id), status: 'created' };
}
