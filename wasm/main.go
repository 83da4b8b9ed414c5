//go:build js && wasm

package main

import (
	"syscall/js"

	"github.com/roikit/roikit/calc"
)

func main() {
	register()
	select {} // keep the module alive: the page calls roikit.run any time
}

// register sets globalThis.roikit = {run, version}.
func register() {
	api := js.Global().Get("Object").New()
	api.Set("run", js.FuncOf(jsRun))
	api.Set("version", version())
	js.Global().Set("roikit", api)
}

// jsRun is roikit.run(name, requestJSON, onProgress) -> {status, response,
// charts}. Bad arguments (not strings) give an errors response, never a throw.
func jsRun(_ js.Value, args []js.Value) (out any) {
	var res result
	defer func() {
		if v := recover(); v != nil {
			res = internalError(v)
		}
		out = map[string]any{"status": res.Status, "response": res.Response, "charts": res.Charts}
	}()
	name, request := arg(args, 0), arg(args, 1)
	var progress func(calc.Progress)
	if len(args) > 2 && args[2].Type() == js.TypeFunction {
		cb := args[2]
		progress = func(p calc.Progress) {
			o := js.Global().Get("Object").New()
			o.Set("phase", p.Phase)
			o.Set("fraction", p.Fraction)
			o.Set("iteration", p.Iteration)
			cb.Invoke(o)
		}
	}
	res = run(name, request, progress)
	return nil
}

// arg returns args[i] as a string; anything else becomes "" (an unknown
// calculator or a malformed request, reported as such by the core).
func arg(args []js.Value, i int) string {
	if i < len(args) && args[i].Type() == js.TypeString {
		return args[i].String()
	}
	return ""
}
