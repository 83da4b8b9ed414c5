package calc

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

// TestSequentialReference checks the always-valid intervals, p-value and
// fixed-horizon p-value against testdata/sequential_reference.json, written
// by scripts/reference/gbstats_sequential.py: an independent Python
// implementation of GrowthBook's gbstats SequentialTwoSidedTTest formulas
// (Waudby-Smith et al. 2023, arXiv 2103.06476v7, eqs. 9, 155, 161) with
// the fixed p-values from SciPy 1.10.1 (norm.sf of the pooled z,
// ttest_ind_from_stats(equal_var=False)). Each case carries its source.
func TestSequentialReference(t *testing.T) {
	data, err := os.ReadFile("testdata/sequential_reference.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Cases []struct {
			Name     string          `json:"name"`
			Request  json.RawMessage `json:"request"`
			Expected struct {
				AbsoluteLift       float64     `json:"absolute_lift"`
				AbsoluteLiftCI     [2]float64  `json:"absolute_lift_ci"`
				RelativeLift       *float64    `json:"relative_lift"`
				RelativeLiftCI     *[2]float64 `json:"relative_lift_ci"`
				PValue             float64     `json:"p_value"`
				FixedHorizonPValue float64     `json:"fixed_horizon_p_value"`
				Significant        bool        `json:"significant"`
			} `json:"expected"`
			Source string `json:"source"`
		} `json:"cases"`
	}
	if err := json.Unmarshal(data, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 8 {
		t.Fatalf("only %d reference cases", len(ref.Cases))
	}
	for _, c := range ref.Cases {
		got := sigRun(t, string(c.Request))
		want := c.Expected
		check := func(what string, g, w, rel float64) {
			if !sigCloseRel(g, w, rel) {
				t.Errorf("%s: %s = %.15g, want %.15g (%s)", c.Name, what, g, w, c.Source)
			}
		}
		check("absolute_lift_ci[0]", got.AbsoluteLiftCI[0], want.AbsoluteLiftCI[0], 1e-9)
		check("absolute_lift_ci[1]", got.AbsoluteLiftCI[1], want.AbsoluteLiftCI[1], 1e-9)
		check("p_value", got.PValue, want.PValue, 1e-9)
		// SciPy's Student t (boost) and the core's agree to about 1e-8 at
		// large degrees of freedom (TestStudentT).
		check("fixed_horizon_p_value", got.FixedHorizonPValue, want.FixedHorizonPValue, 1e-7)
		if (want.RelativeLiftCI == nil) != (got.RelativeLiftCI == nil) {
			t.Errorf("%s: relative_lift_ci = %v, want %v", c.Name, got.RelativeLiftCI, want.RelativeLiftCI)
		} else if want.RelativeLiftCI != nil {
			check("relative_lift_ci[0]", got.RelativeLiftCI[0], want.RelativeLiftCI[0], 1e-9)
			check("relative_lift_ci[1]", got.RelativeLiftCI[1], want.RelativeLiftCI[1], 1e-9)
		}
		if got.Significant != want.Significant || !got.Sequential {
			t.Errorf("%s: significant %v sequential %v, want %v true", c.Name, got.Significant, got.Sequential, want.Significant)
		}
	}
}

