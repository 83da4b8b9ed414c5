package calc

import (
	"fmt"
	"math"
)

// maxArmSize is the largest number of visitors per arm roikit reports: 2^53,
// the largest integer a JSON number (a float64) holds exactly. A test that
// needs more cannot be run on any website.
const maxArmSize = 1 << 53

// SampleSizeRequest asks how many visitors an A/B/n test needs. Field names
// and defaults are the contract's; pointers are optional fields (nil: absent).
type SampleSizeRequest struct {
	Metric            string   `json:"metric"`                  // "proportion" or "mean"
	BaselineRate      *float64 `json:"baseline_rate,omitempty"` // control conversion rate, 0 < p < 1
	BaselineMean      *float64 `json:"baseline_mean,omitempty"` // control mean per visitor
	BaselineSD        *float64 `json:"baseline_sd,omitempty"`   // standard deviation per visitor, > 0
	MDE               float64  `json:"mde"`                     // minimum detectable effect, > 0
	MDEType           string   `json:"mde_type"`                // "relative" or "absolute"
	Alpha             float64  `json:"alpha"`                   // false-positive rate, 0 < alpha < 0.5
	Power             float64  `json:"power"`                   // 0.5 <= power < 1
	Sides             int      `json:"sides"`                   // 1 or 2
	Variants          int      `json:"variants"`                // arms including control, 2..20
	Correction        string   `json:"correction"`              // "bonferroni", "sidak" or "none"
	ControlShare      *float64 `json:"control_share,omitempty"` // default 1/variants
	VarianceReduction float64  `json:"variance_reduction"`      // CUPED R^2, 0 <= x < 1
	DailyVisitors     *float64 `json:"daily_visitors,omitempty"`
	TrafficShare      float64  `json:"traffic_share"` // 0 < x <= 1
}

// NewSampleSizeRequest returns a request holding the spec's defaults (Field.Default).
func NewSampleSizeRequest() SampleSizeRequest {
	return newRequestOf[SampleSizeRequest](sampleSizeCalc)
}

// SampleSizeResponse is the number of visitors each arm needs.
type SampleSizeResponse struct {
	NControl           int       `json:"n_control"`       // visitors in control, rounded up
	NPerTreatment      int       `json:"n_per_treatment"` // visitors in each treatment arm, rounded up
	NTotal             int       `json:"n_total"`         // n_control + (variants-1) x n_per_treatment
	AlphaPerComparison float64   `json:"alpha_per_comparison"`
	AbsoluteMDE        float64   `json:"absolute_mde"`
	RelativeMDE        *float64  `json:"relative_mde"` // null when the baseline mean is 0 or absent
	TargetRate         *float64  `json:"target_rate,omitempty"`
	TargetMean         *float64  `json:"target_mean,omitempty"` // absent for a mean without baseline_mean
	Days               *int      `json:"days,omitempty"`        // with daily_visitors
	Weeks              *int      `json:"weeks,omitempty"`       // with daily_visitors
	MDEByWeek          []WeekMDE `json:"mde_by_week,omitempty"` // with daily_visitors: weeks 1..8
	Notes
}

