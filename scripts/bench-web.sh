#!/usr/bin/env bash
# make bench-web: serves the built site with `roikit serve` on a free loopback
# port, measures every calculator page in headless Chromium
# (scripts/benchweb) and stops the server. Prints figures; asserts nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x bin/roikit ] && [ -d public ] || { echo "bench-web: build first: make build" >&2; exit 1; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
bin/roikit serve --addr "127.0.0.1:$port" >/tmp/roikit-bench-web-serve.log 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break
  sleep 0.1
done
ROIKIT_URL="http://127.0.0.1:$port" go run ./scripts/benchweb -runs "${RUNS:-15}"
