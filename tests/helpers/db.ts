import pg from 'pg';
import { openDatabase, type Database } from '../../db/client';
import { migrateToLatest } from '../../db/migrate';

/** The server the test script started (or the one DATABASE_URL names). Integration tests need it. */
export function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('integration tests need DATABASE_URL (npm test starts a throwaway PostgreSQL + PostGIS)');
  return url;
}

/** A fresh, migrated database of its own for one test file, so files run in parallel without interfering. */
export async function freshPostgres(name: string): Promise<{ db: Database; url: string }> {
  const dbName = `pmap_t_${name.replace(/\W+/g, '_')}_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${dbName}`);
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(serverUrl());
  u.pathname = `/${dbName}`;
  const db = await openDatabase({ url: u.toString() });
  await migrateToLatest(db);
  return { db, url: u.toString() };
}
