#!/usr/bin/env bash
# Quick start: install what is needed, build, and open the console against the switchboard lab.
# Electron where its binary can be had; otherwise the web host in Chromium (lab/console.ts says why).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-debian-packages.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # The Electron binary comes from outside the npm registry: skip it here, try it separately below.
  ELECTRON_SKIP_BINARY_DOWNLOAD=1 NPM_CONFIG_UPDATE_NOTIFIER=false npm ci --no-audit --no-fund
fi
if [ -z "${ELECTRON_OVERRIDE_DIST_PATH:-}" ] && [ ! -x node_modules/electron/dist/electron ]; then
  timeout 120 node node_modules/electron/install.js >/dev/null 2>&1 || echo "[console] Electron binary could not be downloaded here"
fi
node scripts/build.mjs
exec node --import tsx lab/console.ts "$@"
