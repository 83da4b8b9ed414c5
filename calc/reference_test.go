package calc

import (
	"encoding/json"
	"fmt"
	"math"
	"testing"

	"github.com/roikit/roikit/internal/reference"
)

// loadReferenceCases reads every reference case (internal/reference).
func loadReferenceCases(t testing.TB) []reference.Case {
	t.Helper()
	cases, err := reference.Load(".")
	if err != nil {
		t.Fatal(err)
	}
	return cases
}

// TestReferenceCases runs every case of shared/reference/cases.json through
// the JSON entry point and compares each expected field within the case's
// tolerance (the sources are named in the file, per case).
func TestReferenceCases(t *testing.T) {
	cases := loadReferenceCases(t)
	seen := map[string]int{}
	for _, rc := range cases {
		seen[rc.Calculator]++
		t.Run(rc.ID, func(t *testing.T) {
			req, _ := json.Marshal(rc.Request)
			body, status := RunJSON(rc.Calculator, req)
			if status != StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			var got map[string]any
			if err := json.Unmarshal(body, &got); err != nil {
				t.Fatal(err)
			}
			mc := map[string]bool{}
			if rc.MonteCarlo != nil {
				for _, k := range []string{"prob_positive_npv", "npv_p10", "npv_p50", "npv_p90"} {
					mc[k] = true
				}
			}
			for field, want := range rc.Expected {
				if mc[field] {
					continue
				}
				if err := compareJSON(got[field], want, rc.Tolerance.Rel); err != nil {
					t.Errorf("%s: %v (source: %s)", field, err, rc.Source)
				}
			}
			if rc.MonteCarlo != nil && rc.Expected["npv_p10"] == nil {
				for field := range mc {
					if _, present := got[field]; present {
						t.Errorf("%s is present without a lift range", field)
					}
				}
			}
			if rc.MonteCarlo != nil && rc.Expected["npv_p10"] != nil {
				spread := rc.Expected["npv_p90"].(float64) - rc.Expected["npv_p10"].(float64)
				for field := range mc {
					want := rc.Expected[field].(float64)
					tol := rc.MonteCarlo.QuantileAbs * spread
					if field == "prob_positive_npv" {
						tol = rc.MonteCarlo.ProbAbs
					}
					g, ok := got[field].(float64)
					if !ok || math.Abs(g-want) > tol {
						t.Errorf("%s = %v, want %v ± %v (source: %s)", field, got[field], want, tol, rc.Source)
					}
				}
			}
		})
	}
	for _, name := range Names() {
		if seen[name] == 0 {
			t.Errorf("no reference case for calculator %s", name)
		}
	}
}

// compareJSON compares a decoded response value with an expected one:
// numbers within rel, everything else exactly, objects and lists field by
// field. Whole expected numbers must match whole numbers exactly only when
// the tolerance is tight (counts); rel applies otherwise.
func compareJSON(got, want any, rel float64) error {
	switch w := want.(type) {
	case nil:
		if got != nil {
			return fmt.Errorf("got %v, want null", got)
		}
	case bool, string:
		if got != w {
			return fmt.Errorf("got %v, want %v", got, w)
		}
	case float64:
		g, ok := got.(float64)
		if !ok {
			return fmt.Errorf("got %v, want %v", got, w)
		}
		if math.Abs(g-w) > rel*math.Max(math.Abs(w), 1e-12) {
			return fmt.Errorf("got %v, want %v (rel %g)", g, w, rel)
		}
	case []any:
		g, ok := got.([]any)
		if !ok || len(g) != len(w) {
			return fmt.Errorf("got %v, want %v", got, w)
		}
		for i := range w {
			if err := compareJSON(g[i], w[i], rel); err != nil {
				return fmt.Errorf("[%d]: %v", i, err)
			}
		}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return fmt.Errorf("got %v, want an object", got)
		}
		for k, v := range w {
			if err := compareJSON(g[k], v, rel); err != nil {
				return fmt.Errorf(".%s: %v", k, err)
			}
		}
	}
	return nil
}