var sampleSizeCalc = define(Calculator{
	Name:        "samplesize",
	Title:       "A/B test sample size and duration",
	Description: "How many visitors an A/B test needs to detect the effect you care about, and how many days that takes.",
	Fields: []Field{
		{Name: "metric", Label: "Metric", Type: String, Default: "proportion", Enum: []string{"proportion", "mean"},
			EnumLabels: metricLabels,
			Help:       "What the test measures: a conversion rate (proportion) or an average per visitor such as revenue (mean)."},
		forMetric("proportion", Field{Name: "baseline_rate", Label: "Baseline conversion rate", Type: Number, Unit: Fraction, Example: 0.05,
			Min: ptr(0), Max: ptr(1), MinExclusive: true, MaxExclusive: true,
			RequiredMessage: "when the metric is a proportion: enter today's rate as a fraction, such as 0.05 for 5 %.",
			Help:            "The control group's conversion rate today, as a fraction: 0.05 for 5 %."}),
		{Name: "baseline_mean", Label: "Baseline mean per visitor", Type: Number, Example: 2.5,
			Min: ptr(-1e12), Max: ptr(1e12), ShowWhen: when("metric", "mean"),
			RequiredWhen: when("metric", "mean").and(when("mde_type", "relative")), RequiredMessage: "when the metric is a mean and the effect is relative.",
			Help: "The control group's average per visitor today, for example revenue per visitor."},
		forMetric("mean", Field{Name: "baseline_sd", Label: "Standard deviation per visitor", Type: Number, Example: 12,
			Min: ptr(0), Max: ptr(1e12), MinExclusive: true,
			RequiredMessage: "when the metric is a mean: it is usually in your analytics export, or estimate it from past orders.",
			Help:            "How much the metric varies from one visitor to the next (the standard deviation); revenue per visitor usually varies several times its mean."}),
		{Name: "mde", Label: "Minimum detectable effect", Type: Number, Unit: Fraction, Required: true, Example: 0.1,
			UnitWhen: []UnitCase{
				{When: when("mde_type", "absolute").and(when("metric", "proportion")), Unit: Points},
				{When: when("mde_type", "absolute").and(when("metric", "mean")), Unit: Plain},
			},
			Min: ptr(0), Max: ptr(1e12), MinExclusive: true,
			Help: "The smallest improvement worth detecting, in the unit the effect type says: relative, 0.1 for +10 % of the baseline (a 5 % rate becomes 5.5 %); absolute, 0.005 for +0.5 percentage points on a rate."},
		{Name: "mde_type", Label: "Effect expressed as", Type: String, Default: "relative", Enum: []string{"relative", "absolute"},
			EnumLabels: []string{"Relative (% of the baseline)", "Absolute (points, or units)"},
			Help:       "Relative: the effect as a share of the baseline (+10 % of a 5 % rate is 5.5 %). Absolute: the effect in the metric's own units, percentage points for a rate (5 % to 5.5 % is +0.5 points)."},
		{Name: "alpha", Label: "Significance level (alpha)", Type: Number, Unit: Fraction, Default: 0.05,
			Min: ptr(0), Max: ptr(0.5), MinExclusive: true, MaxExclusive: true, Advanced: true,
			Help: "The false-positive rate you accept: 0.05 means a 5 % chance of calling a winner when there is no real difference."},
		{Name: "power", Label: "Statistical power", Type: Number, Unit: Fraction, Default: 0.8,
			Min: ptr(0.5), Max: ptr(1), MaxExclusive: true, Advanced: true,
			Help: "The chance of detecting the effect if it is real: 0.8 means 80 %."},
		{Name: "sides", Label: "Sides", Type: Integer, Default: 2, Min: ptr(1), Max: ptr(2), Advanced: true,
			Help: "2 tests for a difference in either direction; 1 tests only whether the treatment is better."},
		{Name: "variants", Label: "Variants (including control)", Type: Integer, Unit: Count, Default: 2, Min: ptr(2), Max: ptr(20), Advanced: true,
			Help: "How many arms the test has, counting the control: 2 for a plain A/B test."},
		{Name: "correction", Label: "Multiple-comparison correction", Type: String, Default: "bonferroni",
			Enum: []string{"bonferroni", "sidak", "none"}, EnumLabels: []string{"Bonferroni", "Šidák", "None"}, Advanced: true,
			Help: "How alpha is shared across the comparisons of each treatment with control when there are more than two variants."},
		{Name: "control_share", Label: "Control share of traffic", Type: Number, Unit: Fraction, DefaultNote: "1/variants",
			Min: ptr(0), Max: ptr(1), MinExclusive: true, MaxExclusive: true, Advanced: true,
			Help: "The share of test traffic sent to control; the rest is split evenly over the treatments. Default: an even split."},
		{Name: "variance_reduction", Label: "Variance reduction (CUPED R²)", Type: Number, Unit: Fraction, Default: 0.0,
			Min: ptr(0), Max: ptr(1), MaxExclusive: true, Advanced: true,
			Help: "The share of variance removed by adjusting for a pre-test covariate (CUPED); 0 when you do not use it."},
		{Name: "daily_visitors", Label: "Eligible visitors per day", Type: Number, Unit: Count, Example: 5000,
			Min: ptr(0), Max: ptr(1e11), MinExclusive: true,
			Help: "Visitors per day who could enter the test, all arms together. Gives the test's duration."},
		{Name: "traffic_share", Label: "Share of visitors in the test", Type: Number, Unit: Fraction, Default: 1.0,
			Min: ptr(0), Max: ptr(1), MinExclusive: true, Advanced: true,
			Help: "The share of eligible visitors who enter the test: 1 means all of them."},
	},
	Outputs: []Output{
		{Name: "n_control", Label: "Visitors in control", Unit: Count, Help: "Visitors the control group needs, rounded up."},
		{Name: "n_per_treatment", Label: "Visitors per treatment", Unit: Count, Help: "Visitors each treatment group needs, rounded up."},
		{Name: "n_total", Label: "Visitors in total", Unit: Count, Help: "Visitors across all arms."},
		{Name: "alpha_per_comparison", Label: "Alpha per comparison", Unit: Fraction, Help: "The significance level of each treatment-versus-control comparison after the correction."},
		{Name: "absolute_mde", Label: "Absolute effect", Help: "The effect in the metric's own units (percentage points as a fraction for rates)."},
		{Name: "relative_mde", Label: "Relative effect", Unit: Fraction, Help: "The effect as a share of the baseline. Empty when the baseline mean is 0 or not given."},
		{Name: "target_rate", Label: "Target conversion rate", Unit: Fraction, Help: "The treatment's conversion rate if the effect is exactly the MDE."},
		{Name: "target_mean", Label: "Target mean", Help: "The treatment's mean if the effect is exactly the MDE; empty without a baseline mean."},
		{Name: "days", Label: "Days", Unit: Days, Help: "Days to reach the sample at the daily traffic given."},
		{Name: "weeks", Label: "Weeks", Unit: Weeks, Help: "Whole weeks to reach the sample; tests should run whole weeks."},
		{Name: "mde_by_week", Label: "What this test can detect by week", Help: "With daily visitors: for a test of 1 to 8 whole weeks, the visitors it gets (n_total) and the smallest effect it detects with them, relative and absolute, at the same significance, power and split. Empty when no effect can be detected."},
	},
}, withoutHooks(computeSampleSize))

