# roikit: `make serve` builds everything and serves the site at
# http://127.0.0.1:8080; `make test` runs every test, browser tests included.
# Both install what they need first (scripts/deps.sh).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
GO ?= go
GOROOT := $(shell $(GO) env GOROOT)
ADDR ?= 127.0.0.1:8080
# Fuzz budgets are execution counts (N x), not durations: a duration races the Go 1.26 fuzz
# coordinator's deadline on a loaded machine and fails with a bare "context deadline exceeded"
# and no crasher (go.dev/issue/75804, fixed in Go 1.27).
FUZZTIME ?= 20000x
GOFLAGS_BUILD := -trimpath -ldflags="-s -w"
# The browser's module: roikit's own packages and encoding/json are compiled
# without inlining, which keeps the module ~15 KB and ~8.5 KB (brotli)
# smaller (each calculator's run under Node showed no measurable difference;
# gonum and the runtime stay inlined); satconv and signext are WebAssembly
# features every current browser has. After the link, scripts/wasmdata merges
# the data segments the Go linker writes one per run of non-zero bytes
# (~57,000 headers; about 67 KB brotli); the module's memory is unchanged.
# Its budget is 1,000,000 B brotli (make bench-web prints it).
WASM_GCFLAGS := -gcflags=github.com/roikit/...=-l -gcflags=encoding/json=-l
# The module's version (roikit.version): the commit, "-dirty" with uncommitted changes.
WASM_VERSION := $(shell git rev-parse --short=12 HEAD 2>/dev/null || echo dev)$(shell git status --porcelain --untracked-files=no 2>/dev/null | grep -q . && echo -dirty)

.PHONY: all deps build wasm assets site serve test lint unit js-test duckdb-test fuzz-short fuzz wasm-test \
	browser-test wordpress-plugin wordpress-test screenshots bench bench-calc bench-web worker worker-dev worker-test bench-worker clean

all: build

## Set-up --------------------------------------------------------------------

deps: ## Go modules, npm packages, Chromium, poppler-utils (installs what is missing)
	@scripts/deps.sh

## Build ---------------------------------------------------------------------

bin/roikit: $(shell find calc internal cmd -name '*.go' -o -name '*.html' 2>/dev/null) go.mod
	$(GO) build $(GOFLAGS_BUILD) -o bin/roikit ./cmd/roikit

wasm: ## the calculators' WebAssembly module and Go's wasm_exec.js
	@mkdir -p build/assets
	GOOS=js GOARCH=wasm GOWASM=satconv,signext $(GO) build -trimpath -ldflags="-s -w -X main.buildVersion=$(WASM_VERSION)" $(WASM_GCFLAGS) -o build/assets/roikit.wasm ./wasm
	$(GO) run ./scripts/wasmdata -gap 128 build/assets/roikit.wasm
	cp "$(GOROOT)/lib/wasm/wasm_exec.js" build/assets/wasm_exec.js

assets: ## the page scripts and the chart library, bundled by esbuild
	scripts/assets.sh

site: bin/roikit ## the static site into public/
	bin/roikit build

build: wasm assets site

serve: deps wasm assets bin/roikit ## build everything and serve it at http://$(ADDR)
	bin/roikit build --base-url http://$(ADDR)
	bin/roikit serve --addr $(ADDR)

## Tests ---------------------------------------------------------------------

test: deps build worker lint unit js-test fuzz-short wasm-test duckdb-test browser-test wordpress-test worker-test ## every test
	@echo "make test: all checks passed"

