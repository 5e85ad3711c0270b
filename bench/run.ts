/*
 * npm run bench -- <name> [options]: runs bench/<name>.ts, whose exported run() prints its figures.
 * Benchmarks print ratios against a reference measured in the same run, because this machine is shared and noisy.
 */
const name = process.argv[2];
const BENCHES = ['ingest', 'geocode', 'map', 'classify', 'snap'];
if (!name || !BENCHES.includes(name)) {
  console.error(`usage: npm run bench -- <${BENCHES.join('|')}> [options]`);
  process.exit(1);
}
const mod = (await import(`./${name}.ts`)) as { run: () => Promise<void> };
await mod.run();
process.exit(0);
export {};
