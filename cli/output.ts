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
  // One line, whatever the message holds (a quoted value with a line break, a database error's detail).
  const line = (s: string) => s.replace(/\s*[\r\n]+\s*/g, ' ');
  if (isPmapError(e)) {
    process.stderr.write(`pmap: ${line(e.oneLine())}\n`);
    const cause = (e as { cause?: { stack?: string } }).cause;
    if (process.env.PMAP_DEBUG && cause?.stack) process.stderr.write(`${cause.stack}\n`);
    process.exit(e.code === 'internal' || e.code === 'db_unavailable' ? 2 : 1);
  }
  const err = e as Error;
  process.stderr.write(`pmap: unexpected error: ${line(err?.message ?? String(e))}\n`);
  if (process.env.PMAP_DEBUG) process.stderr.write(`${err?.stack ?? ''}\n`);
  process.exit(2);
}

/**
 * Progress of a long import: on a terminal a bar rewritten in place (rows, rows/s, ETA from the share of the file
 * read); otherwise, e.g. in CI logs, a plain line every call.
 */
export function progress(label: string, t0: number): (n: number, fraction?: number) => void {
  return (n, fraction) => {
    const s = Math.max((Date.now() - t0) / 1000, 0.001);
    const rate = `${Math.round(n / s).toLocaleString('en')} rows/s`;
    const f = fraction !== undefined && fraction > 0 ? Math.min(fraction, 1) : undefined;
    const eta = f !== undefined ? `, ETA ${Math.round((s * (1 - f)) / f)} s` : '';
    const pct = f !== undefined ? ` ${String(Math.floor(f * 100)).padStart(3)}%` : '';
    if (process.stderr.isTTY) {
      const width = 24;
      const bar = f !== undefined ? `[${'#'.repeat(Math.round(f * width)).padEnd(width, '.')}]` : '';
      process.stderr.write(`\r${label} ${bar}${pct} ${n.toLocaleString('en')} rows, ${rate}${eta}   `);
      if (f === 1) process.stderr.write('\n');
    } else {
      log(`${label}:${pct} ${n.toLocaleString('en')} rows, ${rate}${eta}`);
    }
  };
}
