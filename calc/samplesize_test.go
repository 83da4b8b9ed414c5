package calc

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

func f64(v float64) *float64 { return &v }

func proportionRequest(base, mde float64) SampleSizeRequest {
	r := NewSampleSizeRequest()
	r.BaselineRate, r.MDE = f64(base), mde
	return r
}

// TestSampleSizeAgainstR checks n per arm against R 4.2.2's power.prop.test
// (stats package; each value computed with options(digits = 12)). The core
// rounds each arm up, so the expected count is ceil(R's n).
func TestSampleSizeAgainstR(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*SampleSizeRequest)
		rN     float64 // R's unrounded n per group
	}{
		// power.prop.test(p1=.05, p2=.055, power=.8)$n = 31233.4379401
		{"5% +10% relative", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE = f64(0.05), 0.1 }, 31233.4379401},
		// power.prop.test(p1=.001, p2=.0011, power=.8)$n = 1646532.88729 (rate near 0)
		{"0.1% +10% relative", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE = f64(0.001), 0.1 }, 1646532.88729},
		// power.prop.test(p1=.98, p2=.99, power=.8)$n = 2318.16467728 (rate near 1)
		{"98% +1 point", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE, r.MDEType = f64(0.98), 0.01, "absolute" }, 2318.16467728},
		// power.prop.test(p1=.05, p2=.055, power=.9, sig.level=.01)$n = 59210.0494719
		{"alpha 1% power 90%", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE, r.Alpha, r.Power = f64(0.05), 0.1, 0.01, 0.9 }, 59210.0494719},
		// power.prop.test(p1=.2, p2=.25, power=.8, alternative="one.sided")$n = 861.419777636
		{"one-sided", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE, r.MDEType, r.Sides = f64(0.2), 0.05, "absolute", 1 }, 861.419777636},
		// power.prop.test(p1=.05, p2=.05005, power=.8)$n = 298398704.637 (hundreds of millions per arm)
		{"tiny effect", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE = f64(0.05), 0.001 }, 298398704.637},
		// power.prop.test(p1=.5, p2=.6, power=.95)$n = 640.269355754
		{"50% to 60%, power 95%", func(r *SampleSizeRequest) {
			r.BaselineRate, r.MDE, r.MDEType, r.Power = f64(0.5), 0.1, "absolute", 0.95
		}, 640.269355754},
		// 5 variants, Bonferroni: power.prop.test(p1=.05, p2=.055, power=.8, sig.level=.05/4)$n = 44374.4085848
		{"5 variants bonferroni", func(r *SampleSizeRequest) { r.BaselineRate, r.MDE, r.Variants = f64(0.05), 0.1, 5 }, 44374.4085848},
		// 5 variants, Šidák: power.prop.test(p1=.05, p2=.055, power=.8, sig.level=1-(1-.05)^(1/4))$n = 44194.123214
		{"5 variants sidak", func(r *SampleSizeRequest) {
			r.BaselineRate, r.MDE, r.Variants, r.Correction = f64(0.05), 0.1, 5, "sidak"
		}, 44194.123214},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := NewSampleSizeRequest()
			tt.modify(&req)
			got, err := SampleSize(req)
			if err != nil {
				t.Fatal(err)
			}
			want := int(math.Ceil(tt.rN))
			if got.NControl != want || got.NPerTreatment != want {
				t.Errorf("n = %d/%d, want %d (R: %.6f)", got.NControl, got.NPerTreatment, want, tt.rN)
			}
			if got.NTotal != want*req.Variants {
				t.Errorf("n_total = %d, want %d", got.NTotal, want*req.Variants)
			}
		})
	}
}

