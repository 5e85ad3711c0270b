#!/usr/bin/env bash
# README command 2: every test on a fresh machine. Installs PostgreSQL 15 + PostGIS 3 and Chromium from Debian
# packages when missing, npm packages, starts a throwaway PostgreSQL cluster when DATABASE_URL is unset.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh --system

if [ -z "${DATABASE_URL:-}" ]; then
  eval "$(bash scripts/pg-cluster.sh start)"
  trap 'bash scripts/pg-cluster.sh stop "$PMAP_PG_DIR"' EXIT
  echo "throwaway PostgreSQL + PostGIS at $DATABASE_URL" >&2
fi
export DATABASE_URL

step() { echo; echo "=== $*" >&2; }
step lint;            npm run -s lint
step format;          npm run -s format:check
step "import rules";  npm run -s check:imports
step typecheck;       npm run -s typecheck
step "unit tests";    npx vitest run --project unit
step "integration tests (PostgreSQL + PostGIS)"; npx vitest run --project integration
# The build the e2e tests run against carries the browser-test hooks (lib/config/testHooks.ts).
step "next build (with test hooks)"; NEXT_PUBLIC_PMAP_TEST_HOOKS=1 npx next build >/tmp/pmap-next-build.log 2>&1 || { tail -50 /tmp/pmap-next-build.log; exit 1; }
step "e2e tests (Chromium)"; bash scripts/e2e.sh
# The smoke tests run README command 1 (scripts/start.sh), which replaces the test build by a production build:
# so they come after the e2e tests, and then that production build is checked for test hooks.
step "smoke tests (embedded PGlite)"; npx vitest run --project smoke
step "the production build has no test hooks"; bash scripts/check-no-test-hooks.sh .next
step "contract smoke (../shared/tools/contract-smoke.sh, embedded)"
if [ -f ../shared/tools/contract-smoke.sh ]; then
  env -u DATABASE_URL bash ../shared/tools/contract-smoke.sh
else
  echo "../shared/tools/contract-smoke.sh not present: skipped" >&2
fi
echo; echo "all tests passed" >&2
