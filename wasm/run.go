// Command wasm is roikit's calculators compiled to WebAssembly for the
// browser. Loaded by Go's wasm_exec.js (in a Web Worker, see site/js/worker.js)
// it sets globalThis.roikit = {run(name, requestJSON, onProgress, charts),
// charts(), clvfit(requestJSON, file, kind, onProgress),
// peeking(requestJSON), version}.
//
// run returns {status, response, charts}: status is calc.Status as a number
// (0 ok, else invalid), response the JSON of the response or of the errors
// object, charts the JSON of []charts.Chart (an empty list unless status is
// 0). With charts false, run leaves the charts out ("[]") and keeps the
// typed result: charts() then builds that result's charts, so a page gets
// its numbers first and its charts right after, from one computation.
// clvfit's file is a Uint8Array or {size, read(offset, length) ->
// Uint8Array} (see jsCLVFit).
//
// Every call is wrapped in recover: a panic becomes an errors response
// (code calc.CodeInternal) and the module keeps answering.
//
// This file holds the part that does not depend on syscall/js, so it is
// tested natively as well as under GOOS=js.
package main

import (
	"encoding/json"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
)

// result is one answer of run, as the page receives it.
type result struct {
	Status   int    // calc.Status
	Response string // JSON: the response, or {"errors": [...]}
	Charts   string // JSON: []charts.Chart; "[]" when status is not 0
}

// compute and buildCharts are variables so that tests can make them panic.
var (
	compute     = calc.Run
	buildCharts = charts.Build
)

// pending is the result of the last run without charts, whose charts
// chartsOfPending builds; nil when there is none.
var pending *calc.Result

// run runs calculator name on the JSON request, reporting progress to
// progress (may be nil), with its charts. It never panics.
func run(name, request string, progress func(calc.Progress)) result {
	return runCharts(name, request, progress, true)
}

// runCharts is run, with the charts only when withCharts is set; without,
// the typed result is kept for chartsOfPending, so the numbers reach the
// page before the charts are built and nothing is computed twice.
func runCharts(name, request string, progress func(calc.Progress), withCharts bool) (res result) {
	pending = nil
	defer func() {
		if v := recover(); v != nil {
			res = internalError(v)
		}
	}()
	out := compute(name, []byte(request), calc.Hooks{Progress: progress})
	res = result{Status: int(out.Status), Response: string(out.JSON()), Charts: "[]"}
	if out.Status != calc.StatusOK {
		return res
	}
	if !withCharts {
		pending = out
		return res
	}
	res.Charts = chartsJSON(out)
	return res
}

// chartsOfPending builds the charts of the last run without charts, once:
// "[]" when there is none. It never panics.
func chartsOfPending() (out string) {
	res := pending
	pending = nil
	defer func() {
		if v := recover(); v != nil {
			out = "[]"
		}
	}()
	if res == nil {
		return "[]"
	}
	return chartsJSON(res)
}

// chartsJSON encodes a successful result's charts; "[]" when they cannot
// be built: a chart that fails must not hide the numbers, and the page
// keeps the figures it has.
func chartsJSON(res *calc.Result) string {
	list, err := buildCharts(res)
	if err != nil || len(list) == 0 {
		return "[]"
	}
	out, err := json.Marshal(list)
	if err != nil {
		return "[]"
	}
	return string(out)
}

// internalError turns a recovered panic value into an errors response.
func internalError(v any) result {
	msg := "unknown failure"
	switch e := v.(type) {
	case error:
		msg = e.Error()
	case string:
		msg = e
	}
	body := calc.ErrorJSON(calc.CodeInternal, "The calculator failed unexpectedly ("+msg+"). Please try other inputs or reload the page.")
	return result{Status: int(calc.StatusInvalid), Response: string(body), Charts: "[]"}
}

// buildVersion is the commit the module was built from, set by the
// Makefile (-ldflags -X main.buildVersion=...): the short hash, with
// "-dirty" for uncommitted changes. It is set at link time rather than read
// with runtime/debug.ReadBuildInfo, whose parser adds 26 KB to the module.
var buildVersion string

// version names the build: buildVersion, or "dev".
func version() string {
	if buildVersion == "" {
		return "dev"
	}
	return buildVersion
}

// runPeeking runs the significance page's peeking demonstration
// (calc.RunPeekingJSON) on a JSON request, with its chart
// (charts.Peeking). It never panics.
func runPeeking(request string) (res result) {
	defer func() {
		if v := recover(); v != nil {
			res = internalError(v)
		}
	}()
	out, status := calc.RunPeekingJSON([]byte(request))
	res = result{Status: int(status), Response: string(out), Charts: "[]"}
	if status != calc.StatusOK {
		return res
	}
	var resp calc.PeekingResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		return res
	}
	if list, err := charts.Peeking(&resp); err == nil {
		if b, err := json.Marshal(list); err == nil {
			res.Charts = string(b)
		}
	}
	return res
}
