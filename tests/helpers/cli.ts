import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const SHARED_DATA = path.resolve(ROOT, '../shared/data');
export const FIXTURES = path.resolve(ROOT, 'tests/fixtures');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** The --json result: the last line of stdout. */
  json: Record<string, unknown> | null;
}

/** Runs `pmap ARGS` as a user would, in a child process with its own environment. */
export function pmap(args: string[], env: Record<string, string | undefined>): CliRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'cli/pmap.mjs'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(last);
  } catch {
    json = null;
  }
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, json };
}
