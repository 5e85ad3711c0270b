#!/usr/bin/env node
// Load test: 32 connections for 60 s against the map aggregates and boundaries of a running app.
// Usage: node scripts/load.mjs [BASE_URL] [--duration 60] [--connections 32] [--uncached]
// Signs in as the demo analyst (seed-demo) and prints errors, non-2xx responses and latency percentiles.
import autocannon from 'autocannon';

const args = process.argv.slice(2);
const base = args.find((a) => a.startsWith('http')) ?? 'http://127.0.0.1:3000';
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};

const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', origin: base },
  body: JSON.stringify({ email: 'analyst@demo.pmap', password: 'demo-analyst-2026' }),
});
if (!signIn.ok) throw new Error(`sign-in failed: ${signIn.status} (is the demo seeded?)`);
const cookie = signIn.headers
  .getSetCookie()
  .map((c) => c.split(';')[0])
  .join('; ');

// What a map session asks for: hexagons at every zoom band, filtered and not, plus boundaries.
const paths = [];
const views = [
  [4, '50.5,50.4,61.8,54.5'],
  [5, '50.5,50.4,61.8,54.5'],
  [6, '53.5,51.2,56.5,52.5'],
  [7, '54.8,51.6,55.4,51.9'],
  [8, '55.0,51.72,55.25,51.85'],
  [9, '55.08,51.75,55.14,51.79'],
];
for (const [res, bbox] of views) {
  paths.push(`/api/appeals/hexagons?res=${res}&bbox=${bbox}&gratitude=exclude`);
  paths.push(
    `/api/appeals/hexagons?res=${res}&bbox=${bbox}&topic=roads&from=2026-03-01&to=2026-05-31&gratitude=exclude`,
  );
  paths.push(`/api/appeals/hexagons?res=${res}&bbox=${bbox}&topic=housing,improvement&gratitude=include`);
}
paths.push('/api/boundaries?level=municipality', '/api/public/hexagons?res=6&topic=roads');

const result = await autocannon({
  url: base,
  connections: opt('connections', 32),
  duration: opt('duration', 60),
  headers: { cookie },
  requests: paths.map((path) => ({
    method: 'GET',
    path,
    // --uncached jitters each bbox so no two requests share a cache entry: the database answers every one.
    // Only when asked: `setupRequest: undefined` would replace autocannon's default and crash every request.
    ...(args.includes('--uncached')
      ? {
          setupRequest: (req) => ({
            ...req,
            path: req.path.replace(/bbox=([\d.]+)/, (_, w) => `bbox=${(Number(w) - Math.random() * 0.01).toFixed(6)}`),
          }),
        }
      : {}),
  })),
});
const out = {
  requests: result.requests.total,
  rps: Math.round(result.requests.average),
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx: result.non2xx,
  latency_ms: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
};
console.log(JSON.stringify(out));
process.exit(out.errors || out.non2xx || out.timeouts ? 1 : 0);
