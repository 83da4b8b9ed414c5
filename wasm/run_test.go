package main

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
)

// TestRunMatchesCore: run answers byte for byte as calc.RunJSON, and its
// charts are charts.Build's for successful responses.
func TestRunMatchesCore(t *testing.T) {
	cases := allCases(t)
	coversEveryCalculator(t, cases)
	for _, c := range cases {
		t.Run(c.ID, func(t *testing.T) {
			checkAgainstCore(t, c, run(c.Name, c.Request, nil))
		})
	}
}

// checkAgainstCore compares one answer of the module with the core's.
func checkAgainstCore(t *testing.T, c testCase, got result) {
	t.Helper()
	want, status := calc.RunJSON(c.Name, []byte(c.Request))
	if got.Status != int(status) {
		t.Errorf("status %d, core says %d", got.Status, status)
	}
	if got.Response != string(want) {
		t.Errorf("response differs from the core's:\n got %.300s\nwant %.300s", got.Response, want)
	}
	wantCharts := "[]"
	if status == calc.StatusOK {
		list, err := charts.Build(calc.Run(c.Name, []byte(c.Request), calc.Hooks{}))
		if err == nil && len(list) > 0 {
			b, _ := json.Marshal(list)
			wantCharts = string(b)
		}
	}
	if got.Charts != wantCharts {
		t.Errorf("charts differ from charts.Build's:\n got %.300s\nwant %.300s", got.Charts, wantCharts)
	}
}

// TestRunRecoversPanics: a panic in the core or in the charts becomes an
// errors response with code calc.CodeInternal, and the next call works.
func TestRunRecoversPanics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func()
	}{
		{"core panics with an error", func() {
			compute = func(string, []byte, calc.Hooks) *calc.Result { panic(errors.New("boom")) }
		}},
		{"core panics with a string", func() {
			compute = func(string, []byte, calc.Hooks) *calc.Result { panic("boom") }
		}},
		{"charts panic with a number", func() {
			buildCharts = func(*calc.Result) ([]charts.Chart, error) { panic(42) }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			got := run("samplesize", `{"baseline_rate":0.05,"mde":0.1}`, nil)
			compute, buildCharts = calc.Run, charts.Build
			checkInternalError(t, got)
			checkAgainstCore(t, ownCases[0], run(ownCases[0].Name, ownCases[0].Request, nil))
		})
	}
}

// checkInternalError checks the answer to a recovered panic.
func checkInternalError(t *testing.T, got result) {
	t.Helper()
	if got.Status == int(calc.StatusOK) {
		t.Fatalf("status 0 after a panic")
	}
	var body struct{ Errors calc.Errors }
	if err := json.Unmarshal([]byte(got.Response), &body); err != nil {
		t.Fatalf("response is not JSON: %v: %s", err, got.Response)
	}
	if len(body.Errors) != 1 || body.Errors[0].Code != calc.CodeInternal || !strings.Contains(body.Errors[0].Message, "failed unexpectedly") {
		t.Errorf("errors = %+v", body.Errors)
	}
	if got.Charts != "[]" {
		t.Errorf("charts = %s, want []", got.Charts)
	}
}

// TestRunProgressReachesCallback: the progress function is the hooks' Progress.
func TestRunProgressReachesCallback(t *testing.T) {
	var seen []calc.Progress
	compute = func(_ string, _ []byte, h calc.Hooks) *calc.Result {
		h.Progress(calc.Progress{Phase: "fit", Fraction: 0.5, Iteration: 7})
		return &calc.Result{Status: calc.StatusInvalid}
	}
	defer func() { compute = calc.Run }()
	run("clvfit", `{}`, func(p calc.Progress) { seen = append(seen, p) })
	if len(seen) != 1 || seen[0] != (calc.Progress{Phase: "fit", Fraction: 0.5, Iteration: 7}) {
		t.Errorf("progress = %+v", seen)
	}
}

func TestVersion(t *testing.T) {
	if v := version(); v == "" {
		t.Error("empty version")
	}
}

// TestRunWithoutCharts: without charts, the response is run's and the
// charts are "[]"; chartsOfPending then gives run's charts, from the same
// computation, once.
func TestRunWithoutCharts(t *testing.T) {
	for _, c := range ownCases {
		with := run(c.Name, c.Request, nil)
		calls := 0
		compute = func(name string, request []byte, h calc.Hooks) *calc.Result {
			calls++
			return calc.Run(name, request, h)
		}
		without := runCharts(c.Name, c.Request, nil, false)
		later := chartsOfPending()
		compute = calc.Run
		if with.Status != without.Status || with.Response != without.Response || without.Charts != "[]" {
			t.Errorf("%s: without charts %+v", c.ID, without)
		}
		if later != with.Charts || calls != 1 {
			t.Errorf("%s: the charts built later differ from run's (or the core ran %d times):\n%.200s\n%.200s", c.ID, calls, later, with.Charts)
		}
		if again := chartsOfPending(); again != "[]" {
			t.Errorf("%s: a second chartsOfPending gives %.100s, want []", c.ID, again)
		}
	}
	// A failed run leaves no charts to build, nor does a run with charts.
	runCharts("samplesize", `{"mde": -1}`, nil, false)
	if got := chartsOfPending(); got != "[]" {
		t.Errorf("charts after an invalid run: %.100s", got)
	}
	runCharts(ownCases[0].Name, ownCases[0].Request, nil, false)
	run(ownCases[0].Name, ownCases[0].Request, nil)
	if got := chartsOfPending(); got != "[]" {
		t.Errorf("charts pending after a run with charts: %.100s", got)
	}
	// A panic while building them is "[]", and the module goes on.
	runCharts(ownCases[0].Name, ownCases[0].Request, nil, false)
	buildCharts = func(*calc.Result) ([]charts.Chart, error) { panic("charts") }
	got := chartsOfPending()
	buildCharts = charts.Build
	if got != "[]" {
		t.Errorf("charts after a panic: %.100s", got)
	}
}

// TestRunPeeking: the module's peeking demonstration answers as the core's
// RunPeekingJSON, with one chart, "peeking", whose option holds the two
// series; an invalid request gives the core's errors and no chart.
func TestRunPeeking(t *testing.T) {
	req := `{"daily_visitors":4000,"baseline_rate":0.03,"days":21}`
	got := runPeeking(req)
	want, status := calc.RunPeekingJSON([]byte(req))
	if got.Status != int(status) || got.Response != string(want) {
		t.Fatalf("peeking: %d %.200s, core %d %.200s", got.Status, got.Response, status, want)
	}
	var list []charts.Chart
	if err := json.Unmarshal([]byte(got.Charts), &list); err != nil || len(list) != 1 || list[0].ID != "peeking" ||
		!strings.Contains(string(list[0].Option), `"Sequential test"`) || !strings.Contains(string(list[0].Option), `"Fixed-horizon test"`) {
		t.Errorf("charts %.300s", got.Charts)
	}
	bad := runPeeking(`{"daily_visitors":1,"baseline_rate":0.03}`)
	if bad.Status != int(calc.StatusInvalid) || bad.Charts != "[]" || !strings.Contains(bad.Response, `"daily_visitors"`) {
		t.Errorf("invalid: %+v", bad)
	}
}
