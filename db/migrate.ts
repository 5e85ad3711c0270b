import { Migrator, type MigrationProvider } from 'kysely';
import { PmapError } from '../lib/errors';
import type { Database } from './client';
import { migrations } from './migrations';

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * Applies every pending migration; safe to call on every start. Migrations written in parallel branches may land
 * out of name order, hence allowUnorderedMigrations.
 */
export async function migrateToLatest(db: Database): Promise<string[]> {
  const { error, results } = await new Migrator({
    db: db.kysely,
    provider,
    allowUnorderedMigrations: true,
  }).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new PmapError('internal', `migration ${failed} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