lint: ## gofmt, go vet, calc/ imports, function and page-script lengths (scripts/funclen)
	@unformatted=$$(gofmt -l $$(git ls-files '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	@bad=$$($(GO) list -f '{{.ImportPath}}: {{join .Imports " "}}' ./calc/... | \
	  grep -E ' (os|net/http|syscall/js|html/template|text/template|github.com/go-echarts[^ ]*|github.com/yuin/goldmark[^ ]*)( |$$)' || true); \
	if [ -n "$$bad" ]; then echo "calc/ must import only the standard library and gonum: $$bad"; exit 1; fi
	$(GO) run ./scripts/funclen $$(git ls-files '*.go' 'site/js/*.js' ':!third_party')

unit: ## Go unit tests (native)
	$(GO) test -count=1 ./...

fuzz-short: ## every fuzz target for $(FUZZTIME) executions (make fuzz for longer)
	@for pkg in $$($(GO) list ./...); do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
	    echo "fuzz $$pkg $$target ($(FUZZTIME))"; \
	    $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg > /tmp/roikit-fuzz.log 2>&1 || { cat /tmp/roikit-fuzz.log; exit 1; }; \
	  done; \
	done

fuzz: ## longer fuzzing: 2,000,000 executions per target (make fuzz FUZZTIME=10000000x)
	$(MAKE) fuzz-short FUZZTIME=$(if $(filter 20000x,$(FUZZTIME)),2000000x,$(FUZZTIME))

js-test: ## the page scripts' unit tests under Node
	node --test site/js/

duckdb-test: ## the warehouse SQL of content/docs/warehouse-sql.md run on DuckDB against the core's summary
	cd test/duckdb && $(GO) test -count=1 -tags duckdb ./...

wasm-test: ## the core's tests compiled to WebAssembly, run under Node
	PATH="$(GOROOT)/lib/wasm:$$PATH" GOOS=js GOARCH=wasm $(GO) test -count=1 ./calc/... ./wasm/

browser-test: deps build ## real-browser tests (Chromium) against the freshly built site
	$(GO) test -count=1 -tags browser -timeout 45m ./test/browser/

## WordPress ------------------------------------------------------------------

wordpress-plugin: ## the roikit-embed plugin (wordpress/roikit-embed, with site/js/embed.js) as build/roikit-embed.zip
	rm -rf build/wordpress build/roikit-embed.zip
	mkdir -p build/wordpress
	cp -r wordpress/roikit-embed build/wordpress/
	cp site/js/embed.js build/wordpress/roikit-embed/js/embed.js
	cd build/wordpress && zip -qrX ../roikit-embed.zip roikit-embed
	@echo "build/roikit-embed.zip"

wordpress-test: deps build wordpress-plugin ## roikit's embeds in Debian's WordPress (Apache, MariaDB on loopback), checked in Chromium
	$(GO) test -count=1 -tags wordpress -timeout 10m -v ./test/wordpress/ 2>&1 | grep -v '^=== RUN'

screenshots: deps build ## PNGs of every calculator page, desktop and 375 px, into screenshots/
	ROIKIT_SCREENSHOTS=screenshots $(GO) test -count=1 -tags browser -timeout 15m -run TestScreenshots ./test/browser/

## The API Worker (Cloudflare Workers, github.com/syumai/workers) -------------

# cmd/worker/worker.mjs (wrangler.toml's main) imports build/{wasm_exec.js,runtime.mjs,app.wasm};
# the build/worker.mjs that workers-assets-gen also writes is not used.
worker: ## build the Worker: cmd/worker/build/{app.wasm,wasm_exec.js,runtime.mjs}
	cd cmd/worker && $(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o build
	cd cmd/worker && GOOS=js GOARCH=wasm $(GO) build $(GOFLAGS_BUILD) -o build/app.wasm .

worker-dev: deps worker ## run the Worker locally under wrangler (workerd) on 127.0.0.1:8787
	cd cmd/worker && WRANGLER_SEND_METRICS=false node_modules/.bin/wrangler dev --local --ip 127.0.0.1 --port 8787

worker-test: ## the Worker under wrangler answers like the core
	$(GO) test -count=1 -tags worker -timeout 10m -v ./test/worker/ 2>&1 | grep -v '^=== RUN' 

## Benchmarks (print figures; nothing is asserted) ---------------------------

bench: bench-calc bench-web bench-worker ## the calculators' speed, page weight and live timings, the API's latency and size

bench-calc: ## the calculators' speed, natively
	ROIKIT_BENCH=1 $(GO) test -run '^$$' -bench . -benchmem ./calc/

bench-web: deps build bin/roikit ## page weight and speed in headless Chromium
	scripts/bench-web.sh

bench-worker: deps worker ## API latency under wrangler dev and the Worker's size
	ROIKIT_BENCH=1 $(GO) test -count=1 -tags worker -run TestWorkerLatency -v ./test/worker/ | grep -E '^(    |---|ok|FAIL)'

clean:
	rm -rf bin build public screenshots
