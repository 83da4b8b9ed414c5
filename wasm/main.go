//go:build js && wasm

package main

import (
	"errors"
	"syscall/js"

	"github.com/roikit/roikit/calc"
)

func main() {
	register()
	select {} // keep the module alive: the page calls roikit.run any time
}

// register sets globalThis.roikit = {run, charts, clvfit, peeking, version}.
func register() {
	api := js.Global().Get("Object").New()
	api.Set("run", js.FuncOf(jsRun))
	api.Set("charts", js.FuncOf(jsCharts))
	api.Set("clvfit", js.FuncOf(jsCLVFit))
	api.Set("peeking", js.FuncOf(jsPeeking))
	api.Set("version", version())
	js.Global().Set("roikit", api)
}

// jsRun is roikit.run(name, requestJSON, onProgress, charts) -> {status,
// response, charts}; charts false leaves the charts out ("[]") for
// roikit.charts() to build. Bad arguments (not strings) give an errors
// response, never a throw.
func jsRun(_ js.Value, args []js.Value) (out any) {
	var res result
	defer func() {
		if v := recover(); v != nil {
			res = internalError(v)
		}
		out = map[string]any{"status": res.Status, "response": res.Response, "charts": res.Charts}
	}()
	name, request := arg(args, 0), arg(args, 1)
	withCharts := len(args) < 4 || args[3].Type() != js.TypeBoolean || args[3].Bool()
	res = runCharts(name, request, progressFunc(args, 2), withCharts)
	return nil
}

// jsCharts is roikit.charts() -> the JSON of the charts of the last run
// made without them ("[]" when there is none); each result's charts are
// built once.
func jsCharts(_ js.Value, _ []js.Value) any { return chartsOfPending() }

// jsPeeking is roikit.peeking(requestJSON) -> {status, response, charts}:
// the significance page's peeking demonstration (runPeeking). Bad
// arguments give an errors response, never a throw.
func jsPeeking(_ js.Value, args []js.Value) any {
	res := runPeeking(arg(args, 0))
	return map[string]any{"status": res.Status, "response": res.Response, "charts": res.Charts}
}

// jsCLVFit is roikit.clvfit(requestJSON, data, kind, onProgress) ->
// {status, response, charts, csv, customers}: clvfit of a file, data being
// its bytes (a Uint8Array) or {size, read(offset, length) -> Uint8Array}
// (read as the fit goes), kind "transactions" or "summary"
// (runCLVFitFile). csv is a Uint8Array of every customer's predictions, or
// null. Bad arguments give an errors response, never a throw.
func jsCLVFit(_ js.Value, args []js.Value) (out any) {
	var res fileResult
	defer func() {
		if v := recover(); v != nil {
			res = fileResult{result: internalError(v)}
		}
		csv := js.Null()
		if res.CSV != nil {
			csv = js.Global().Get("Uint8Array").New(len(res.CSV))
			js.CopyBytesToJS(csv, res.CSV)
		}
		out = map[string]any{"status": res.Status, "response": res.Response, "charts": res.Charts, "csv": csv, "customers": res.Customers}
	}()
	request, kind, progress := arg(args, 0), arg(args, 2), progressFunc(args, 3)
	switch {
	case len(args) > 1 && args[1].InstanceOf(js.Global().Get("Uint8Array")):
		data := make([]byte, args[1].Get("length").Int())
		js.CopyBytesToGo(data, args[1])
		res = runCLVFitFile(request, data, kind, progress)
	case len(args) > 1 && args[1].Type() == js.TypeObject && args[1].Get("read").Type() == js.TypeFunction:
		res = runCLVFitReader(request, jsFile(args[1]), kind, progress)
	default:
		res = runCLVFitFile(request, nil, kind, progress)
	}
	return nil
}

// jsFile reads a file described by {size, read(offset, length) ->
// Uint8Array} (the worker's File, sliced with FileReaderSync).
func jsFile(f js.Value) *chunkReader {
	size := int64(0)
	if v := f.Get("size"); v.Type() == js.TypeNumber && v.Float() > 0 {
		size = int64(v.Float())
	}
	read := f.Get("read")
	return newChunkReader(size, chunkSize, func(offset int64, p []byte) (int, error) {
		chunk := read.Invoke(offset, len(p))
		if !chunk.InstanceOf(js.Global().Get("Uint8Array")) {
			return 0, errors.New("the file could not be read")
		}
		return js.CopyBytesToGo(p, chunk), nil
	})
}

// progressFunc wraps args[i], when it is a function, as a progress hook that
// calls it with {phase, fraction, iteration}; otherwise nil.
func progressFunc(args []js.Value, i int) func(calc.Progress) {
	if i >= len(args) || args[i].Type() != js.TypeFunction {
		return nil
	}
	cb := args[i]
	return func(p calc.Progress) {
		o := js.Global().Get("Object").New()
		o.Set("phase", p.Phase)
		o.Set("fraction", p.Fraction)
		o.Set("iteration", p.Iteration)
		cb.Invoke(o)
	}
}

// arg returns args[i] as a string; anything else becomes "" (an unknown
// calculator or a malformed request, reported as such by the core).
func arg(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}