// SampleSize returns the visitors per arm a test needs. The error, when not
// nil, is Errors listing every problem with the request.
func SampleSize(req SampleSizeRequest) (*SampleSizeResponse, error) {
	return runTyped[SampleSizeRequest, *SampleSizeResponse](sampleSizeCalc, req, Hooks{})
}

func (r *SampleSizeRequest) check(p *problems) {
	switch r.Metric {
	case "proportion":
		if r.BaselineRate == nil || p.has("baseline_rate") || p.has("mde") || p.has("mde_type") {
			return
		}
		base := *r.BaselineRate
		target := base + r.MDE
		if r.MDEType == "relative" {
			target = base * (1 + r.MDE)
		}
		if target >= 1 {
			p.add("mde", CodeOutOfRange, fmt.Sprintf(
				"Minimum detectable effect is too large for a baseline of %s: the target rate would reach 100 %%. Use a %s effect below %s.",
				formatShare(base), r.MDEType, formatNumber(maxMDE(base, r.MDEType))))
		}
	case "mean":
		if r.BaselineMean != nil && *r.BaselineMean == 0 && r.MDEType == "relative" && !p.has("baseline_mean") {
			p.add("mde_type", CodeInconsistent, "A relative effect needs a baseline mean other than 0: use an absolute effect instead.")
		}
	}
}

// maxMDE is the largest MDE that keeps the target rate below 1.
func maxMDE(base float64, mdeType string) float64 {
	if mdeType == "relative" {
		return (1 - base) / base
	}
	return 1 - base
}

