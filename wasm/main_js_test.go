//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"strings"
	"syscall/js"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
)

func init() { register() }

// callRun calls globalThis.roikit.run as the worker does.
func callRun(args ...any) result {
	v := js.Global().Get("roikit").Call("run", args...)
	return result{Status: v.Get("status").Int(), Response: v.Get("response").String(), Charts: v.Get("charts").String()}
}

// TestExportedRunMatchesCore: globalThis.roikit.run answers every case exactly
// as calc.RunJSON.
func TestExportedRunMatchesCore(t *testing.T) {
	cases := allCases(t)
	coversEveryCalculator(t, cases)
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			checkAgainstCore(t, c, callRun(c.Name, c.Request))
		})
	}
	if v := js.Global().Get("roikit").Get("version"); v.Type() != js.TypeString || v.String() == "" {
		t.Errorf("roikit.version = %v", v)
	}
}

// TestExportedRunRecovers: panics in the core, in a throwing progress
// callback, and arguments of the wrong type never kill the runtime.
func TestExportedRunRecovers(t *testing.T) {
	compute = func(string, []byte, calc.Hooks) *calc.Result { panic(errors.New("boom")) }
	got := callRun("samplesize", `{"baseline_rate":0.05,"mde":0.1}`)
	compute = calc.Run
	checkInternalError(t, got)

	// A progress callback that throws: js.Value.Invoke panics with a js.Error.
	compute = func(_ string, _ []byte, h calc.Hooks) *calc.Result {
		h.Progress(calc.Progress{Phase: "fit"})
		return &calc.Result{Status: calc.StatusInvalid}
	}
	thrower := js.Global().Get("Function").New("p", `throw new Error("callback failed at " + p.phase)`)
	got = callRun("clvfit", `{}`, thrower)
	compute = calc.Run
	checkInternalError(t, got)

	// Progress objects reach a JavaScript callback.
	compute = func(_ string, _ []byte, h calc.Hooks) *calc.Result {
		h.Progress(calc.Progress{Phase: "fit", Fraction: 0.25, Iteration: 3})
		return &calc.Result{Status: calc.StatusInvalid}
	}
	var phase string
	var fraction float64
	var iteration int
	cb := js.FuncOf(func(_ js.Value, args []js.Value) any {
		phase, fraction, iteration = args[0].Get("phase").String(), args[0].Get("fraction").Float(), args[0].Get("iteration").Int()
		return nil
	})
	callRun("clvfit", `{}`, cb)
	cb.Release()
	compute = calc.Run
	if phase != "fit" || fraction != 0.25 || iteration != 3 {
		t.Errorf("progress = %q %v %d", phase, fraction, iteration)
	}

	// Wrong argument types: numbers, nothing at all.
	got = callRun(42, js.Null())
	want, status := calc.RunJSON("", nil)
	if got.Status != int(status) || got.Response != string(want) {
		t.Errorf("run(42, null) = %+v", got)
	}
	buildCharts = func(*calc.Result) ([]charts.Chart, error) { panic("charts") }
	got = callRun("samplesize", `{"baseline_rate":0.05,"mde":0.1}`)
	buildCharts = charts.Build
	checkInternalError(t, got)

	// Still alive.
	checkAgainstCore(t, ownCases[0], callRun(ownCases[0].Name, ownCases[0].Request))
}

