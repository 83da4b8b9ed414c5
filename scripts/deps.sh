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
# want_file PATH DEBIAN_PACKAGE: the same for a package known by a file it installs.
want_file() {
  [ -e "$1" ] && return 0
  missing_cmds+=("$1")
  [[ " ${missing_pkgs[*]} " == *" $2 "* ]] || missing_pkgs+=("$2")
}
have() { if [[ "$1" == /* ]]; then [ -e "$1" ]; else command -v "$1" >/dev/null 2>&1; fi; }
install_wanted() {
  [ ${#missing_pkgs[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing Debian's ${missing_pkgs[*]} ..."
    if [ ! -f /tmp/.roikit-apt-updated ]; then apt-get update -qq && touch /tmp/.roikit-apt-updated; fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_pkgs[@]}" >/dev/null || true
  fi
  local still=()
  for c in "${missing_cmds[@]}"; do have "$c" || still+=("$c"); done
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
want zip zip
# The WordPress test (make wordpress-test) runs Debian's WordPress on Apache with
# mod_php and MariaDB, each started by the test on loopback with a temporary
# configuration; the packages' own services are not used.
want_file /usr/share/wordpress/wp-settings.php wordpress
want_file /usr/sbin/mariadbd mariadb-server
want_file /usr/sbin/apache2 apache2
want_file /usr/lib/apache2/modules/libphp8.2.so libapache2-mod-php
want php php-cli
install_wanted
