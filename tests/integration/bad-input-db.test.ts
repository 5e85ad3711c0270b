import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badInputOfDbError } from '../../lib/domain/params';
import { serverUrl } from '../helpers/db';

/*
 * Security probe, finding 9, last line of defence: the errors PostgreSQL really raises for the probe's inputs (had
 * they slipped past the schemas) are recognised as bad input, so they become a 400 and not a 500 with a stack.
 */
let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: serverUrl() });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
});

const error = async (sql: string, params: unknown[]) =>
  client.query(sql, params).then(
    () => null,
    (e: unknown) => e,
  );

describe('PostgreSQL errors from bad input', () => {
  it.each([
    ['an impossible day', 'SELECT $1::date', ['2024-02-30']],
    ['year 0', 'SELECT $1::date', ['0000-01-01']],
    ['"-1" as a timestamp', 'SELECT $1::timestamptz', ['-1']],
    ['NUL in text', 'SELECT $1::text', ['a\u0000b']],
    ['a huge int id', 'SELECT $1::int', ['99999999999999999999']],
    ['a huge id as JavaScript prints it', 'SELECT $1::bigint', [String(Number('999999999999999999999'))]],
    ['a bigint array with a huge id', 'SELECT $1::bigint[]', [[1, Number('99999999999999999999')]]],
  ])('%s is a bad_argument', async (_what, sql, params) => {
    const e = await error(sql, params);
    expect(e, 'PostgreSQL refused it').not.toBeNull();
    expect(badInputOfDbError(e)?.code, String((e as { code?: string }).code)).toBe('bad_argument');
  });

  it('other database errors are not', async () => {
    expect(badInputOfDbError(await error('SELECT * FROM no_such_table_here', []))).toBeNull();
    expect(badInputOfDbError(await error('SELECT 1/0', []))).toBeNull();
  });
});