// TestExportedCLVFit: globalThis.roikit.clvfit takes the file as a
// Uint8Array and answers as runCLVFitFile, with the predictions CSV as a
// Uint8Array; a missing or wrong data argument is the core's error for an
// empty file, and a throwing progress callback is an internal error.
func TestExportedCLVFit(t *testing.T) {
	data := cdnowSample(t)
	const request = `{"observation_end":"1997-09-30","predictions":true}`
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	v := js.Global().Get("roikit").Call("clvfit", request, arr, "transactions")
	want := runCLVFitFile(request, data, "transactions", nil)
	if v.Get("status").Int() != want.Status || v.Get("response").String() != want.Response || v.Get("charts").String() != want.Charts {
		t.Errorf("roikit.clvfit differs from runCLVFitFile: %.300s", v.Get("response").String())
	}
	csv := v.Get("csv")
	if !csv.InstanceOf(js.Global().Get("Uint8Array")) || csv.Length() != len(want.CSV) || v.Get("customers").Int() != 2357 {
		t.Fatalf("csv %v of %d bytes (want %d), customers %v", csv.Type(), csv.Length(), len(want.CSV), v.Get("customers"))
	}
	got := make([]byte, csv.Length())
	js.CopyBytesToGo(got, csv)
	if !bytes.Equal(got, want.CSV) {
		t.Error("the CSV bytes differ")
	}

	for _, bad := range []any{js.Null(), "customer_id,date\n", 42} {
		v := js.Global().Get("roikit").Call("clvfit", `{}`, bad, "transactions")
		want, _ := calc.RunJSON("clvfit", []byte(`{"transactions_csv":""}`))
		if v.Get("status").Int() == 0 || v.Get("response").String() != string(want) || !v.Get("csv").IsNull() {
			t.Errorf("data %v: %s, want %s", bad, v.Get("response").String(), want)
		}
	}

	thrower := js.Global().Get("Function").New("p", `throw new Error("callback failed at " + p.phase)`)
	v = js.Global().Get("roikit").Call("clvfit", request, arr, "transactions", thrower)
	checkInternalError(t, result{Status: v.Get("status").Int(), Response: v.Get("response").String(), Charts: v.Get("charts").String()})
}

// TestExportedRunWithoutCharts: roikit.run's fourth argument false leaves
// the charts out; anything else builds them.
func TestExportedRunWithoutCharts(t *testing.T) {
	c := ownCases[0]
	want := run(c.Name, c.Request, nil)
	v := js.Global().Get("roikit").Call("run", c.Name, c.Request, js.Null(), false)
	if v.Get("charts").String() != "[]" || v.Get("response").String() != want.Response {
		t.Errorf("run(..., false) = %v", v.Get("charts").String())
	}
	if later := js.Global().Get("roikit").Call("charts"); later.String() != want.Charts {
		t.Errorf("roikit.charts() after run(..., false) = %.200s", later.String())
	}
	checkAgainstCore(t, c, callRun(c.Name, c.Request, js.Null(), true))
	checkAgainstCore(t, c, callRun(c.Name, c.Request, js.Null(), "no"))
}

// TestExportedCLVFitReader: roikit.clvfit reads a file given as {size,
// read(offset, length)} (the worker's File, sliced) as it fits, with the
// same answer as its bytes at once.
func TestExportedCLVFitReader(t *testing.T) {
	data := cdnowSample(t)
	const request = `{"observation_end":"1997-09-30","predictions":true}`
	arr := js.Global().Get("Uint8Array").New(len(data))
	js.CopyBytesToJS(arr, data)
	calls := 0
	read := js.FuncOf(func(_ js.Value, args []js.Value) any {
		calls++
		off, n := args[0].Int(), args[1].Int()
		return arr.Call("subarray", off, min(off+n, len(data)))
	})
	defer read.Release()
	file := js.Global().Get("Object").New()
	file.Set("size", len(data))
	file.Set("read", read)
	v := js.Global().Get("roikit").Call("clvfit", request, file, "transactions")
	want := runCLVFitFile(request, data, "transactions", nil)
	if v.Get("status").Int() != want.Status || v.Get("response").String() != want.Response || calls == 0 {
		t.Errorf("roikit.clvfit of {size, read} (%d reads): %.300s", calls, v.Get("response").String())
	}
	// A read function that returns something else than bytes: an error, no throw.
	file.Set("read", js.Global().Get("Function").New("return null"))
	v = js.Global().Get("roikit").Call("clvfit", request, file, "transactions")
	if v.Get("status").Int() == 0 || !strings.Contains(v.Get("response").String(), "could not be read") {
		t.Errorf("a read returning null: %s", v.Get("response").String())
	}
}
