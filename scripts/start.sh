#!/usr/bin/env bash
# README command 1: the app on the embedded database (PGlite + PostGIS) with demo data, at http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# Seeds the demo dataset on a fresh data dir (about a minute); later starts skip it.
node cli/pmap.mjs seed-demo --if-empty
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib db next.config.ts package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ]; then
  npx next build
fi
port=${PORT:-3000}
# Open the embedded database right away instead of on the first visitor's request.
( for _ in $(seq 1 60); do node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "http://127.0.0.1:$port/api/health" && break; sleep 1; done ) &
exec npx next start -p "$port"
