#!/usr/bin/env bash
# Rewrites db/schema.ts, Kysely's row types, from a freshly migrated database with kysely-codegen (its settings:
# db/kysely-codegen.json). Run it after adding a migration; tests/integration/schema-types.test.ts fails until then.
# Needs DATABASE_URL, a PostgreSQL + PostGIS server (eval "$(bash scripts/pg-cluster.sh start)" starts one).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?db-types needs DATABASE_URL}"
url=$(bash scripts/fresh-db.sh pmap_types)
DATABASE_URL=$url node cli/pmap.mjs migrate
npx kysely-codegen --config-file db/kysely-codegen.json --url "$url"
psql "$DATABASE_URL" -qX -c "DROP DATABASE pmap_types" >/dev/null
