#!/usr/bin/env bash
# README command 1: the app on the embedded database (PGlite + PostGIS) with demo data, at http://localhost:3000.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
# The app runs as production, which refuses the public development secrets: this data dir gets its own, made once
# and kept beside it (never in the repository; pseudonyms stay stable with the data). Variables already set win.
data_dir=${PMAP_DATA_DIR:-.data/pglite}
secrets="$(dirname "$data_dir")/secrets.env"
mkdir -p "$(dirname "$data_dir")"
if [ ! -f "$secrets" ]; then
  ( umask 077; node -e 'const r=()=>require("crypto").randomBytes(36).toString("base64");console.log(`PMAP_AUTH_SECRET=${r()}\nPMAP_PSEUDONYM_KEY=${r()}`)' > "$secrets" )
fi
while IFS='=' read -r k v; do [ -n "${!k:-}" ] || export "$k=$v"; done < "$secrets"
# Seeds the demo dataset on a fresh data dir (about a minute); later starts skip it.
node cli/pmap.mjs seed-demo --if-empty
# A production build: without the browser-test hooks (a test build left in .next is rebuilt; lib/config/testHooks.ts).
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app components lib db next.config.ts package.json -newer .next/BUILD_ID -print -quit 2>/dev/null)" ] \
  || ! bash scripts/check-no-test-hooks.sh .next 2>/dev/null; then
  env -u NEXT_PUBLIC_PMAP_TEST_HOOKS npx next build
fi
port=${PORT:-3000}
# Open the embedded database right away instead of on the first visitor's request.
( for _ in $(seq 1 60); do node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "http://127.0.0.1:$port/api/health" && break; sleep 1; done ) &
NODE_ENV=production exec npx tsx server.ts -p "$port"