// TestSampleSizeAboveABillion checks that every arm is rounded up however
// large n is (a tolerance of 1e-9 n once rounded 390,488,628.14 down, and
// every n above 1e9). Expected n per arm: the contract's formula (R's
// power.prop.test for proportions) in mpmath 1.3.0 at mp.dps = 40, with
// z_a = sqrt(2) erfinv(0.95) = 1.959963984540054 and z_b = sqrt(2)
// erfinv(0.6) = 0.8416212335729142 (R: qnorm(0.975), qnorm(0.8)); the same
// code gives R's 31233.4379401 and 298398704.637 of TestSampleSizeAgainstR.
func TestSampleSizeAboveABillion(t *testing.T) {
	tests := []struct {
		request string
		n       float64 // mpmath, unrounded, per arm
	}{
		// p1 = 0.05, p2 = 0.05 x 1.0005
		{`{"baseline_rate":0.05,"mde":0.0005}`, 1193312274.1881214163},
		// p1 = 0.01, p2 = 0.01 x 1.001
		{`{"baseline_rate":0.01,"mde":0.001}`, 1554847372.5117091517},
		// p1 = 0.02, p2 = 0.02 x 1.0005
		{`{"baseline_rate":0.02,"mde":0.0005}`, 3077514343.2159637103},
		// p1 = 0.1, p2 = 0.1 x 1.0002
		{`{"baseline_rate":0.1,"mde":0.0002}`, 3532309830.5430873206},
		// p1 = 0.5, p2 = 0.50005
		{`{"baseline_rate":0.5,"mde":0.00005,"mde_type":"absolute"}`, 1569775941.7664411189},
		// p1 = 0.03, p2 = 0.03 x 1.0008: below a billion, fraction .18 < 1e-9 n
		{`{"baseline_rate":0.03,"mde":0.0008}`, 793371299.17774119695},
		// mean: (z_a + z_b)² 12² x 2 / (2.5 x 0.0005)²
		{`{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":0.0005}`, 1446705512.6352240755},
		// mean: (z_a + z_b)² 12² x 2 / (2.5 x 0.001)²
		{`{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":0.001}`, 361676378.15880601887},
	}
	for _, tt := range tests {
		body, status := RunJSON("samplesize", []byte(tt.request))
		if status != StatusOK {
			t.Fatalf("%s: %s", tt.request, body)
		}
		var got SampleSizeResponse
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		want := int(math.Ceil(tt.n))
		if got.NControl != want || got.NPerTreatment != want || got.NTotal != 2*want {
			t.Errorf("%s: n = %d/%d, total %d; want %d per arm (mpmath: %.4f)", tt.request, got.NControl, got.NPerTreatment, got.NTotal, want, tt.n)
		}
	}
}

// TestCeilCount checks the rounding of a computed count: up to the next
// whole number unless n is a whole number up to a few ulps of float noise.
func TestCeilCount(t *testing.T) {
	up := func(x float64) float64 { return math.Nextafter(x, math.Inf(1)) }
	down := func(x float64) float64 { return math.Nextafter(x, 0) }
	tests := []struct {
		n    float64
		want int
	}{
		{0, 1},
		{0.2, 1},
		{1, 1},
		{up(1), 1},
		{1.000001, 2},
		{31233.4379401, 31234},
		{390488628.14, 390488629},
		{390488628, 390488628},
		{up(390488628), 390488628},
		{down(390488628), 390488628},
		{1193312274.1881214, 1193312275},
		{1e9 + 0.001, 1e9 + 1},
		{up(up(up(1e9))), 1e9},
		{1e12 + 0.5, 1e12 + 1},
		{1e15 + 0.75, 1e15 + 1}, // ulps of 1e15 are 0.125: 0.5 is 4 of them
		{1e15 + 0.5, 1e15},
		{1 << 53, 1 << 53},
		// 4 ulps above a whole number are noise, 5 a real fraction.
		{12345 + 4*(up(12345)-12345), 12345},
		{12345 + 5*(up(12345)-12345), 12346},
	}
	for _, tt := range tests {
		if got := ceilCount(tt.n); got != tt.want {
			t.Errorf("ceilCount(%.17g) = %d, want %d", tt.n, got, tt.want)
		}
	}
}

