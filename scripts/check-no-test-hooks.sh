#!/usr/bin/env bash
# A production build carries no browser-test hooks: `bash scripts/check-no-test-hooks.sh [distDir]` fails when the
# build's browser files (distDir/static, default .next) name any window.__pmap* hook (lib/config/testHooks.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
dist=${1:-${PMAP_NEXT_DIST:-.next}}
[ -d "$dist/static" ] || { echo "no build at $dist (run npx next build first)" >&2; exit 2; }
if found=$(grep -rlo '__pmap' "$dist/static"); then
  echo "test hooks in a production build ($dist/static): built with NEXT_PUBLIC_PMAP_TEST_HOOKS=1?" >&2
  echo "$found" >&2
  exit 1
fi
echo "no test hooks in $dist/static" >&2
