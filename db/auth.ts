import type { Kysely } from 'kysely';
import { getDb } from './index';
import type { DB } from './schema';

/*
 * Server-only. better-auth keeps its users, sessions and accounts through a Kysely instance of its own: this is the
 * one place that hands it the process-wide database's (lib/auth/server.ts), so lib/ never touches the handle.
 */
export type AuthDatabase = Kysely<DB>;

/** The Kysely instance better-auth runs on, over the process-wide database (opened and migrated on first use). */
export async function authDatabase(): Promise<AuthDatabase> {
  return (await getDb()).kysely;
}