// TestSampleSizeMeanWithoutBaseline: an absolute effect on a mean needs no
// baseline mean. Without one, n is the same as with any baseline, the
// relative effect is null and the target mean absent, and the warning says
// that no baseline was given (not that it is 0).
func TestSampleSizeMeanWithoutBaseline(t *testing.T) {
	tests := []struct {
		name     string
		request  string
		relative bool   // relative_mde present
		target   bool   // target_mean present
		says     string // the relative_mde_undefined warning contains this; "" for no warning
	}{
		{"no baseline", `{"metric":"mean","baseline_sd":12,"mde":0.5,"mde_type":"absolute"}`, false, false, "no baseline mean was given"},
		{"baseline 0", `{"metric":"mean","baseline_mean":0,"baseline_sd":12,"mde":0.5,"mde_type":"absolute"}`, false, true, "baseline mean is 0"},
		{"baseline 2.5", `{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":0.5,"mde_type":"absolute"}`, true, true, ""},
		{"negative baseline", `{"metric":"mean","baseline_mean":-2.5,"baseline_sd":12,"mde":0.5,"mde_type":"absolute"}`, true, true, ""},
	}
	// (z_a + z_b)² 12² x 2 / 0.5² = 9041.9094539701504798 (mpmath, as in
	// TestSampleSizeAboveABillion), whatever the baseline.
	const wantN = 9042
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runSampleSizeJSON(t, tt.request)
			if got.NControl != wantN || (got.RelativeMDE != nil) != tt.relative || (got.TargetMean != nil) != tt.target {
				t.Errorf("n %d, relative_mde %v, target_mean %v; want %d, present %v, %v", got.NControl, got.RelativeMDE, got.TargetMean, wantN, tt.relative, tt.target)
			}
			var msg string
			for _, w := range got.Warnings {
				if w.Code == "relative_mde_undefined" {
					msg = w.Message
				}
			}
			if (msg == "") != (tt.says == "") || !strings.Contains(msg, tt.says) {
				t.Errorf("warning %q, want one saying %q", msg, tt.says)
			}
			if strings.Contains(msg, "is 0") && tt.name == "no baseline" {
				t.Errorf("warning %q says the baseline is 0", msg)
			}
		})
	}
}

// TestSampleSizeLargeMDEWarnings: a relative effect over 100 % and an
// absolute effect larger than the baseline each get a warning naming the
// likely mistake, with the effect in both the API's and the page's units;
// effects up to those limits get none.
func TestSampleSizeLargeMDEWarnings(t *testing.T) {
	tests := []struct {
		name    string
		request string
		code    string // "" for neither warning
		says    []string
	}{
		{"+1,000 % relative", `{"baseline_rate":0.05,"mde":10}`, "mde_over_100_percent",
			[]string{"+1,000 %", "11 times as often", "If you meant +10 %", "0.1 in the API, 10 on the page"}},
		{"+150 % relative", `{"baseline_rate":0.05,"mde":1.5}`, "mde_over_100_percent",
			[]string{"+150 %", "2.5 times as often", "If you meant +1.5 %", "0.015 in the API, 1.5 on the page"}},
		{"+100 % relative is allowed", `{"baseline_rate":0.05,"mde":1}`, "", nil},
		{"+10 % relative", `{"baseline_rate":0.05,"mde":0.1}`, "", nil},
		{"mean +1,000 % relative", `{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":10}`, "mde_over_100_percent",
			[]string{"+1,000 %", "from 2.5 to 27.5", "0.1 in the API, 10 on the page"}},
		{"5 points on a 2 % baseline", `{"baseline_rate":0.02,"mde":0.05,"mde_type":"absolute"}`, "mde_over_baseline",
			[]string{"+5 percentage points", "baseline of 2 %", "3.5 times as often", "(7 % against 2 %)", "+5 % of the baseline", "0.0005 in the API, 0.05 on the page"}},
		{"0.5 meant as points", `{"baseline_rate":0.02,"mde":0.5,"mde_type":"absolute"}`, "mde_over_baseline",
			[]string{"+50 percentage points", "+0.5 points", "0.005 in the API, 0.5 on the page"}},
		{"absolute equal to the baseline", `{"baseline_rate":0.02,"mde":0.02,"mde_type":"absolute"}`, "", nil},
		{"half a point", `{"baseline_rate":0.02,"mde":0.005,"mde_type":"absolute"}`, "", nil},
		{"mean absolute over the baseline", `{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":5,"mde_type":"absolute"}`, "mde_over_baseline",
			[]string{"+5", "baseline mean of 2.5", "from 2.5 to 7.5", "+5 % of the baseline", "0.05 in the API, 5 on the page"}},
		{"mean absolute under the baseline", `{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":2,"mde_type":"absolute"}`, "", nil},
		{"mean absolute without a baseline", `{"metric":"mean","baseline_sd":12,"mde":5,"mde_type":"absolute"}`, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := runSampleSizeJSON(t, tt.request)
			var found []Warning
			for _, w := range got.Warnings {
				if w.Code == "mde_over_100_percent" || w.Code == "mde_over_baseline" {
					found = append(found, w)
				}
			}
			if tt.code == "" {
				if len(found) != 0 {
					t.Errorf("unexpected warnings %v", found)
				}
				return
			}
			if len(found) != 1 || found[0].Code != tt.code {
				t.Fatalf("warnings %v, want one %s", got.Warnings, tt.code)
			}
			if got.Warnings[0].Code != tt.code {
				t.Errorf("%s is not the first warning: %v", tt.code, got.Warnings)
			}
			for _, s := range tt.says {
				if !strings.Contains(found[0].Message, s) {
					t.Errorf("message %q does not say %q", found[0].Message, s)
				}
			}
		})
	}
}

