#!/usr/bin/env bash
# Bundles the page scripts into build/assets/ with esbuild (site/FRONTEND.md
# "Build pipeline"): app.js (ES module with site/js/*.js), charts.js (ES
# module: tree-shaken Apache ECharts), worker.js, embed.js, sw.js and
# sw-register.js (classic scripts). All minified. Prints each asset's size, raw and brotli.
set -euo pipefail
cd "$(dirname "$0")/.."

esbuild=node_modules/.bin/esbuild
if [ ! -x "$esbuild" ] || [ ! -d node_modules/echarts ]; then
  echo "assets: node_modules is missing or incomplete. Run:  npm ci" >&2
  exit 1
fi

out=build/assets
mkdir -p "$out"
common=(--bundle --minify --target=es2020 --legal-comments=none --log-level=warning --charset=utf8)
"$esbuild" site/js/app.js "${common[@]}" --format=esm --outfile="$out/app.js"
echarts_version=$(node -p "require('./node_modules/echarts/package.json').version")
"$esbuild" site/js/charts.js "${common[@]}" --format=esm --tree-shaking=true \
  --banner:js="/*! Apache ECharts $echarts_version (tree-shaken) | Apache License 2.0 | https://echarts.apache.org */" \
  --outfile="$out/charts.js"
"$esbuild" site/js/worker.js "${common[@]}" --format=iife --outfile="$out/worker.js"
# The service worker (written to /sw.js with its precache list by
# `roikit build`) and the classic script that registers it.
"$esbuild" site/js/sw.js "${common[@]}" --format=iife --outfile="$out/sw.js"
"$esbuild" site/js/sw-register.js "${common[@]}" --format=iife --outfile="$out/sw-register.js"
"$esbuild" site/js/embed.js --minify --target=es2015 --legal-comments=inline --log-level=warning --outfile="$out/embed.js"

size() { wc -c <"$1" | tr -d ' '; }
printf '%-22s %10s %10s\n' asset raw brotli
for f in app.js charts.js worker.js embed.js sw.js sw-register.js roikit.wasm wasm_exec.js; do
  [ -f "$out/$f" ] || continue
  if command -v brotli >/dev/null; then
    br=$(brotli -q 11 -c "$out/$f" | wc -c | tr -d ' ')
  else
    br="(no brotli)"
  fi
  printf '%-22s %10s %10s\n' "$f" "$(size "$out/$f")" "$br"
done
