import { execFileSync } from 'node:child_process';
import pg from 'pg';

/** A numeric command-line option: `--rows 200000`. */
export const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};

/** DATABASE_URL's server, or a throwaway cluster of our own (scripts/pg-cluster.sh) for the length of fn. */
export async function withServer<T>(fn: (url: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_URL);
  const out = execFileSync('bash', ['scripts/pg-cluster.sh', 'start'], { encoding: 'utf8' });
  const dir = /PMAP_PG_DIR=(\S+)/.exec(out)![1]!;
  const url = /DATABASE_URL=(\S+)/.exec(out)![1]!;
  try {
    return await fn(url);
  } finally {
    execFileSync('bash', ['scripts/pg-cluster.sh', 'stop', dir]);
  }
}

/** An empty database `name` on the server at `base` (dropped first if it exists); returns its URL. */
export async function freshDb(base: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return withDbName(base, name);
}

/** The URL of database `name` on the server at `base`. */
export function withDbName(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}