// TestSampleSizeUnequalSplit checks the contract's unequal-allocation formula
// (k = n_treatment / n_control) against an independent evaluation in SciPy
// 1.10 (scipy.stats.norm.ppf, the same closed form), and the running example
// of the content brief.
func TestSampleSizeUnequalSplit(t *testing.T) {
	tests := []struct {
		control         float64
		base, mde       float64
		wantC, wantT    int
		wantTotal, days int
	}{
		// SciPy: n_c = 45475.91979161911, n_t = 409283.278124572 (k = 9); brief: 454,760 visitors, 69 days
		{0.1, 0.02, 0.1, 45476, 409284, 454760, 69},
		// SciPy: n_c = 397277.2250752673, n_t = 44141.91389725192 (k = 1/9)
		{0.9, 0.02, 0.1, 397278, 44142, 441420, 67},
		// SciPy: n_c = 60882.92203867687, n_t = 121765.84407735374 (k = 2)
		{1.0 / 3, 0.02, 0.1, 60883, 121766, 182649, 28},
	}
	for _, tt := range tests {
		req := proportionRequest(tt.base, tt.mde)
		req.ControlShare, req.DailyVisitors = f64(tt.control), f64(6600)
		got, err := SampleSize(req)
		if err != nil {
			t.Fatal(err)
		}
		if got.NControl != tt.wantC || got.NPerTreatment != tt.wantT || got.NTotal != tt.wantTotal || *got.Days != tt.days {
			t.Errorf("control share %v: got %d/%d/%d, %d days; want %d/%d/%d, %d days", tt.control,
				got.NControl, got.NPerTreatment, got.NTotal, *got.Days, tt.wantC, tt.wantT, tt.wantTotal, tt.days)
		}
	}
}

// TestSampleSizeBriefExamples checks the worked examples the guides quote
// (content brief §2, guides 6 and 9), computed from power.prop.test-equivalent
// closed forms.
func TestSampleSizeBriefExamples(t *testing.T) {
	tests := []struct {
		name    string
		request string
		perArm  int
		total   int
		days    int
	}{
		// R: power.prop.test(p1=.02, p2=.022, power=.8)$n = 80681.05 -> 80,682 per arm, 25 days at 6,600
		{"guide 9", `{"baseline_rate":0.02,"mde":0.1,"daily_visitors":6600}`, 80682, 161364, 25},
		// 30 % of traffic: 161,364 / (6,600 x 0.3) = 81.5 -> 82 days
		{"guide 6", `{"baseline_rate":0.02,"mde":0.1,"daily_visitors":6600,"traffic_share":0.3}`, 80682, 161364, 82},
		// three arms, Bonferroni alpha 0.025: SciPy closed form 97705.73 -> 97,706 per arm, 45 days
		{"three arms", `{"baseline_rate":0.02,"mde":0.1,"daily_visitors":6600,"variants":3}`, 97706, 293118, 45},
	}
	for _, tt := range tests {
		body, status := RunJSON("samplesize", []byte(tt.request))
		if status != StatusOK {
			t.Fatalf("%s: %s", tt.name, body)
		}
		var got SampleSizeResponse
		json.Unmarshal(body, &got)
		if got.NControl != tt.perArm || got.NTotal != tt.total || *got.Days != tt.days {
			t.Errorf("%s: got %d per arm, %d total, %d days; want %d, %d, %d", tt.name, got.NControl, got.NTotal, *got.Days, tt.perArm, tt.total, tt.days)
		}
	}
}

