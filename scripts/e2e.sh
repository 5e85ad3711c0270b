#!/usr/bin/env bash
# Browser tests: seeds the demo data into a database of its own on the test server, starts the built app on it,
# and runs tests/e2e with E2E_BASE_URL pointing at it. Arguments go to vitest (e.g. one test file).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?e2e needs DATABASE_URL}"
# The tests read the maps' window.__pmap* hooks, which only a build made with NEXT_PUBLIC_PMAP_TEST_HOOKS=1 has
# (scripts/test.sh builds so; lib/config/testHooks.ts): refuse a production build at once rather than time out.
export NEXT_PUBLIC_PMAP_TEST_HOOKS=1
if ! grep -rqs '__pmapMap' "${PMAP_NEXT_DIST:-.next}/static"; then
  echo "the build in ${PMAP_NEXT_DIST:-.next} has no test hooks: build it with NEXT_PUBLIC_PMAP_TEST_HOOKS=1 npx next build" >&2
  exit 1
fi
# E2E_DB_NAME: the database (default pmap_e2e), so parallel runs on one server keep apart; E2E_KEEP_DB=1 reuses it
# when it is already seeded (a developer's re-run), instead of dropping and seeding it again.
db_name=${E2E_DB_NAME:-pmap_e2e}
base=${DATABASE_URL%%\?*}
e2e_url="${base%/*}/$db_name"
keep=""
if [ "${E2E_KEEP_DB:-}" = 1 ] && psql "$e2e_url" -qtAX -c "SELECT 1 FROM appeals LIMIT 1" 2>/dev/null | grep -q 1; then keep=1; fi
[ -n "$keep" ] || e2e_url=$(bash scripts/fresh-db.sh "$db_name")
# Production refuses development secrets (lib/config/env.ts): the test server gets fresh ones; the tests get the auth
# secret to prove a cookie they forge with it would work, so the one forged with the public default is refused for
# the right reason. The tests' requests come from loopback, which plays the trusted proxy that sets X-Forwarded-For.
export PMAP_AUTH_SECRET=$(node -e 'console.log(require("crypto").randomBytes(36).toString("base64"))')
export PMAP_PSEUDONYM_KEY=$(node -e 'console.log(require("crypto").randomBytes(36).toString("base64"))')
# A kept database needs the secrets it was seeded with (pseudonyms): each run writes them to
# .data/e2e-secrets-<name>.env, and a kept run reads them back.
if [ -n "$keep" ] && [ -f ".data/e2e-secrets-$db_name.env" ]; then . ".data/e2e-secrets-$db_name.env"; fi
mkdir -p .data; printf 'export PMAP_AUTH_SECRET=%s\nexport PMAP_PSEUDONYM_KEY=%s\n' "$PMAP_AUTH_SECRET" "$PMAP_PSEUDONYM_KEY" > ".data/e2e-secrets-$db_name.env"
[ -n "$keep" ] || DATABASE_URL=$e2e_url node cli/pmap.mjs seed-demo --json >&2
port=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
bot_key="e2e-bot-key-$(date +%s)-0123456789abcdef"
# Idle connections stay open longer than the tests' pauses: with Node's 5 s default, Playwright's request client
# reused a socket the server was closing and got ECONNRESET (seen once in CI, drill.test's export step).
PMAP_TRUSTED_PROXIES=127.0.0.1 PMAP_BOT_API_KEYS="e2e-bot:$bot_key" DATABASE_URL=$e2e_url NODE_ENV=production \
  npx tsx server.ts -H 127.0.0.1 -p "$port" --keepAliveTimeout 65000 >"/tmp/pmap-e2e-app-$port.log" 2>&1 &
app=$!
# npx → tsx → node: stop the whole tree, not only npx, or the server outlives the tests.
killtree() { local c; for c in $(pgrep -P "$1"); do killtree "$c"; done; kill "$1" 2>/dev/null || true; }
trap 'killtree $app' EXIT
for _ in $(seq 1 120); do
  node -e "fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" "http://127.0.0.1:$port/api/health" && break
  sleep 1
done
E2E_BASE_URL="http://127.0.0.1:$port" E2E_DATABASE_URL=$e2e_url E2E_BOT_KEY=$bot_key E2E_AUTH_SECRET=$PMAP_AUTH_SECRET npx vitest run --project e2e "$@"
