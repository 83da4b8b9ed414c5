// Command wasm is roikit's calculators compiled to WebAssembly for the
// browser. Loaded by Go's wasm_exec.js (in a Web Worker, see site/js/worker.js)
// it sets globalThis.roikit = {run(name, requestJSON, onProgress, charts),
// clvfit(requestJSON, file, kind, onProgress), version}; run builds the
// charts unless its charts argument is false; clvfit's file is a Uint8Array
// or {size, read(offset, length) -> Uint8Array} (see jsCLVFit).
//
// run returns {status, response, charts}: status is calc.Status as a number
// (0 ok, else invalid), response the JSON of the response or of the errors
// object, charts the JSON of []charts.Chart (an empty list unless status is 0).
// Every call is wrapped in recover: a panic becomes an errors response and the
// module keeps answering.
//
// This file holds the part that does not depend on syscall/js, so it is
// tested natively as well as under GOOS=js.
package main

import (
	"encoding/json"
	"runtime/debug"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
)

// CodeInternal is the error code of a failure inside the module itself (a
// recovered panic): the request may be fine, the module is at fault.
const CodeInternal = "internal_error"

// result is one answer of run, as the page receives it.
type result struct {
	Status   int    // calc.Status
	Response string // JSON: the response, or {"errors": [...]}
	Charts   string // JSON: []charts.Chart; "[]" when status is not 0
}

// compute and buildCharts are variables so that tests can make them panic.
var (
	compute     = calc.RunJSONWithHooks
	buildCharts = charts.Build
)

// run runs calculator name on the JSON request, reporting progress to
// progress (may be nil). It never panics.
func run(name, request string, progress func(calc.Progress)) result {
	return runCharts(name, request, progress, true)
}

// runCharts is run, with the charts only when withCharts is set (otherwise
// "[]"): a page whose charts already show this request (pre-rendered at
// build time from the same code) asks for the numbers alone, which its
// first live result then does not wait for.
func runCharts(name, request string, progress func(calc.Progress), withCharts bool) (res result) {
	defer func() {
		if v := recover(); v != nil {
			res = internalError(v)
		}
	}()
	var hooks calc.Hooks
	if progress != nil {
		hooks.Progress = progress
	}
	req := []byte(request)
	resp, status := compute(name, req, hooks)
	res = result{Status: int(status), Response: string(resp), Charts: "[]"}
	if status != calc.StatusOK || !withCharts {
		return res
	}
	list, err := buildCharts(name, req, resp)
	if err != nil || len(list) == 0 {
		// A chart that cannot be built must not hide the numbers: the page
		// keeps the figures it has.
		return res
	}
	if out, err := json.Marshal(list); err == nil {
		res.Charts = string(out)
	}
	return res
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
	body, _ := json.Marshal(struct {
		Errors calc.Errors `json:"errors"`
	}{calc.Errors{{Code: CodeInternal, Message: "The calculator failed unexpectedly (" + msg + "). Please try other inputs or reload the page."}}})
	return result{Status: int(calc.StatusInvalid), Response: string(body), Charts: "[]"}
}

// version names the build: the commit the module was built from (with
// "-dirty" for uncommitted changes), or "dev".
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	rev, dirty := "", false
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return rev
}