// TestSampleSizeMeans checks the normal-approximation formula for means
// against SciPy (reference cases file: 144670.55 per group for mean 2.5,
// sd 12, +5 %), and CUPED scaling by (1 - R²).
func TestSampleSizeMeans(t *testing.T) {
	req := NewSampleSizeRequest()
	req.Metric, req.BaselineMean, req.BaselineSD, req.MDE = "mean", f64(2.5), f64(12), 0.05
	got, err := SampleSize(req)
	if err != nil {
		t.Fatal(err)
	}
	// (1.959964 + 0.841621)^2 x 12^2 x 2 / 0.125^2 = 144670.55 (SciPy norm.ppf)
	if got.NControl != 144671 {
		t.Errorf("n = %d, want 144671", got.NControl)
	}
	req.VarianceReduction = 0.5
	half, _ := SampleSize(req)
	// 144670.55 x 0.5 = 72335.27 -> 72336
	if half.NControl != 72336 {
		t.Errorf("with R² = 0.5, n = %d, want 72336", half.NControl)
	}
	// CUPED on proportions scales both variance terms: SciPy closed form with
	// (1 - 0.3): 21863.41 for 5 % -> 5.5 %.
	p := proportionRequest(0.05, 0.1)
	p.VarianceReduction = 0.3
	if got, _ := SampleSize(p); got.NControl != 21864 {
		t.Errorf("proportion with R² = 0.3: n = %d, want 21864", got.NControl)
	}
	// An absolute effect on a zero baseline mean has no relative size.
	req = NewSampleSizeRequest()
	req.Metric, req.BaselineMean, req.BaselineSD, req.MDE, req.MDEType = "mean", f64(0), f64(1), 0.1, "absolute"
	got, err = SampleSize(req)
	if err != nil || got.RelativeMDE != nil || len(got.Warnings) == 0 {
		t.Errorf("zero baseline mean: %+v, %v", got, err)
	}
}

// TestSampleSizeMonotone checks properties that hold for any valid input:
// more power, a smaller effect or a smaller alpha never needs fewer visitors,
// and more variants never needs fewer per arm under Bonferroni.
func TestSampleSizeMonotone(t *testing.T) {
	n := func(mod func(*SampleSizeRequest)) int {
		r := proportionRequest(0.03, 0.1)
		mod(&r)
		got, err := SampleSize(r)
		if err != nil {
			t.Fatal(err)
		}
		return got.NControl
	}
	prev := 0
	for power := 0.5; power < 0.995; power += 0.01 {
		got := n(func(r *SampleSizeRequest) { r.Power = power })
		if got < prev {
			t.Errorf("power %.2f needs %d < %d at lower power", power, got, prev)
		}
		prev = got
	}
	prev = 0
	for mde := 1.0; mde > 0.01; mde *= 0.9 {
		got := n(func(r *SampleSizeRequest) { r.MDE = mde })
		if got < prev {
			t.Errorf("mde %.4f needs %d < %d for a larger mde", mde, got, prev)
		}
		prev = got
	}
	prev = 0
	for alpha := 0.49; alpha > 0.0001; alpha *= 0.8 {
		got := n(func(r *SampleSizeRequest) { r.Alpha = alpha })
		if got < prev {
			t.Errorf("alpha %.5f needs %d < %d at a larger alpha", alpha, got, prev)
		}
		prev = got
	}
	prev = 0
	for v := 2; v <= 20; v++ {
		got := n(func(r *SampleSizeRequest) { r.Variants = v })
		if got < prev {
			t.Errorf("%d variants need %d < %d per arm with fewer", v, got, prev)
		}
		prev = got
	}
	// One-sided never needs more than two-sided.
	if one, two := n(func(r *SampleSizeRequest) { r.Sides = 1 }), n(func(r *SampleSizeRequest) {}); one > two {
		t.Errorf("one-sided %d > two-sided %d", one, two)
	}
}

