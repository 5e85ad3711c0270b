import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli';
import { freshPostgres } from '../helpers/db';

describe('db/schema.ts, the Kysely row types', () => {
  it('is what kysely-codegen makes of the migrated schema (`bash scripts/db-types.sh` rewrites it)', async () => {
    const { db, url } = await freshPostgres('schema_types');
    await db.close();
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/kysely-codegen/dist/cli/bin.js'),
        '--config-file',
        'db/kysely-codegen.json',
        '--url',
        url,
        '--verify',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    // On a difference it prints the diff and exits 1.
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toContain('up-to-date');
  }, 60_000);
});
