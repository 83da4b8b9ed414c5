#!/usr/bin/env bash
# Serves public/ on a free loopback port with `roikit serve` (the production
# headers, and whatever encodings it sends) and prints the page weight and the
# live-calculator timings measured in headless Chromium (scripts/benchweb),
# each beside its target from issue 9. Figures are printed, not asserted.
# RUNS sets the navigations per page (default 15).
set -euo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
bin/roikit serve --addr 127.0.0.1:0 >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 100); do
  url=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" || true)
  [ -n "$url" ] && break
  sleep 0.1
done
[ -n "$url" ] || { echo "bench-web: roikit serve did not start:"; cat "$log"; exit 1; }
echo "site build: $(bin/roikit build --out "$(mktemp -d)" | sed 's/^Built //')"
ROIKIT_URL="$url" go run ./scripts/benchweb -runs "${RUNS:-15}"
