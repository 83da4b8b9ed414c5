package calc

import (
	"slices"
	"testing"
)

func TestParseCond(t *testing.T) {
	for _, tt := range []struct {
		in, out, words string
	}{
		{"metric=mean", "metric=mean", "metric is mean"},
		{"lift_low", "lift_low", "lift_low is given"},
		{" metric = mean &&mde_type=relative ", "metric=mean && mde_type=relative", "metric is mean and mde_type is relative"},
		{"time_unit=week|day", "time_unit=week|day", "time_unit is one of week, day"},
		{"", "", ""},
	} {
		c, err := ParseCond(tt.in)
		if err != nil {
			t.Errorf("ParseCond(%q): %v", tt.in, err)
			continue
		}
		if c.String() != tt.out || c.Words() != tt.words {
			t.Errorf("ParseCond(%q) = %q (%q), want %q (%q)", tt.in, c.String(), c.Words(), tt.out, tt.words)
		}
		if again, _ := ParseCond(c.String()); again.String() != c.String() {
			t.Errorf("%q does not read back", c.String())
		}
	}
	for _, bad := range []string{"=mean", "metric=", "metric=mean|", "a b=c", "metric=mean && "} {
		if _, err := ParseCond(bad); err == nil {
			t.Errorf("ParseCond(%q) accepted", bad)
		}
	}
}

func TestCondHolds(t *testing.T) {
	values := map[string]any{"metric": "mean", "sides": 2, "share": 0.5, "on": true, "lift_low": -0.01, "none": nil}
	value := func(name string) (any, bool) { v, ok := values[name]; return v, ok }
	for _, tt := range []struct {
		cond Cond
		want bool
	}{
		{Cond{}, true},
		{when("metric", "mean"), true},
		{when("metric", "proportion"), false},
		{when("metric", "proportion", "mean"), true},
		{when("sides", "2"), true},
		{when("sides", "1"), false},
		{when("share", "0.5"), true},
		{when("on", "true"), true},
		{given("lift_low"), true},
		{given("lift_high"), false},
		{given("none"), false}, // null is not a value
		{when("metric", "mean").and(given("lift_low")), true},
		{when("metric", "mean").and(given("lift_high")), false},
		{when("absent", "x"), false},
	} {
		if got := tt.cond.Holds(value); got != tt.want {
			t.Errorf("%q holds = %v, want %v", tt.cond, got, tt.want)
		}
	}
}

// TestCondHoldsWithDefaults: a field the request leaves out has its
// default as its value (CondHolds), as forms and the core both read it.
func TestCondHoldsWithDefaults(t *testing.T) {
	c, _ := Lookup("samplesize")
	if !c.CondHolds(when("metric", "proportion"), map[string]any{}) || c.CondHolds(when("metric", "mean"), map[string]any{}) {
		t.Error("the default metric is not proportion")
	}
	if !c.CondHolds(when("metric", "mean"), map[string]any{"metric": "mean"}) {
		t.Error("metric=mean does not hold for a mean")
	}
	if c.CondHolds(given("daily_visitors"), map[string]any{}) || !c.CondHolds(given("daily_visitors"), map[string]any{"daily_visitors": 5000.0}) {
		t.Error("daily_visitors is given or not")
	}
}

// TestSpecConditions: every condition of every field reads fields of its
// calculator, compares choice fields with their choices, and is written
// as it reads.
func TestSpecConditions(t *testing.T) {
	n := 0
	for _, c := range Calculators() {
		for _, f := range c.Fields {
			for _, cond := range []Cond{f.ShowWhen, f.RequiredWhen} {
				if cond.IsZero() {
					continue
				}
				n++
				for _, cl := range cond.Clauses() {
					g := c.Field(cl.Field)
					switch {
					case g == nil:
						t.Errorf("%s.%s: condition %q reads no field of %s", c.Name, f.Name, cond, c.Name)
					case cl.Field == f.Name:
						t.Errorf("%s.%s: condition %q reads the field itself", c.Name, f.Name, cond)
					case len(g.Enum) > 0:
						for _, v := range cl.In {
							if !slices.Contains(g.Enum, v) {
								t.Errorf("%s.%s: condition %q compares with %q, not a choice of %s", c.Name, f.Name, cond, v, g.Name)
							}
						}
					}
				}
				if back, err := ParseCond(cond.String()); err != nil || back.String() != cond.String() {
					t.Errorf("%s.%s: %q does not read back: %v", c.Name, f.Name, cond, err)
				}
			}
		}
	}
	if n < 20 {
		t.Errorf("only %d conditions", n)
	}
}

// TestRequiredWhen: the core requires a field exactly when its condition
// holds, and names the field.
func TestRequiredWhen(t *testing.T) {
	for _, tt := range []struct {
		calc, request string
		missing       []string // fields reported required
	}{
		{"samplesize", `{"mde": 0.1}`, []string{"baseline_rate"}},
		{"samplesize", `{"metric": "mean", "mde": 0.1}`, []string{"baseline_mean", "baseline_sd"}},
		{"samplesize", `{"metric": "mean", "mde": 0.1, "mde_type": "absolute"}`, []string{"baseline_sd"}},
		{"samplesize", `{"metric": "ratio", "mde": 0.1}`, nil},                 // an unknown metric: nothing follows from it
		{"samplesize", `{"metric": 7, "mde": 0.1}`, []string{"baseline_rate"}}, // a metric of the wrong type counts as left out: its default
		{"roi", `{"monthly_visitors": 1000, "conversion_rate": 0.02, "value_per_conversion": 80, "expected_lift": 0.05, "lift_low": 0}`, []string{"lift_high"}},
		{"roi", `{"monthly_visitors": 1000, "conversion_rate": 0.02, "value_per_conversion": 80, "expected_lift": 0.05, "lift_high": 0.1}`, []string{"lift_low"}},
		{"roi", `{"monthly_visitors": 1000, "conversion_rate": 0.02, "value_per_conversion": 80, "expected_lift": 0.05, "lift_low": 20}`, []string{"lift_high"}}, // out of range, but given
		{"roi", `{"monthly_visitors": 1000, "conversion_rate": 0.02, "value_per_conversion": 80, "expected_lift": 0.05, "lift_low": "abc"}`, nil},                // unreadable: left out
		{"significance", `{"metric": "mean", "control_n": 100}`, []string{"control_mean", "control_sd", "treatment_n", "treatment_mean", "treatment_sd"}},
	} {
		res := Run(tt.calc, []byte(tt.request), Hooks{})
		var got []string
		for _, e := range res.Errors {
			if e.Code == CodeRequired {
				got = append(got, e.Field)
			}
		}
		if !slices.Equal(got, tt.missing) {
			t.Errorf("%s %s: required %v, want %v (%s)", tt.calc, tt.request, got, tt.missing, res.JSON())
		}
	}
}
