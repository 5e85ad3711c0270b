import { env } from './env';

/** PMAP_TIMING=1 makes an import print how long each of its steps took (stderr), for tuning big loads. */
export function stepTimer(prefix = ''): (step: string) => void {
  let at = Date.now();
  return (step) => {
    if (env().PMAP_TIMING) process.stderr.write(`timing ${prefix}${step}: ${Date.now() - at} ms\n`);
    at = Date.now();
  };
}