// TestSequentialAgainstFixed: for the same data, the sequential result
// keeps the point estimates, the Bayesian and SRM outputs, widens both
// intervals, and reports the classic p-value as fixed_horizon_p_value;
// without sequential, fixed_horizon_p_value equals p_value.
func TestSequentialAgainstFixed(t *testing.T) {
	for _, base := range []string{
		`"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250`,
		`"metric":"mean","control_n":5000,"control_mean":2.5,"control_sd":12,"treatment_n":5000,"treatment_mean":2.8,"treatment_sd":13`,
		// A control mean so small that m_C^4 underflows: the relative lift
		// (20 %) and its interval are given as the fixed test gives them.
		`"metric":"mean","control_n":5000,"control_mean":1e-90,"control_sd":1e-89,"treatment_n":5000,"treatment_mean":1.2e-90,"treatment_sd":1e-89`,
	} {
		fixed := sigRun(t, `{`+base+`}`)
		seq := sigRun(t, `{`+base+`,"sequential":true}`)
		if fixed.FixedHorizonPValue != fixed.PValue || fixed.Sequential {
			t.Errorf("%s: fixed: fixed_horizon_p_value %v, p_value %v, sequential %v", base, fixed.FixedHorizonPValue, fixed.PValue, fixed.Sequential)
		}
		if seq.FixedHorizonPValue != fixed.PValue || !seq.Sequential || !(seq.PValue > fixed.PValue) {
			t.Errorf("%s: sequential p %v, fixed p %v, fixed_horizon_p_value %v", base, seq.PValue, fixed.PValue, seq.FixedHorizonPValue)
		}
		if !(seq.AbsoluteLiftCI[0] < fixed.AbsoluteLiftCI[0] && seq.AbsoluteLiftCI[1] > fixed.AbsoluteLiftCI[1]) ||
			!(seq.RelativeLiftCI[0] < fixed.RelativeLiftCI[0] && seq.RelativeLiftCI[1] > fixed.RelativeLiftCI[1]) {
			t.Errorf("%s: sequential intervals %v %v not wider than %v %v", base, seq.AbsoluteLiftCI, *seq.RelativeLiftCI, fixed.AbsoluteLiftCI, *fixed.RelativeLiftCI)
		}
		if seq.AbsoluteLift != fixed.AbsoluteLift || *seq.RelativeLift != *fixed.RelativeLift || seq.ProbTreatmentBeatsControl != fixed.ProbTreatmentBeatsControl ||
			seq.ExpectedLoss != fixed.ExpectedLoss || seq.SRMPValue != fixed.SRMPValue {
			t.Errorf("%s: point estimates, Bayesian or SRM outputs changed", base)
		}
		// significant is exactly "the absolute interval excludes 0".
		if excl := seq.AbsoluteLiftCI[0] > 0 || seq.AbsoluteLiftCI[1] < 0; excl != seq.Significant {
			t.Errorf("%s: significant %v but interval %v", base, seq.Significant, seq.AbsoluteLiftCI)
		}
	}
}

