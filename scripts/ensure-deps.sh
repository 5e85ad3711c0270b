#!/usr/bin/env bash
# Installs what the app and its tests need on a fresh Debian machine: npm packages always,
# and with --system also PostgreSQL 15 + PostGIS 3 and Chromium from Debian's packages.
# With --gdal only GDAL's command-line tools (gdal-bin: ogr2ogr, the ingest benchmark's reference), then exits.
set -euo pipefail
cd "$(dirname "$0")/.."
apt_install() {
  echo "installing Debian packages: $*" >&2
  sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >&2
}
if [ "${1:-}" = "--gdal" ]; then
  command -v ogr2ogr >/dev/null || apt_install gdal-bin
  exit 0
fi
if [ "${1:-}" = "--system" ]; then
  need=()
  [ -x /usr/bin/chromium ] || need+=(chromium)
  [ -x /usr/lib/postgresql/15/bin/initdb ] || need+=(postgresql-15)
  [ -f /usr/share/postgresql/15/extension/postgis.control ] || need+=(postgresql-15-postgis-3)
  if [ ${#need[@]} -gt 0 ]; then
    apt_install "${need[@]}"
  fi
fi
# npm ci when node_modules is missing or older than the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "installing npm packages (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
node scripts/copy-maplibre-worker.mjs
