#!/usr/bin/env bash
# Makes an empty database NAME on DATABASE_URL's server (dropped first if it exists) and prints its URL.
# Used by scripts/e2e.sh and scripts/db-types.sh.
set -euo pipefail
name=${1:?usage: fresh-db.sh NAME}
: "${DATABASE_URL:?fresh-db needs DATABASE_URL}"
base=${DATABASE_URL%%\?*}
psql "$DATABASE_URL" -qX -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
echo "${base%/*}/$name"