// TestSequentialEdges: the contract's V = 0 cases, a control at 0, and the
// p-value at its boundary: at the tuning's sample size the interval is
// tightest relative to the fixed one's width formula, and p_value < alpha
// exactly when the interval excludes 0 (checked on both sides of the cut).
func TestSequentialEdges(t *testing.T) {
	tests := []struct {
		name         string
		request      string
		ci           [2]float64
		p            float64
		relNull      bool
		warning      string
		fixedP       float64
		significance bool
	}{
		// Both arms at 0 %: V = 0, e = 0: [0, 0], p = 1 (the contract).
		{"both at 0 %", `{"control_visitors":100,"control_conversions":0,"treatment_visitors":100,"treatment_conversions":0,"sequential":true}`,
			[2]float64{0, 0}, 1, true, "relative_lift_undefined", 1, false},
		// Both at 100 %: V = 0, e = 0.
		{"both at 100 %", `{"control_visitors":50,"control_conversions":50,"treatment_visitors":70,"treatment_conversions":70,"sequential":true}`,
			[2]float64{0, 0}, 1, false, "zero_width_interval", 1, false},
		// 0 % against 100 %: V = 0, e = 1: [1, 1] and p = 0 (the contract);
		// the pooled z of a 0-vs-all table is sqrt(N) = sqrt(20), 2 Φ(-√20) =
		// 7.744216e-06 (scipy.stats.norm.sf(sqrt(20)) * 2).
		{"0 % against 100 %", `{"control_visitors":10,"control_conversions":0,"treatment_visitors":10,"treatment_conversions":10,"sequential":true}`,
			[2]float64{1, 1}, 0, true, "zero_width_interval", 7.744216e-06, true},
	}
	for _, tt := range tests {
		r := sigRun(t, tt.request)
		if r.AbsoluteLiftCI != tt.ci || r.PValue != tt.p || r.Significant != tt.significance {
			t.Errorf("%s: ci %v p %v significant %v, want %v %v %v", tt.name, r.AbsoluteLiftCI, r.PValue, r.Significant, tt.ci, tt.p, tt.significance)
		}
		if (r.RelativeLiftCI == nil) != tt.relNull || !sigHasWarning(r, tt.warning) {
			t.Errorf("%s: relative ci %v, warnings %v", tt.name, r.RelativeLiftCI, r.Warnings)
		}
		if !sigCloseRel(r.FixedHorizonPValue, tt.fixedP, 1e-6) {
			t.Errorf("%s: fixed_horizon_p_value %v, want %v", tt.name, r.FixedHorizonPValue, tt.fixedP)
		}
	}

	// Both at 100 % keeps a relative lift of 0 with the point interval.
	r := sigRun(t, tests[1].request)
	if r.RelativeLiftCI == nil || *r.RelativeLiftCI != [2]float64{0, 0} {
		t.Errorf("both at 100 %%: relative ci %v", r.RelativeLiftCI)
	}

	// The p-value is the smallest alpha whose interval excludes 0: at
	// alpha = p the interval touches 0 (up to rounding), for V > 0. Tuning
	// is fixed so rho changes with alpha exactly as the p-value's does not;
	// the check is therefore that the interval built at alpha = p has its
	// near end within a hair of 0 when rho is taken at that alpha.
	v, n, e := 3e-6, 20000.0, 0.005
	for _, alpha := range []float64{0.01, 0.05, 0.2} {
		rho2 := sequentialRho2(alpha, 5000)
		hw := sequentialHalfWidth(v, n, rho2, alpha)
		p := sequentialPValue(e, v, n, rho2)
		if (e-hw > 0) != (p < alpha) {
			t.Errorf("alpha %v: interval [%v, %v] but p %v", alpha, e-hw, e+hw, p)
		}
		// With e at the half-width the p-value is alpha itself.
		if pe := sequentialPValue(hw, v, n, rho2); !sigCloseRel(pe, alpha, 1e-12) {
			t.Errorf("alpha %v: p at e = half-width is %v", alpha, pe)
		}
	}
}

// TestSequentialTuning: the half-width relative to the fixed-horizon
// z(1-alpha/2) sqrt(V) is smallest when N is near the tuning size M (the
// interval is "tightest" there), and the tuning changes nothing without
// sequential but gives a warning.
func TestSequentialTuning(t *testing.T) {
	const alpha = 0.05
	ratio := func(n, m float64) float64 {
		return sequentialHalfWidth(1/n, n, sequentialRho2(alpha, m), alpha) / (1.959963984540054 * math.Sqrt(1/n))
	}
	for _, m := range []float64{1000, 5000, 1e6} {
		at := ratio(m, m)
		if !(at < ratio(m/4, m) && at < ratio(4*m, m)) {
			t.Errorf("tuning %v: ratio at M %v, at M/4 %v, at 4M %v", m, at, ratio(m/4, m), ratio(4*m, m))
		}
	}
	const base = `"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250`
	plain, tuned := sigRun(t, `{`+base+`}`), sigRun(t, `{`+base+`,"sequential_tuning":20000}`)
	if plain.AbsoluteLiftCI != tuned.AbsoluteLiftCI || !sigHasWarning(tuned, "unused_fields") || sigHasWarning(plain, "unused_fields") {
		t.Errorf("tuning without sequential: %v vs %v, warnings %v", plain.AbsoluteLiftCI, tuned.AbsoluteLiftCI, tuned.Warnings)
	}
	a, b := sigRun(t, `{`+base+`,"sequential":true,"sequential_tuning":20000}`), sigRun(t, `{`+base+`,"sequential":true}`)
	if a.AbsoluteLiftCI == b.AbsoluteLiftCI || sigHasWarning(a, "unused_fields") {
		t.Errorf("tuning 20000 and 5000 give the same interval %v", a.AbsoluteLiftCI)
	}
}