// TestSampleSizeDuration checks days = ceil(n_total / (daily x share)) and
// weeks = ceil(days / 7).
func TestSampleSizeDuration(t *testing.T) {
	tests := []struct {
		daily, share float64
		days, weeks  int
	}{
		{5000, 1, 13, 2},     // 62468 / 5000 = 12.49
		{62468, 1, 1, 1},     // exactly one day
		{62467, 1, 2, 1},     // one visitor short
		{1000, 0.5, 125, 18}, // 62468 / 500 = 124.9
		{1, 1, 62468, 8924},  // absurdly low traffic still gives a number
		{1e11, 0.01, 1, 1},   // n in the billions a day
	}
	for _, tt := range tests {
		r := proportionRequest(0.05, 0.1)
		r.DailyVisitors, r.TrafficShare = f64(tt.daily), tt.share
		got, err := SampleSize(r)
		if err != nil {
			t.Fatal(err)
		}
		if *got.Days != tt.days || *got.Weeks != tt.weeks {
			t.Errorf("daily %v x %v: %d days, %d weeks; want %d, %d", tt.daily, tt.share, *got.Days, *got.Weeks, tt.days, tt.weeks)
		}
	}
}

// TestSampleSizeInvalid checks that every bad request is refused with an
// error naming the offending field, and never a number.
func TestSampleSizeInvalid(t *testing.T) {
	tests := []struct {
		request string
		fields  []string // the fields the errors must name, in order
		code    string   // the first error's code
	}{
		{`{"mde":0.1}`, []string{"baseline_rate"}, CodeRequired},
		{`{"baseline_rate":0.05}`, []string{"mde"}, CodeRequired},
		{`{"baseline_rate":5,"mde":0.1}`, []string{"baseline_rate"}, CodeOutOfRange},
		{`{"baseline_rate":0,"mde":0.1}`, []string{"baseline_rate"}, CodeOutOfRange},
		{`{"baseline_rate":1,"mde":0.1}`, []string{"baseline_rate"}, CodeOutOfRange},
		{`{"baseline_rate":-0.1,"mde":-1}`, []string{"baseline_rate", "mde"}, CodeOutOfRange},
		{`{"baseline_rate":null,"mde":0.1}`, []string{"baseline_rate"}, CodeNull},
		{`{"baseline_rate":"0.05","mde":0.1}`, []string{"baseline_rate"}, CodeWrongType},
		{`{"baseline_rate":[0.05],"mde":0.1}`, []string{"baseline_rate"}, CodeWrongType},
		{`{"baseline_rate":0.05,"mde":0.1,"variants":2.5}`, []string{"variants"}, CodeNotInteger},
		{`{"baseline_rate":0.05,"mde":0.1,"variants":21}`, []string{"variants"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"sides":3}`, []string{"sides"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"alpha":0.5}`, []string{"alpha"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"power":1}`, []string{"power"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"correction":"holm"}`, []string{"correction"}, CodeInvalidChoice},
		{`{"baseline_rate":0.05,"mde":0.1,"metric":"revenue"}`, []string{"metric"}, CodeInvalidChoice},
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":0}`, []string{"daily_visitors"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1e400}`, []string{"daily_visitors"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"traffic_share":0}`, []string{"traffic_share"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"variance_reduction":1}`, []string{"variance_reduction"}, CodeOutOfRange},
		{`{"baseline_rate":0.05,"mde":0.1,"basline":1}`, []string{"basline"}, CodeUnknownField},
		{`{"baseline_rate":0.5,"mde":1}`, []string{"mde"}, CodeOutOfRange},                         // target rate 100 %
		{`{"baseline_rate":0.9,"mde":0.1,"mde_type":"absolute"}`, []string{"mde"}, CodeOutOfRange}, // target rate 100 %
		{`{"baseline_rate":1e-9,"mde":1e-9}`, []string{"mde"}, CodeOutOfRange},                     // more than 2^53 visitors
		{`{"metric":"mean","mde":0.1}`, []string{"baseline_mean", "baseline_sd"}, CodeRequired},
		{`{"metric":"mean","baseline_mean":2,"baseline_sd":0,"mde":0.1}`, []string{"baseline_sd"}, CodeOutOfRange},
		{`{"metric":"mean","baseline_mean":0,"baseline_sd":1,"mde":0.1}`, []string{"mde_type"}, CodeInconsistent},
	}
	for _, tt := range tests {
		body, status := RunJSON("samplesize", []byte(tt.request))
		if status != StatusInvalid {
			t.Errorf("%s: status %d, want invalid: %s", tt.request, status, body)
			continue
		}
		var got errorsBody
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		var fields []string
		for _, e := range got.Errors {
			fields = append(fields, e.Field)
			if !strings.HasSuffix(e.Message, ".") || len(e.Message) < 20 {
				t.Errorf("%s: message %q is not a sentence", tt.request, e.Message)
			}
		}
		if strings.Join(fields, ",") != strings.Join(tt.fields, ",") || got.Errors[0].Code != tt.code {
			t.Errorf("%s: errors %+v, want fields %v with code %s", tt.request, got.Errors, tt.fields, tt.code)
		}
	}
}

