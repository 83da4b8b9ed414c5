package calc

import (
	"strings"
	"testing"
)

// TestPathValue: paths of JSON names and indexes reach what the response's
// JSON has there, null for what it has as null or leaves out.
func TestPathValue(t *testing.T) {
	resp, err := Significance(SignificanceRequest{Metric: "proportion", ControlVisitors: ptrInt(10000), ControlConversions: ptrInt(200),
		TreatmentVisitors: ptrInt(10000), TreatmentConversions: ptrInt(250), Alpha: 0.05, Sides: 2, ExpectedControlShare: 0.5, SequentialTuning: 5000})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		path string
		want any
	}{
		{"metric", "proportion"},
		{"significant", true},
		{"control_rate", 0.02},
		{"relative_lift_ci.0", resp.RelativeLiftCI[0]},
		{"absolute_lift_ci.1", resp.AbsoluteLiftCI[1]},
		{"control_posterior.alpha", 201.0},
		{"control_posterior.distribution", "beta"},
		{"t", nil}, // omitempty nil pointer: absent from the JSON
		{"warnings", []Warning{}},
	} {
		got, err := PathValue(resp, tt.path)
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if w, ok := tt.want.([]Warning); ok {
			if g, ok := got.([]Warning); !ok || len(g) != len(w) {
				t.Errorf("%s = %#v, want %#v", tt.path, got, tt.want)
			}
			continue
		}
		if got != tt.want {
			t.Errorf("%s = %#v, want %#v", tt.path, got, tt.want)
		}
	}
	for _, bad := range []string{"nope", "relative_lift_ci.2", "metric.x", "control_posterior.gamma"} {
		if _, err := PathValue(resp, bad); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
	_, err = PathValue(resp, "nope")
	if err == nil || !strings.Contains(err.Error(), "p_value") {
		t.Errorf("the error does not list the names: %v", err)
	}
	// Rows (omitempty) of a clvfit response from a summary are absent: 0.
	if v, err := PathValue(&CLVFitResponse{}, "rows"); err != nil || v != nil {
		t.Errorf("rows = %#v, %v; want nil", v, err)
	}
}

func ptrInt(v int) *int { return &v }
