#!/usr/bin/env node
// MapLibre 6 starts its worker from a URL next to its own module; bundlers (Turbopack) do not emit that file,
// so the app serves a copy from public/ and points setWorkerUrl() at it.
import { copyFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

let source;
try {
  source = require.resolve('maplibre-gl/dist/maplibre-gl-worker.mjs');
} catch {
  console.error('copy-maplibre-worker: maplibre-gl is not installed; run `npm install` first.');
  process.exit(1);
}
const target = join(root, 'public', 'maplibre-gl-worker.mjs');

if (existsSync(target) && readFileSync(target).equals(readFileSync(source))) {
  process.exit(0);
}
mkdirSync(dirname(target), { recursive: true });
copyFileSync(source, target);
console.error(`copy-maplibre-worker: ${relative(root, source)} → ${relative(root, target)}`);