// TestRangeMessagesNameTheRange checks the wording of generated messages.
func TestRangeMessagesNameTheRange(t *testing.T) {
	body, _ := RunJSON("samplesize", []byte(`{"baseline_rate":5,"mde":0.1}`))
	want := "Baseline conversion rate must be greater than 0 % and less than 100 % (as a fraction: 0.05 means 5 %)."
	if !strings.Contains(string(body), want) {
		t.Errorf("got %s, want the message %q", body, want)
	}
}

// TestRunJSONMalformed checks that requests that are not one JSON object
// are refused as malformed, whatever they hold.
func TestRunJSONMalformed(t *testing.T) {
	for _, req := range []string{``, `  `, `[]`, `"x"`, `42`, `{`, `{"a":}`, `{} {}`, `{"baseline_rate":0.05,}`, "\x00", `nul`} {
		body, status := RunJSON("samplesize", []byte(req))
		if status != StatusMalformed || !strings.Contains(string(body), CodeMalformedJSON) {
			t.Errorf("%q: status %d, body %s", req, status, body)
		}
	}
	if _, status := RunJSON("nope", []byte(`{}`)); status != StatusUnknown {
		t.Errorf("unknown calculator: status %d", status)
	}
}

func BenchmarkSampleSize(b *testing.B) {
	req := []byte(`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`)
	b.Run("RunJSON", func(b *testing.B) {
		for b.Loop() {
			RunJSON("samplesize", req)
		}
	})
	b.Run("typed", func(b *testing.B) {
		r := proportionRequest(0.05, 0.1)
		for b.Loop() {
			SampleSize(r)
		}
	})
	// With daily_visitors the answer adds mde_by_week: eight root finds
	// (proportions) or closed forms (means). The difference with "typed"
	// is their cost.
	b.Run("typed_daily_visitors", func(b *testing.B) {
		r := proportionRequest(0.05, 0.1)
		dv := 5000.0
		r.DailyVisitors = &dv
		for b.Loop() {
			SampleSize(r)
		}
	})
	b.Run("mde_by_week_proportion", func(b *testing.B) {
		plan := sampleSizePlan{k: 1, controlShare: 0.5, za: unitNormalQuantile(0.975), zb: unitNormalQuantile(0.8), keep: 1}
		for b.Loop() {
			for w := 1; w <= mdeWeeks; w++ {
				proportionMDE(0.05, float64(w)*17500, plan)
			}
		}
	})
}

// runSampleSizeJSON runs a samplesize request through the JSON entry and
// returns its answer, failing the test on an error.
func runSampleSizeJSON(t *testing.T, request string) SampleSizeResponse {
	t.Helper()
	body, status := RunJSON("samplesize", []byte(request))
	if status != StatusOK {
		t.Fatalf("%s", body)
	}
	var got SampleSizeResponse
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	return got
}
