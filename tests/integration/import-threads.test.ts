import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db';
import { resetEnvCache } from '../../lib/config/env';
import { importAppeals } from '../../lib/ingest/appeals/importAppeals';
import { parseMapping, appealMappingSchema } from '../../lib/ingest/mapping';
import { pmap } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

/*
 * An appeal import with its per-row work on worker threads (PMAP_IMPORT_THREADS) stores what one without them
 * stores: the same summary, rejects and appeals. The file has rejects of every stage (reader, mapping, the
 * constraints), swapped coordinates, ISO dates beside the mapping's format and several channels.
 */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pmap-threads-'));
const N = 5200;
const file = path.join(tmp, 'appeals.csv');
const mappingFile = path.join(tmp, 'mapping.json');
const MAPPING = {
  source: 'threads',
  region_bbox: [50, 50, 56, 54],
  date_format: 'dd.MM.yyyy HH:mm',
  swap: true,
  fields: {
    external_id: 'id',
    created_at: 'created',
    text: 'text',
    author: 'author',
    lat: 'lat',
    lon: 'lon',
    channel: 'ch',
  },
};
const CHANNELS = ['телефон', 'E-mail', 'vk', 'нечто', 'ПОС', ''];
const TEXTS = [
  'Яма на дороге у дома',
  'Не вывозят мусор третий день',
  'Спасибо за ремонт подъезда',
  'Нет отопления, "холодно"',
  '',
];

function writeFile(): void {
  const lines = ['id,created,text,author,lat,lon,ch'];
  for (let i = 0; i < N; i++) {
    const lat = (51 + (i % 97) / 100).toFixed(2);
    const lon = (55 + (i % 89) / 100).toFixed(2);
    const id = i % 331 === 7 ? 'x'.repeat(1200) : i % 500 === 9 ? `A-${i - 1}` : `A-${i}`; // too long; a duplicate
    const created =
      i % 211 === 3
        ? '31.02.2024 10:00'
        : i % 17 === 0
          ? `2024-03-0${1 + (i % 9)}T10:00:00Z`
          : `0${1 + (i % 9)}.03.2024 10:00`;
    const text = TEXTS[i % TEXTS.length]!;
    // Most rows swapped (lon in the lat column); every 13th has none; every 7th as written.
    const [a, b] = i % 13 === 0 ? ['', ''] : i % 7 === 0 ? [lat, lon] : [lon, lat];
    const row = [
      id,
      created,
      `"${text.replaceAll('"', '""')}"`,
      i % 3 ? `author${i % 50}@mail.ru` : '',
      a,
      b,
      CHANNELS[i % CHANNELS.length],
    ];
    lines.push(i % 1000 === 500 ? `${row.join(',')},extra` : row.join(','));
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  fs.writeFileSync(mappingFile, JSON.stringify(MAPPING));
}

const dbs: Database[] = [];
const urls: string[] = [];
beforeAll(async () => {
  writeFile();
  for (const name of ['threads_off', 'threads_on', 'threads_vitest']) {
    const f = await freshPostgres(name);
    dbs.push(f.db);
    urls.push(f.url);
  }
});
afterAll(async () => {
  for (const db of dbs) await db.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What an import stored: every appeal's columns but its ids, in external id order, hashed; and the rejects. */
async function stored(db: Database) {
  const rows = await db.query<{
    t: string;
  }>(`SELECT concat_ws('|', external_id, channel, created_at, updated_at, closed_at,
      status, topic, topic_confidence, is_gratitude, text, address, author_pseudonym, ST_AsText(geom), h3, raw, content_hash) t
    FROM appeals ORDER BY external_id`);
  const rejects = await db.query<{ row_number: number; reason: string; raw: unknown }>(
    `SELECT row_number, reason, raw FROM import_rejects ORDER BY row_number, reason`,
  );
  return {
    appeals: rows.length,
    hash: createHash('sha1')
      .update(rows.map((r) => r.t).join('\n'))
      .digest('hex'),
    rejects,
  };
}

/** The summary without what differs between any two runs. */
const VARYING = new Set(['rejects', 'job_id', 'seconds', 'grouping']);
function comparable(summary: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(summary).filter(([k]) => !VARYING.has(k)));
}

describe('PMAP_IMPORT_THREADS', () => {
  it('the CLI with threads stores what it stores without them', () => {
    const run = (url: string, threads: string) => {
      const r = pmap(['import', 'appeals', file, '--mapping', mappingFile, '--json'], {
        DATABASE_URL: url,
        PMAP_REJECTS_DIR: tmp,
        PMAP_IMPORT_THREADS: threads,
      });
      expect(r.code, r.stderr).toBe(0);
      return r.json!;
    };
    const off = run(urls[0]!, '0');
    const on = run(urls[1]!, '2');
    expect(off).toMatchObject({ read: N });
    expect(Number(off.rejected)).toBeGreaterThan(30);
    expect((off.coordinates as { swapped_rows: number }).swapped_rows).toBeGreaterThan(N / 2);
    expect(off.dates_via_iso).toBeGreaterThan(0);
    expect((off.channels as unknown[]).length).toBe(CHANNELS.length);
    expect(comparable(on)).toEqual(comparable(off));
  }, 240_000);

  it('an import in this process (vitest) on two worker threads stores the same', async () => {
    const mapping = parseMapping(appealMappingSchema, MAPPING, mappingFile);
    process.env.PMAP_IMPORT_THREADS = '2';
    resetEnvCache();
    const viaTest = await importAppeals(dbs[2]!, file, { mapping, rejectsPath: path.join(tmp, 'vitest.rej') }).finally(
      () => {
        delete process.env.PMAP_IMPORT_THREADS;
        resetEnvCache();
      },
    );
    expect(viaTest.read).toBe(N);
    const [off, on, inProcess] = [await stored(dbs[0]!), await stored(dbs[1]!), await stored(dbs[2]!)];
    expect(off.appeals).toBeGreaterThan(N / 2);
    expect(off.rejects.length).toBeGreaterThan(30);
    expect(on).toEqual(off);
    expect(inProcess).toEqual(off);
  }, 240_000);
});
