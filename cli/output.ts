import { isPmapError } from '../lib/errors';

/** Logs and progress go to stderr; with --json the last stdout line is the one result object. */
export function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

export function result(json: boolean, obj: Record<string, unknown>, human: string): void {
  if (json) process.stdout.write(`${JSON.stringify(obj)}\n`);
  else process.stdout.write(`${human}\n`);
}

/** The one place a CLI failure becomes a message and an exit code: 1 for the user's mistakes, 2 for ours. */
export function exitWithError(e: unknown): never {
  if (isPmapError(e)) {
    process.stderr.write(`pmap: ${e.oneLine()}\n`);
    process.exit(e.code === 'internal' || e.code === 'db_unavailable' ? 2 : 1);
  }
  const err = e as Error;
  process.stderr.write(`pmap: unexpected error: ${err?.message ?? String(e)}\n`);
  if (process.env.PMAP_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  process.exit(2);
}

/** A progress line on a terminal (rewritten in place), plain lines otherwise. */
export function progress(label: string, t0: number): (n: number) => void {
  return (n) => {
    const s = (Date.now() - t0) / 1000;
    const line = `${label}: ${n.toLocaleString('en')} rows, ${Math.round(n / Math.max(s, 0.001)).toLocaleString('en')} rows/s`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else log(line);
  };
}
