#!/usr/bin/env bash
# Installs what the build and the tests need, or stops with the exact command
# to run. Called by `make serve` and `make test`; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { # need COMMAND DEBIAN_PACKAGE
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing Debian's $2 ..."
    if [ ! -f /tmp/.roikit-apt-updated ]; then apt-get update -qq && touch /tmp/.roikit-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    command -v "$1" >/dev/null 2>&1 && return 0
  fi
  echo "deps: $1 is missing. Install it with:  sudo apt-get update && sudo apt-get install -y $2" >&2
  exit 1
}

command -v go >/dev/null || { echo "deps: Go 1.26 is missing: see https://go.dev/doc/install" >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || { echo "deps: Node.js 20+ and npm are missing: sudo apt-get install -y nodejs npm" >&2; exit 1; }

go mod download
(cd test/duckdb && go mod download)
if [ -f package-lock.json ]; then
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "deps: npm ci ..."
    npm ci --no-audit --no-fund --loglevel=error
  fi
fi
if [ ! -d cmd/worker/node_modules ] || [ cmd/worker/package-lock.json -nt cmd/worker/node_modules/.package-lock.json ]; then
  echo "deps: npm ci (wrangler, for the API Worker) ..."
  (cd cmd/worker && npm ci --no-audit --no-fund --loglevel=error)
fi
need chromium chromium
need brotli brotli