// TestSequentialInvalid: one-sided sequential tests are refused on sides,
// the tuning's range and type are checked, with sentences naming the field.
func TestSequentialInvalid(t *testing.T) {
	const ok = `"control_visitors":1000,"control_conversions":10,"treatment_visitors":1000,"treatment_conversions":12`
	tests := []struct {
		name, request, field, code, words string
	}{
		{"one-sided", `{` + ok + `,"sequential":true,"sides":1}`, "sides", CodeInconsistent, "two-sided only"},
		{"one-sided mean", `{"metric":"mean","control_n":100,"control_mean":2,"control_sd":1,"treatment_n":100,"treatment_mean":2.1,"treatment_sd":1,"sequential":true,"sides":1}`,
			"sides", CodeInconsistent, "Sides must be 2"},
		{"tuning 0", `{` + ok + `,"sequential":true,"sequential_tuning":0}`, "sequential_tuning", CodeOutOfRange, "between 1 and 1,000,000,000"},
		{"tuning too large", `{` + ok + `,"sequential":true,"sequential_tuning":2e9}`, "sequential_tuning", CodeOutOfRange, "between 1 and"},
		{"tuning as text", `{` + ok + `,"sequential":true,"sequential_tuning":"5000"}`, "sequential_tuning", CodeWrongType, "Sequential tuning"},
		{"sequential as text", `{` + ok + `,"sequential":"yes"}`, "sequential", CodeWrongType, "sequential"},
		{"sequential null", `{` + ok + `,"sequential":null}`, "sequential", CodeNull, ""},
	}
	for _, tt := range tests {
		out, status := RunJSON("significance", []byte(tt.request))
		if status != StatusInvalid {
			t.Errorf("%s: status %d: %s", tt.name, status, out)
			continue
		}
		var body struct{ Errors Errors }
		if err := json.Unmarshal(out, &body); err != nil || len(body.Errors) != 1 {
			t.Errorf("%s: %s", tt.name, out)
			continue
		}
		e := body.Errors[0]
		if e.Field != tt.field || e.Code != tt.code || !strings.Contains(strings.ToLower(e.Message), strings.ToLower(tt.words)) {
			t.Errorf("%s: %+v, want %s %s %q", tt.name, e, tt.field, tt.code, tt.words)
		}
	}
	// One-sided without sequential stays valid.
	if r := sigRun(t, `{`+ok+`,"sides":1}`); r.FixedHorizonPValue != r.PValue {
		t.Errorf("one-sided: %v %v", r.FixedHorizonPValue, r.PValue)
	}
}

// BenchmarkSignificanceSequential is the pair make bench-calc prints to show
// what the sequential result costs: the same typical test (10,000
// visitors per arm) through the typed function, without and with it.
func BenchmarkSignificanceSequential(b *testing.B) {
	for _, seq := range []bool{false, true} {
		name := "fixed"
		if seq {
			name = "sequential"
		}
		b.Run(name, func(b *testing.B) {
			req := NewSignificanceRequest()
			nC, cC, nT, cT := 10000, 200, 10000, 250
			req.ControlVisitors, req.ControlConversions, req.TreatmentVisitors, req.TreatmentConversions = &nC, &cC, &nT, &cT
			req.Sequential = seq
			for b.Loop() {
				if _, err := Significance(req); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkApplySequential times only what sequential adds to a result:
// the always-valid intervals and p-value (applySequential).
func BenchmarkApplySequential(b *testing.B) {
	req := NewSignificanceRequest()
	req.Sequential = true
	base := SignificanceResponse{RelativeLift: new(float64)}
	*base.RelativeLift = 0.25
	for b.Loop() {
		resp := base
		applySequential(&req, &resp, 0.02, 0.025, 0.02*0.98/10000, 0.025*0.975/10000, 20000)
	}
}