// computeSampleSize implements the contract's method. With k the ratio of
// treatment to control visitors, p1 the baseline, p2 the target and
// p̄ = (p1 + k p2)/(1 + k):
//
//	n_control = (z_a sqrt(p̄(1-p̄)(1+1/k)) + z_b sqrt(p1(1-p1) + p2(1-p2)/k))² (1-R²) / (p2-p1)²
//	n_control = (z_a + z_b)² sd² (1-R²) (1+1/k) / delta²    (means)
//
// where z_a = Φ⁻¹(1 - alpha_per_comparison/sides) and z_b = Φ⁻¹(power). For
// k = 1 the proportion formula is R's power.prop.test.
//
// Each arm is rounded up by ceilCount. It is long because the contract's
// method is one sequence of steps (correction, allocation, variance,
// rounding, duration) best read in order.
func computeSampleSize(r *SampleSizeRequest) (*SampleSizeResponse, error) {
	resp := &SampleSizeResponse{}
	comparisons := float64(r.Variants - 1)
	switch r.Correction {
	case "bonferroni":
		resp.AlphaPerComparison = r.Alpha / comparisons
	case "sidak":
		// 1 - (1-alpha)^(1/m), written with log1p/expm1 to keep precision for small alpha.
		resp.AlphaPerComparison = -math.Expm1(math.Log1p(-r.Alpha) / comparisons)
	default:
		resp.AlphaPerComparison = r.Alpha
	}
	controlShare := 1 / float64(r.Variants)
	if r.ControlShare != nil {
		controlShare = *r.ControlShare
	}
	k := (1 - controlShare) / (comparisons * controlShare) // n_treatment / n_control
	za := unitNormalQuantile(1 - resp.AlphaPerComparison/float64(r.Sides))
	zb := unitNormalQuantile(r.Power)
	keep := 1 - r.VarianceReduction

	var nControl float64
	if r.Metric == "proportion" {
		p1 := *r.BaselineRate
		delta := r.MDE
		if r.MDEType == "relative" {
			delta = p1 * r.MDE
		}
		p2 := p1 + delta
		rel := delta / p1
		resp.AbsoluteMDE, resp.RelativeMDE, resp.TargetRate = delta, &rel, &p2
		pbar := (p1 + k*p2) / (1 + k)
		a := za * math.Sqrt(pbar*(1-pbar)*(1+1/k)*keep)
		b := zb * math.Sqrt((p1*(1-p1)+p2*(1-p2)/k)*keep)
		nControl = (a + b) * (a + b) / (delta * delta)
	} else {
		sd := *r.BaselineSD
		delta := r.MDE
		mean := 0.0
		if r.BaselineMean != nil {
			mean = *r.BaselineMean
		}
		if r.MDEType == "relative" {
			delta = math.Abs(mean) * r.MDE
		}
		resp.AbsoluteMDE = delta
		switch {
		case r.BaselineMean == nil:
			// Only an absolute effect gets here (a relative one requires
			// the baseline mean), and n does not depend on the mean.
			resp.warn("relative_mde_undefined", "The relative effect and the target mean are not shown because no baseline mean was given; the sample size does not depend on it. Give the baseline mean to see them.")
		case mean == 0:
			target := mean + delta
			resp.TargetMean = &target
			resp.warn("relative_mde_undefined", "The relative effect is not shown because the baseline mean is 0: a change relative to 0 is undefined.")
		default:
			target, rel := mean+delta, delta/math.Abs(mean)
			resp.TargetMean, resp.RelativeMDE = &target, &rel
		}
		// Ratio form keeps sd/delta finite for extreme but valid inputs.
		ratio := sd / delta
		nControl = (za + zb) * (za + zb) * ratio * ratio * keep * (1 + 1/k)
	}
	nTreat := k * nControl
	if !(nControl <= maxArmSize && nTreat <= maxArmSize) {
		return nil, Errors{{Field: "mde", Code: CodeOutOfRange, Message: fmt.Sprintf(
			"Minimum detectable effect is too small to test: it would need more than %s visitors per variant. Choose a larger effect.",
			FormatCount(maxArmSize))}}
	}
	resp.NControl = ceilCount(nControl)
	resp.NPerTreatment = ceilCount(nTreat)
	resp.NTotal = resp.NControl + int(comparisons)*resp.NPerTreatment
	mdeWarnings(r, resp) // first: a mistyped effect makes every other number wrong

	if r.DailyVisitors != nil {
		perDay := *r.DailyVisitors * r.TrafficShare
		d := math.Ceil(float64(resp.NTotal) / perDay)
		if d > maxArmSize {
			return nil, Errors{{Field: "daily_visitors", Code: CodeOutOfRange, Message: "Eligible visitors per day is too small for this test: it would take longer than any test can run."}}
		}
		days := int(d)
		weeks := (days + 6) / 7
		resp.Days, resp.Weeks = &days, &weeks
		mdeByWeek(r, sampleSizePlan{k: k, controlShare: controlShare, za: za, zb: zb, keep: keep}, perDay, resp)
		switch {
		case days < 7:
			resp.warn("short_test", fmt.Sprintf("The sample is reached in %d day(s), but run the test for at least one full week so every weekday is represented.", days))
		case days > 56:
			resp.warn("long_test", fmt.Sprintf("The test needs %d days. Tests longer than about 8 weeks suffer from cookie churn and seasonal change; consider a larger effect, more traffic or variance reduction.", days))
		}
	}
	if r.Metric == "proportion" {
		p1, p2 := *r.BaselineRate, *resp.TargetRate
		if smallest := math.Min(math.Min(p1, 1-p1)*float64(resp.NControl), math.Min(p2, 1-p2)*float64(resp.NPerTreatment)); smallest < 10 {
			resp.warn("small_expected_counts", "Fewer than 10 conversions (or non-conversions) are expected in an arm, so the normal approximation behind this formula is rough; plan for more visitors.")
		}
	}
	if r.Variants > 2 && r.Correction == "none" {
		resp.warn("no_correction", fmt.Sprintf("With %d treatments compared to control and no correction, the chance of at least one false winner is about %s, not %s.",
			r.Variants-1, formatShare(1-math.Pow(1-r.Alpha, comparisons)), formatShare(r.Alpha)))
	}
	return resp, nil
}

