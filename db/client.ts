import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { env } from '../lib/config/env';
import { PmapError } from '../lib/errors';
import { lockDataDir } from './lock';
import type { DB } from './schema';

/*
 * Server-only: used by route handlers and the CLI, never by client components.
 * One Database per process, opened lazily on first use (never at import time: next build runs many workers).
 */

export interface Session {
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Bulk-load CSV (text or UTF-8 bytes, no header) into a table through COPY. */
  copyFrom(table: string, columns: readonly string[], csv: string | Buffer): Promise<void>;
}

export interface Database extends Session {
  readonly kind: 'embedded' | 'postgres';
  /** PostgreSQL: the connection URL (a job queue opens its own pool on it, lib/enrich/problems/jobs.ts). */
  readonly url?: string;
  readonly kysely: Kysely<DB>;
  /** Runs fn in one transaction on one connection; rolls back when fn throws. */
  transaction<T>(fn: (s: Session) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const copySql = (table: string, columns: readonly string[]) =>
  `COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`;

// pg returns int8/numeric as strings and PGlite as numbers: both become numbers here, in one place.
const toNumber = (v: string) => Number(v);

async function openPostgres(url: string): Promise<Database> {
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === 20 || oid === 1700 ? toNumber : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
  };
  // Sessions run in UTC so that day filters mean the same on every server.
  // JIT off: the map's queries are short, and PostgreSQL's row estimates for them (h3 ranges, rollup joins) often
  // cross the JIT threshold, which then costs 15–150 ms of compilation for a 20 ms query.
  const pool = new pg.Pool({ connectionString: url, types, max: 8, options: '-c timezone=UTC -c jit=off' });
  pool.on('error', () => undefined); // idle-client errors surface on the next query instead of crashing
  try {
    const c = await pool.connect();
    c.release();
  } catch (e) {
    await pool.end();
    throw new PmapError('db_unavailable', `cannot connect to DATABASE_URL: ${(e as Error).message}`);
  }
  const sessionOf = (c: pg.PoolClient | pg.Pool): Session => ({
    async query<T>(text: string, params: readonly unknown[] = []) {
      return (await c.query(text, params as unknown[])).rows as T[];
    },
    async copyFrom(table, columns, csv) {
      if (!('release' in c)) throw new Error('copyFrom needs a transaction session');
      await pipeline(Readable.from([csv]), c.query(copyFrom(copySql(table, columns))));
    },
  });
  return {
    kind: 'postgres',
    url,
    kysely: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }),
    query: (text, params) => sessionOf(pool).query(text, params),
    async copyFrom(table, columns, csv) {
      const c = await pool.connect();
      try {
        await sessionOf(c).copyFrom(table, columns, csv);
      } finally {
        c.release();
      }
    },
    async transaction(fn) {
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        const out = await fn(sessionOf(c));
        await c.query('COMMIT');
        return out;
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
    async close() {
      await pool.end();
    },
  };
}

async function openEmbedded(dataDir: string): Promise<Database> {
  if (env().NEXT_PHASE === 'phase-production-build') {
    throw new PmapError('db_unavailable', 'the database is not opened during next build');
  }
  const lock = lockDataDir(dataDir);
  try {
    const [{ PGlite }, { postgis }, { pg_trgm }, { PGliteDialect }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-postgis'),
      import('@electric-sql/pglite/contrib/pg_trgm'),
      import('kysely-pglite-dialect'),
    ]);
    fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
    const db = await PGlite.create(path.resolve(dataDir), {
      extensions: { postgis, pg_trgm },
      parsers: { 20: toNumber, 1700: toNumber },
    });
    type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];
    const sessionOf = (c: Tx | typeof db): Session => ({
      async query<T>(text: string, params: readonly unknown[] = []) {
        return (await c.query<T>(text, params as unknown[])).rows;
      },
      async copyFrom(table, columns, csv) {
        const sql = `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`;
        // Buffer.allocUnsafe's memory is a plain ArrayBuffer; the types allow a shared one.
        await c.query(sql, [], { blob: new Blob([csv as string | Uint8Array<ArrayBuffer>]) });
      },
    });
    const top = sessionOf(db);
    return {
      kind: 'embedded',
      kysely: new Kysely<DB>({ dialect: new PGliteDialect(db) }),
      query: top.query,
      copyFrom: top.copyFrom,
      transaction: (fn) => db.transaction((tx) => fn(sessionOf(tx))),
      async close() {
        await db.close();
        lock.release();
      },
    };
  } catch (e) {
    lock.release();
    throw e;
  }
}

/** Opens the database the environment names: DATABASE_URL, else the embedded one in PMAP_DATA_DIR. */
export function openDatabase(target: { url?: string; dataDir?: string } = {}): Promise<Database> {
  if (target.url) return openPostgres(target.url);
  if (target.dataDir) return openEmbedded(target.dataDir);
  const { DATABASE_URL, PMAP_DATA_DIR } = env();
  return DATABASE_URL ? openPostgres(DATABASE_URL) : openEmbedded(PMAP_DATA_DIR);
}
