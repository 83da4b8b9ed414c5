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
		list, err := charts.Build(c.Name, []byte(c.Request), want)
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
// errors response with code internal_error, and the next call works.
func TestRunRecoversPanics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		setup func()
	}{
		{"core panics with an error", func() {
			compute = func(string, []byte, calc.Hooks) ([]byte, calc.Status) { panic(errors.New("boom")) }
		}},
		{"core panics with a string", func() {
			compute = func(string, []byte, calc.Hooks) ([]byte, calc.Status) { panic("boom") }
		}},
		{"charts panic with a number", func() {
			buildCharts = func(string, []byte, []byte) ([]charts.Chart, error) { panic(42) }
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tc.setup()
			got := run("samplesize", `{"baseline_rate":0.05,"mde":0.1}`, nil)
			compute, buildCharts = calc.RunJSONWithHooks, charts.Build
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
	if len(body.Errors) != 1 || body.Errors[0].Code != CodeInternal || !strings.Contains(body.Errors[0].Message, "failed unexpectedly") {
		t.Errorf("errors = %+v", body.Errors)
	}
	if got.Charts != "[]" {
		t.Errorf("charts = %s, want []", got.Charts)
	}
}

// TestRunProgressReachesCallback: the progress function is the hooks' Progress.
func TestRunProgressReachesCallback(t *testing.T) {
	var seen []calc.Progress
	compute = func(_ string, _ []byte, h calc.Hooks) ([]byte, calc.Status) {
		h.Progress(calc.Progress{Phase: "fit", Fraction: 0.5, Iteration: 7})
		return []byte(`{"errors":[]}`), calc.StatusInvalid
	}
	defer func() { compute = calc.RunJSONWithHooks }()
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
// charts are "[]".
func TestRunWithoutCharts(t *testing.T) {
	for _, c := range ownCases {
		with, without := run(c.Name, c.Request, nil), runCharts(c.Name, c.Request, nil, false)
		if with.Status != without.Status || with.Response != without.Response || without.Charts != "[]" {
			t.Errorf("%s: without charts %+v", c.ID, without)
		}
	}
}