// mdeWarnings warns about an effect so large that it is likely a typing
// mistake: a relative effect over 100 % (often a percentage typed where the
// API takes a fraction, 10 for 0.1) or an absolute effect larger than the
// baseline itself (often a relative effect, or points typed as a
// fraction). The messages name both ways of writing the effect: the API's
// fractions and the page's percent.
func mdeWarnings(r *SampleSizeRequest, resp *SampleSizeResponse) {
	if r.MDEType == "relative" && r.MDE > 1 {
		what := fmt.Sprintf("the treatment would convert %s times as often as the control", formatNumber(1+r.MDE))
		if r.Metric == "mean" {
			what = fmt.Sprintf("the treatment's average would go from %s to %s, a change of %s times the control's average",
				formatNumber(*r.BaselineMean), formatNumber(*resp.TargetMean), formatNumber(r.MDE))
		}
		resp.warn("mde_over_100_percent", fmt.Sprintf(
			"A relative effect of +%s: %s. If you meant +%s %%, the effect is a share of the baseline: %s in the API, %s on the page.",
			formatShare(r.MDE), what, formatNumber(r.MDE), formatNumber(r.MDE/100), formatNumber(r.MDE)))
		return
	}
	if r.MDEType != "absolute" {
		return
	}
	switch {
	case r.Metric == "proportion" && r.MDE > *r.BaselineRate:
		base, target := *r.BaselineRate, *resp.TargetRate
		resp.warn("mde_over_baseline", fmt.Sprintf(
			"An absolute effect of +%s percentage points is more than the whole baseline of %s: the treatment would convert %s times as often as the control (%s against %s). "+
				"If you meant +%s of the baseline, choose a relative effect; if you meant +%s points, enter %s in the API, %s on the page.",
			formatNumber(r.MDE*100), formatShare(base), formatNumber(target/base), formatShare(target), formatShare(base),
			formatShare(r.MDE), formatNumber(r.MDE), formatNumber(r.MDE/100), formatNumber(r.MDE)))
	case r.Metric == "mean" && r.BaselineMean != nil && *r.BaselineMean != 0 && r.MDE > math.Abs(*r.BaselineMean):
		base := *r.BaselineMean
		resp.warn("mde_over_baseline", fmt.Sprintf(
			"An absolute effect of +%s is more than the whole baseline mean of %s: the treatment's average would go from %s to %s, a change of %s times the control's average. "+
				"If you meant +%s %% of the baseline, choose a relative effect: %s in the API, %s on the page.",
			formatNumber(r.MDE), formatNumber(base), formatNumber(base), formatNumber(*resp.TargetMean), formatNumber(r.MDE/math.Abs(base)),
			formatNumber(r.MDE), formatNumber(r.MDE/100), formatNumber(r.MDE)))
	}
}

// ceilCount rounds a visitor count up to the next whole number. A count
// at most countNoiseULPs units in the last place above a whole number is
// taken as that number: the formula's rounding error, not a fraction of a
// visitor. The tolerance is relative to n (about 9e-16 n), so a count with
// a real fractional part is rounded up however large it is (390,488,628.14
// or 1,193,312,274.19; at 1e15 a fraction above 0.5).
func ceilCount(n float64) int {
	f := math.Floor(n)
	if n-f > countNoiseULPs*(math.Nextafter(n, math.Inf(1))-n) {
		f++
	}
	if f < 1 {
		f = 1
	}
	return int(f)
}

// countNoiseULPs is how many units in the last place a computed count may
// lie above a whole number and still count as that number.
const countNoiseULPs = 4
