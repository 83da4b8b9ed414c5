#!/usr/bin/env bash
# Installs what the build and the tests need, or stops with the exact command
# to run. Called by `make serve` and `make test`; safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

# want COMMAND DEBIAN_PACKAGE notes a command to have; install_wanted then
# installs every missing one with one apt-get (as root), or stops with the
# exact command to run.
missing_cmds=()
missing_pkgs=()
want() {
  command -v "$1" >/dev/null 2>&1 && return 0
  missing_cmds+=("$1")
  [[ " ${missing_pkgs[*]} " == *" $2 "* ]] || missing_pkgs+=("$2")
}
install_wanted() {
  [ ${#missing_pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing Debian's ${missing_pkgs[*]} ..."
    if [ ! -f /tmp/.roikit-apt-updated ]; then apt-get update -qq && touch /tmp/.roikit-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null || true
  fi
  local still=()
  for c in "${missing_cmds[@]}"; do command -v "$c" >/dev/null 2>&1 || still+=("$c"); done
  if [ ${#still[@]} -gt 0 ]; then
    echo "deps: missing ${still[*]}. Install with:  sudo apt-get update && sudo apt-get install -y ${missing_pkgs[*]}" >&2
    exit 1
  fi
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
# chromium runs the browser tests; pdftotext (poppler-utils) reads the PDFs
# they print; brotli measures the assets.
want chromium chromium
want pdftotext poppler-utils
want brotli brotli
install_wanted
