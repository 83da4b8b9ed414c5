package calc

import (
	"fmt"
	"math"
	"reflect"
	"strings"
)

// maxSignificanceCount bounds visitor and conversion counts: a trillion per
// arm is more than any website has; larger numbers are typing mistakes.
const maxSignificanceCount = 1e12

// srmThreshold is the p-value below which the visitor split is called a
// sample ratio mismatch: strict, because a test with a broken split is not
// worth reading, and a looser level would raise false alarms in every 20th
// healthy test.
const srmThreshold = 0.001

// SignificanceRequest asks whether an A/B test's difference is real. Field
// names and defaults are the contract's; pointers are fields required only
// for one metric (nil: absent).
type SignificanceRequest struct {
	Metric string `json:"metric"` // "proportion" (conversion rate) or "mean" (average per visitor)

	ControlVisitors      *int `json:"control_visitors,omitempty"`      // proportion: visitors in control, >= 1
	ControlConversions   *int `json:"control_conversions,omitempty"`   // proportion: converting visitors in control, <= visitors
	TreatmentVisitors    *int `json:"treatment_visitors,omitempty"`    // proportion: visitors in the treatment, >= 1
	TreatmentConversions *int `json:"treatment_conversions,omitempty"` // proportion: converting visitors in the treatment

	ControlN      *int     `json:"control_n,omitempty"`      // mean: visitors in control, >= 2
	ControlMean   *float64 `json:"control_mean,omitempty"`   // mean: control's average per visitor
	ControlSD     *float64 `json:"control_sd,omitempty"`     // mean: control's standard deviation per visitor, > 0
	TreatmentN    *int     `json:"treatment_n,omitempty"`    // mean: visitors in the treatment, >= 2
	TreatmentMean *float64 `json:"treatment_mean,omitempty"` // mean: the treatment's average per visitor
	TreatmentSD   *float64 `json:"treatment_sd,omitempty"`   // mean: the treatment's standard deviation, > 0

	Alpha                float64 `json:"alpha"`                  // 0 < alpha < 0.5
	Sides                int     `json:"sides"`                  // 2 = two-sided, 1 = one-sided (treatment better)
	ExpectedControlShare float64 `json:"expected_control_share"` // planned share of visitors in control, 0 < s < 1

	Sequential       bool    `json:"sequential"`        // always-valid (sequential) result: valid however often it is read; two-sided only
	SequentialTuning float64 `json:"sequential_tuning"` // sequential: visitors (both arms) at which the interval is tightest, 1..1e9
}

// NewSignificanceRequest returns a request holding the spec's defaults (Field.Default).
func NewSignificanceRequest() SignificanceRequest {
	return newRequestOf[SignificanceRequest](significanceCalc)
}

// SignificanceResponse is the analysis of an A/B test: the frequentist test,
// the Bayesian comparison, and the sample-ratio check.
type SignificanceResponse struct {
	Metric        string   `json:"metric"`
	ControlRate   *float64 `json:"control_rate,omitempty"`   // proportion: conversions / visitors
	TreatmentRate *float64 `json:"treatment_rate,omitempty"` // proportion
	ControlMean   *float64 `json:"control_mean,omitempty"`   // mean: as given
	TreatmentMean *float64 `json:"treatment_mean,omitempty"` // mean

	AbsoluteLift    float64     `json:"absolute_lift"`    // treatment - control, in the metric's units
	AbsoluteLiftCI  [2]float64  `json:"absolute_lift_ci"` // two-sided 1-alpha interval
	RelativeLift    *float64    `json:"relative_lift"`    // (treatment - control)/|control|; null when control is 0
	RelativeLiftCI  *[2]float64 `json:"relative_lift_ci"` // delta method; null when control is 0
	ConfidenceLevel float64     `json:"confidence_level"` // 1 - alpha, the level of both intervals

	Z           *float64 `json:"z,omitempty"`   // proportion: pooled two-proportion z
	T           *float64 `json:"t,omitempty"`   // mean: Welch's t
	DOF         *float64 `json:"dof,omitempty"` // mean: Welch-Satterthwaite degrees of freedom
	PValue      float64  `json:"p_value"`       // for the request's sides; the always-valid p-value when sequential
	Significant bool     `json:"significant"`   // p_value < alpha

	// FixedHorizonPValue is the classic test's p-value (pooled z or Welch
	// t, for the request's sides), always given: equal to PValue when the
	// request is not sequential.
	FixedHorizonPValue float64 `json:"fixed_horizon_p_value"`
	Sequential         bool    `json:"sequential"` // whether the intervals and p_value are the always-valid ones

	ProbTreatmentBeatsControl float64 `json:"prob_treatment_beats_control"`
	ExpectedLoss              float64 `json:"expected_loss"` // E[max(control - treatment, 0)], metric units

	ControlPosterior   SignificancePosterior `json:"control_posterior"`
	TreatmentPosterior SignificancePosterior `json:"treatment_posterior"`

	ObservedControlShare float64 `json:"observed_control_share"` // control's share of all visitors
	SRMPValue            float64 `json:"srm_p_value"`
	SRMDetected          bool    `json:"srm_detected"` // srm_p_value < 0.001
	Notes
}

// SignificancePosterior is one arm's posterior distribution of its true rate
// or mean, for drawing: Beta(alpha, beta) for a conversion rate (uniform
// prior), Normal(mean, sd) for a mean (flat prior, the normal approximation).
// Mean and SD are given for both, so a chart can choose its axis as
// mean ± 4 sd without knowing the family.
type SignificancePosterior struct {
	Distribution string   `json:"distribution"`    // "beta" or "normal"
	Alpha        *float64 `json:"alpha,omitempty"` // beta: 1 + conversions
	Beta         *float64 `json:"beta,omitempty"`  // beta: 1 + visitors - conversions
	Mean         float64  `json:"mean"`
	SD           float64  `json:"sd"`
}

// significanceFields are the significance calculator's request fields, a
// variable of their own so that computeSignificance can read them without
// an initialization cycle.
var significanceFields = []Field{
	{Name: "metric", Label: "Metric", Type: String, Default: "proportion", Enum: []string{"proportion", "mean"}, EnumLabels: metricLabels,
		Help: "What the test measured: a conversion rate (proportion) or an average per visitor such as revenue (mean)."},
	forMetric("proportion", Field{Name: "control_visitors", Label: "Visitors in control", Type: Integer, Unit: Count, Example: 10000,
		Min: ptr(1), Max: ptr(maxSignificanceCount),
		Help: "How many visitors saw the control (the current version)."}),
	forMetric("proportion", Field{Name: "control_conversions", Label: "Conversions in control", Type: Integer, Unit: Count, Example: 200,
		Min: ptr(0), Max: ptr(maxSignificanceCount),
		Help: "How many of the control's visitors converted; count each visitor once, not each order."}),
	forMetric("proportion", Field{Name: "treatment_visitors", Label: "Visitors in treatment", Type: Integer, Unit: Count, Example: 10000,
		Min: ptr(1), Max: ptr(maxSignificanceCount),
		Help: "How many visitors saw the treatment (the new, personalized version)."}),
	forMetric("proportion", Field{Name: "treatment_conversions", Label: "Conversions in treatment", Type: Integer, Unit: Count, Example: 250,
		Min: ptr(0), Max: ptr(maxSignificanceCount),
		Help: "How many of the treatment's visitors converted; count each visitor once, not each order."}),
	forMetric("mean", Field{Name: "control_n", Label: "Visitors in control", Type: Integer, Unit: Count, Example: 5000,
		Min: ptr(2), Max: ptr(maxSignificanceCount),
		Help: "How many visitors the control's average is taken over."}),
	forMetric("mean", Field{Name: "control_mean", Label: "Control average per visitor", Type: Number, Example: 2.5,
		Min: ptr(-1e12), Max: ptr(1e12),
		Help: "The control's average per visitor, for example revenue per visitor."}),
	forMetric("mean", Field{Name: "control_sd", Label: "Control standard deviation", Type: Number, Example: 12,
		Min: ptr(0), Max: ptr(1e12), MinExclusive: true,
		Help: "How much the metric varies from one control visitor to the next (the standard deviation, in your analytics or spreadsheet export)."}),
	forMetric("mean", Field{Name: "treatment_n", Label: "Visitors in treatment", Type: Integer, Unit: Count, Example: 5000,
		Min: ptr(2), Max: ptr(maxSignificanceCount),
		Help: "How many visitors the treatment's average is taken over."}),
	forMetric("mean", Field{Name: "treatment_mean", Label: "Treatment average per visitor", Type: Number, Example: 2.8,
		Min: ptr(-1e12), Max: ptr(1e12),
		Help: "The treatment's average per visitor, in the same units as the control's."}),
	forMetric("mean", Field{Name: "treatment_sd", Label: "Treatment standard deviation", Type: Number, Example: 13,
		Min: ptr(0), Max: ptr(1e12), MinExclusive: true,
		Help: "How much the metric varies from one treatment visitor to the next (the standard deviation)."}),
	{Name: "alpha", Label: "Significance level (alpha)", Type: Number, Unit: Fraction, Default: 0.05,
		Min: ptr(0), Max: ptr(0.5), MinExclusive: true, MaxExclusive: true, Advanced: true,
		Help: "The false-positive rate you accept: 0.05 means a 5 % chance of calling a winner when there is no real difference. The intervals are at 1 - alpha (95 %)."},
	{Name: "sides", Label: "Sides", Type: Integer, Default: 2, Min: ptr(1), Max: ptr(2), Advanced: true,
		Help: "2 tests for a difference in either direction; 1 tests only whether the treatment is better. Choose before the test starts, never after seeing the data."},
	{Name: "expected_control_share", Label: "Planned control share", Type: Number, Unit: Fraction, Default: 0.5,
		Min: ptr(0), Max: ptr(1), MinExclusive: true, MaxExclusive: true, Advanced: true,
		Help: "The share of visitors the test was set up to send to control: 0.5 for an even split. Used to check that the split worked (sample ratio mismatch)."},
	{Name: "sequential", Label: "I will look at the results more than once (sequential)", Type: Boolean, Default: false,
		Help: "Gives an always-valid result that stays correct however often you look and whenever you stop: the intervals are wider than a single look's, and in exchange checking daily and stopping at the first win no longer inflates false positives. Two-sided only."},
	shownWhen(Field{Name: "sequential_tuning", Label: "Sequential tuning (visitors)", Type: Number, Unit: Count, Default: defaultSequentialTuning,
		Min: ptr(1), Max: ptr(1e9), Advanced: true,
		Help: "The number of visitors, both groups together, at which the always-valid interval is tightest; 5000 is GrowthBook's default. Set it near the total you expect when you will most likely decide."},
		when("sequential", "true")),
}

var significanceCalc = define(withMetricMessages(Calculator{
	Name:        "significance",
	Title:       "A/B test significance",
	Description: "Whether the difference between control and treatment in an A/B test is real: p-value, confidence interval, the chance the treatment is better, and a check of the traffic split.",
	Fields:      significanceFields,
	Outputs: []Output{
		{Name: "metric", Label: "Metric", Help: "The metric analysed: proportion or mean."},
		{Name: "control_rate", Label: "Control conversion rate", Unit: Fraction, Help: "Conversions divided by visitors in control."},
		{Name: "treatment_rate", Label: "Treatment conversion rate", Unit: Fraction, Help: "Conversions divided by visitors in the treatment."},
		{Name: "control_mean", Label: "Control average", Help: "The control's average per visitor, as given."},
		{Name: "treatment_mean", Label: "Treatment average", Help: "The treatment's average per visitor, as given."},
		{Name: "absolute_lift", Label: "Absolute lift", Help: "Treatment minus control, in the metric's units (percentage points as a fraction for rates)."},
		{Name: "absolute_lift_ci", Label: "Absolute lift interval", Help: "The range that holds the true difference with probability 1 - alpha (unpooled Wald interval for rates, Welch interval for means)."},
		{Name: "relative_lift", Label: "Relative lift", Unit: Fraction, Help: "The difference as a share of the control, (treatment - control) / |control|: 0.25 means the treatment is 25 % higher. Divided by the control's absolute value, so the sign is always that of the difference, also when the control's average is negative (a loss, say): from -4 to -3 is +25 %, from -4 to -5 is -25 %. Empty when the control is 0."},
		{Name: "relative_lift_ci", Label: "Relative lift interval", Unit: Fraction, Help: "The 1 - alpha range of the relative lift, by the delta method, over the control's absolute value like the lift itself. Empty when the control is 0."},
		{Name: "confidence_level", Label: "Confidence level", Unit: Fraction, Help: "1 - alpha: the level of both intervals."},
		{Name: "z", Label: "z statistic", Unit: Plain, Help: "The pooled two-proportion z statistic; its square is the chi-square statistic without continuity correction."},
		{Name: "t", Label: "t statistic", Unit: Plain, Help: "Welch's t statistic, which does not assume equal variances."},
		{Name: "dof", Label: "Degrees of freedom", Unit: Plain, Help: "The Welch-Satterthwaite degrees of freedom of the t statistic."},
		{Name: "p_value", Label: "p-value", Help: "The chance of a difference at least this large if the treatment had no effect."},
		{Name: "significant", Label: "Significant", Help: "Whether the p-value is below alpha."},
		{Name: "fixed_horizon_p_value", Label: "Fixed-horizon p-value", Help: "The classic test's p-value, valid only when the result is read once at a sample size fixed in advance; the same as the p-value unless the result is sequential."},
		{Name: "sequential", Label: "Sequential result", Help: "Whether the intervals and the p-value are the always-valid (sequential) ones, which stay correct however often the test is read."},
		{Name: "prob_treatment_beats_control", Label: "Chance the treatment is better", Unit: Fraction,
			Help: "The Bayesian probability that the treatment's true rate (or mean) is above the control's, starting from a uniform prior (exact for rates, normal approximation for means)."},
		{Name: "expected_loss", Label: "Expected loss if you ship", Help: "The average shortfall of shipping the treatment over all outcomes: E[max(C - T, 0)] under the posteriors of the control's (C) and the treatment's (T) true rate or mean, where outcomes in which the treatment is better count as 0. In the metric's units: an absolute difference of rates for a proportion (0.001 is 0.1 percentage points), the metric's own units per visitor for a mean. Below the smallest difference you care about, shipping now risks little even if the treatment is in fact worse."},
		{Name: "control_posterior", Label: "Control posterior", Help: "The control's posterior distribution, for the chart: Beta(alpha, beta) for rates, Normal(mean, sd) for means."},
		{Name: "treatment_posterior", Label: "Treatment posterior", Help: "The treatment's posterior distribution, for the chart."},
		{Name: "observed_control_share", Label: "Observed control share", Unit: Fraction, Help: "The share of visitors that ended up in control."},
		{Name: "srm_p_value", Label: "Sample-ratio p-value", Help: "The chi-square test of the visitor split against the planned control share."},
		{Name: "srm_detected", Label: "Sample ratio mismatch", Help: "Whether the split differs from the plan beyond chance (p below 0.001): if so, fix the split before trusting the result."},
	},
}), withoutHooks(computeSignificance))

// Significance analyses an A/B test. The error, when not nil, is Errors
// listing every problem with the request.
func Significance(req SignificanceRequest) (*SignificanceResponse, error) {
	return runTyped[SignificanceRequest, *SignificanceResponse](significanceCalc, req, Hooks{})
}

// withMetricMessages ends the message of every field a metric requires
// with what the metric is and the field's help: "Visitors in control is
// required when the metric is a conversion rate (proportion): how many ...".
func withMetricMessages(c Calculator) Calculator {
	what := map[string]string{"proportion": "a conversion rate (proportion)", "mean": "an average per visitor (mean)"}
	for i := range c.Fields {
		f := &c.Fields[i]
		if cl := f.RequiredWhen.Clauses(); len(cl) == 1 && cl[0].Field == "metric" && len(cl[0].In) == 1 {
			f.RequiredMessage = fmt.Sprintf("when the metric is %s: %s", what[cl[0].In[0]], lowerFirst(f.Help))
		}
	}
	return c
}

func (r *SignificanceRequest) check(p *problems) {
	if r.Sequential && r.Sides == 1 && !p.has("sides") {
		p.add("sides", CodeInconsistent, "Sides must be 2 when the result is sequential: the always-valid test is two-sided only. Set sides to 2, or turn sequential off for a one-sided test read once.")
	}
	if r.Metric != "proportion" && r.Metric != "mean" {
		return // an unknown metric is reported on its own; nothing follows from it
	}
	if r.Metric == "mean" {
		r.checkSpread(p)
		return
	}
	conversionsWithin := func(conv, visitors *int, convField, visitorsField, arm string) {
		if conv == nil || visitors == nil || p.has(convField) || p.has(visitorsField) || *conv <= *visitors {
			return
		}
		p.add(convField, CodeInconsistent, fmt.Sprintf(
			"Conversions in %s (%s) cannot be more than visitors in %s (%s): each visitor converts at most once, so count converting visitors, not orders.",
			arm, FormatCount(float64(*conv)), arm, FormatCount(float64(*visitors))))
	}
	conversionsWithin(r.ControlConversions, r.ControlVisitors, "control_conversions", "control_visitors", "control")
	conversionsWithin(r.TreatmentConversions, r.TreatmentVisitors, "treatment_conversions", "treatment_visitors", "treatment")
}

// checkSpread rejects standard deviations so small against the difference
// of the averages that the standard error underflows or t overflows: no
// real metric is measured that finely, and the test has no finite answer.
func (r *SignificanceRequest) checkSpread(p *problems) {
	for _, f := range significanceFields {
		if cl := f.ShowWhen.Clauses(); len(cl) == 1 && cl[0].Field == "metric" && cl[0].In[0] == "mean" && p.has(f.Name) {
			return
		}
	}
	if r.ControlSD == nil || r.TreatmentSD == nil || r.ControlN == nil || r.TreatmentN == nil || r.ControlMean == nil || r.TreatmentMean == nil {
		return // reported as required
	}
	se := math.Hypot(*r.ControlSD/math.Sqrt(float64(*r.ControlN)), *r.TreatmentSD/math.Sqrt(float64(*r.TreatmentN)))
	if se > 0 && isFinite((*r.TreatmentMean-*r.ControlMean)/se) {
		return
	}
	field, label := "control_sd", "Control standard deviation"
	if *r.TreatmentSD < *r.ControlSD {
		field, label = "treatment_sd", "Treatment standard deviation"
	}
	p.add(field, CodeOutOfRange, fmt.Sprintf(
		"%s is too small to compute the test (%s): enter it in the same units as the averages, such as 12.5 for revenue per visitor in dollars.",
		label, formatNumber(math.Min(*r.ControlSD, *r.TreatmentSD))))
}

// computeSignificance analyses a valid request: the metric's test, the
// Bayesian comparison, and the sample-ratio check, which is the same for both
// metrics.
func computeSignificance(r *SignificanceRequest) (*SignificanceResponse, error) {
	resp := &SignificanceResponse{Metric: r.Metric, ConfidenceLevel: 1 - r.Alpha}
	var nC, nT, mC, mT, vC, vT float64
	if r.Metric == "proportion" {
		nC, nT = float64(*r.ControlVisitors), float64(*r.TreatmentVisitors)
		cC, cT := float64(*r.ControlConversions), float64(*r.TreatmentConversions)
		mC, mT = cC/nC, cT/nT
		vC, vT = mC*((nC-cC)/nC)/nC, mT*((nT-cT)/nT)/nT
		significanceProportion(r, resp)
	} else {
		nC, nT = float64(*r.ControlN), float64(*r.TreatmentN)
		mC, mT = *r.ControlMean, *r.TreatmentMean
		vC, vT = *r.ControlSD**r.ControlSD/nC, *r.TreatmentSD**r.TreatmentSD/nT
		significanceMean(r, resp)
	}
	resp.FixedHorizonPValue = resp.PValue
	if r.Sequential {
		resp.Sequential = true
		applySequential(r, resp, mC, mT, vC, vT, nC+nT)
	}
	resp.Significant = resp.PValue < r.Alpha
	sampleRatioCheck(nC, nT, r.ExpectedControlShare, resp)

	var unused []string
	v := reflect.ValueOf(r).Elem()
	idx := jsonFields(v.Type())
	for i := range significanceFields {
		f := &significanceFields[i]
		if !f.ShowWhen.IsZero() && f.ShowWhen.Fields()[0] == "metric" && isSet(v, idx, f.Name) && !f.ShowWhen.Holds(func(name string) (any, bool) { return valueOf(v, idx, name) }) {
			unused = append(unused, f.Name)
		}
	}
	if !r.Sequential && r.SequentialTuning != defaultSequentialTuning {
		resp.warn("unused_fields", "sequential_tuning is ignored: it is used only when sequential is true.")
	}
	if len(unused) > 0 {
		resp.warn("unused_fields", fmt.Sprintf("%s %s ignored: %s for the metric %q, and this request's metric is %q.",
			strings.Join(unused, ", "), pluralVerb(len(unused)), pluralBelong(len(unused)), otherMetric(r.Metric), r.Metric))
	}
	return resp, nil
}

func pluralVerb(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func pluralBelong(n int) string {
	if n == 1 {
		return "it is used only"
	}
	return "they are used only"
}

func otherMetric(m string) string {
	if m == "proportion" {
		return "mean"
	}
	return "proportion"
}

// significanceProportion compares two conversion rates, pC = cC/nC and
// pT = cT/nT, with d = pT - pC:
//
//	absolute_lift_ci = d ± z(1-alpha/2) sqrt(pC(1-pC)/nC + pT(1-pT)/nT)        (unpooled Wald)
//	relative_lift    = d/pC, ± z(1-alpha/2) sqrt(vT + (pT/pC)² vC)/pC            (delta method, v = p(1-p)/n)
//	z                = d / sqrt(p̄(1-p̄)(1/nC + 1/nT)), p̄ = (cC+cT)/(nC+nT)      (pooled; z² = chi-square)
//	p_value          = 2 Φ(-|z|) two-sided, Φ(-z) one-sided
//
// which are R's prop.test(correct = FALSE) for the p-value and the absolute
// interval. The posteriors are Beta(1 + c, 1 + n - c), compared exactly by
// compareBetas. When no visitor in either arm converted, or every visitor in
// both did, z is 0/0: it is reported as 0 with p_value 1, which is what
// Fisher's exact test gives for such a table. When every rate is 0 or 1 the
// Wald standard error is 0 and the interval [d, d]: the zero_width_interval
// warning says why.
func significanceProportion(r *SignificanceRequest, resp *SignificanceResponse) {
	nC, cC := float64(*r.ControlVisitors), float64(*r.ControlConversions)
	nT, cT := float64(*r.TreatmentVisitors), float64(*r.TreatmentConversions)
	pC, pT := cC/nC, cT/nT
	qC, qT := (nC-cC)/nC, (nT-cT)/nT // 1 - p, without rounding away small non-conversion rates
	resp.ControlRate, resp.TreatmentRate = &pC, &pT

	d := pT - pC
	zq := -unitNormalQuantile(r.Alpha / 2) // z(1-alpha/2), exact for tiny alpha too
	seC, seT := math.Sqrt(pC*qC/nC), math.Sqrt(pT*qT/nT)
	se := math.Hypot(seC, seT)
	resp.AbsoluteLift = d
	resp.AbsoluteLiftCI = [2]float64{d - zq*se, d + zq*se}
	if se == 0 {
		resp.warn("zero_width_interval", fmt.Sprintf(
			"The lift's interval has no width: in each group every visitor did the same thing (%s of control and %s of the treatment converted), so the observed rates vary by nothing and the interval, which is computed from that variation, shrinks to a single value. "+
				"It does not mean the lift is known exactly: the true rates may well lie away from 0 %% and 100 %%. Collect more visitors before reading the interval.",
			formatShare(pC), formatShare(pT)))
	}
	if cC == 0 {
		resp.warn("relative_lift_undefined", "The relative lift is not shown because the control has no conversions: a change relative to 0 % is undefined. The absolute lift and the p-value are still valid.")
	} else {
		rel := d / pC
		seRel := math.Hypot(seT, pT/pC*seC) / pC
		resp.RelativeLift = &rel
		resp.RelativeLiftCI = &[2]float64{rel - zq*seRel, rel + zq*seRel}
	}

	conv, nonconv, total := cC+cT, (nC-cC)+(nT-cT), nC+nT
	var z float64
	switch {
	case conv == 0:
		resp.PValue = 1
		resp.warn("no_conversions", "Neither group has any conversions yet, so the test has no evidence either way: z is shown as 0 and the p-value as 1. Keep the test running.")
	case nonconv == 0:
		resp.PValue = 1
		resp.warn("all_converted", "Every visitor converted in both groups, so the test has no evidence either way: z is shown as 0 and the p-value as 1. Check that conversions count visitors, not orders.")
	default:
		pool, qool := conv/total, nonconv/total
		z = d / math.Sqrt(pool*qool*(1/nC+1/nT))
		resp.PValue = normalPValue(z, r.Sides)
		smallCountsWarning(resp, nC*pool, nC*qool, nT*pool, nT*qool)
	}
	resp.Z = &z

	aC, bC, aT, bT := 1+cC, 1+nC-cC, 1+cT, 1+nT-cT
	cmp := compareBetas(aC, bC, aT, bT)
	resp.ProbTreatmentBeatsControl = cmp.probTreatmentBetter
	resp.ExpectedLoss = cmp.expectedLoss
	resp.ControlPosterior = betaPosterior(aC, bC)
	resp.TreatmentPosterior = betaPosterior(aT, bT)
}

// smallCountsWarning warns when an expected count of the 2x2 table under no
// difference (visitors x pooled rate, or x pooled non-conversion rate) is
// below 10, when the normal approximation behind z and the Wald interval
// becomes rough, and more strongly below 5, the classic limit of the
// chi-square test.
func smallCountsWarning(resp *SignificanceResponse, convC, nonC, convT, nonT float64) {
	type cell struct {
		expected float64
		what     string
	}
	cells := []cell{{convC, "conversions in control"}, {nonC, "non-conversions in control"},
		{convT, "conversions in the treatment"}, {nonT, "non-conversions in the treatment"}}
	low := cells[0]
	for _, c := range cells[1:] {
		if c.expected < low.expected {
			low = c
		}
	}
	switch {
	case low.expected < 5:
		resp.warn("small_counts", fmt.Sprintf(
			"Only %s %s are expected if there is no difference, fewer than 5: the normal approximation behind the p-value and the interval is unreliable here. Collect more data, or use Fisher's exact test.",
			formatNumber(low.expected), low.what))
	case low.expected < 10:
		resp.warn("small_counts", fmt.Sprintf(
			"Only %s %s are expected if there is no difference, fewer than 10: the normal approximation behind the p-value and the interval is rough, so treat them as approximate.",
			formatNumber(low.expected), low.what))
	}
}

// betaPosterior describes Beta(a, b): mean a/(a+b), variance
// ab/((a+b)²(a+b+1)).
func betaPosterior(a, b float64) SignificancePosterior {
	s := a + b
	return SignificancePosterior{Distribution: "beta", Alpha: &a, Beta: &b,
		Mean: a / s, SD: math.Sqrt(a/s) * math.Sqrt(b/s) / math.Sqrt(s+1)}
}

// significanceMean compares two averages by Welch's test. With standard
// errors uC = sC/√nC, uT = sT/√nT, se = √(uC² + uT²) and d = mT - mC:
//
//	t   = d / se,   dof = se⁴ / (uC⁴/(nC-1) + uT⁴/(nT-1))     (Welch-Satterthwaite)
//	absolute_lift_ci = d ± t(1-alpha/2, dof) se
//	relative_lift    = d/|mC|, ± z(1-alpha/2) √(uT² + (mT/mC)² uC²)/|mC|   (delta method)
//
// which is R's t.test(var.equal = FALSE). An interval narrower than the
// rounding of its centre (sd > 0, so only by float precision) gets the
// zero_width_interval warning. Dividing by |mC| keeps the sign of
// the relative lift that of the difference when the control's average is
// negative (a loss, say); for a positive control it is (mT - mC)/mC. The
// Bayesian outputs take the difference of the true means as Normal(d, se²)
// (flat priors, the normal approximation):
//
//	prob_treatment_beats_control = Φ(d/se)
//	expected_loss = E[max(-D, 0)] = se (φ(d/se) - (d/se) Φ(-d/se))
func significanceMean(r *SignificanceRequest, resp *SignificanceResponse) {
	nC, mC, sC := float64(*r.ControlN), *r.ControlMean, *r.ControlSD
	nT, mT, sT := float64(*r.TreatmentN), *r.TreatmentMean, *r.TreatmentSD
	resp.ControlMean, resp.TreatmentMean = &mC, &mT

	uC, uT := sC/math.Sqrt(nC), sT/math.Sqrt(nT)
	se := math.Hypot(uC, uT)
	wC, wT := (uC/se)*(uC/se), (uT/se)*(uT/se) // shares of the variance, without forming se⁴
	dof := 1 / (wC*wC/(nC-1) + wT*wT/(nT-1))
	d := mT - mC
	t := d / se
	resp.AbsoluteLift = d
	tq := -studentTQuantile(r.Alpha/2, dof)
	resp.AbsoluteLiftCI = [2]float64{d - tq*se, d + tq*se}
	resp.T, resp.DOF = &t, &dof
	if r.Sides == 1 {
		resp.PValue = studentTSurvival(t, dof)
	} else {
		resp.PValue = 2 * studentTSurvival(math.Abs(t), dof)
	}

	if mC == 0 {
		resp.warn("relative_lift_undefined", "The relative lift is not shown because the control's average is 0: a change relative to 0 is undefined. The absolute lift and the p-value are still valid.")
	} else {
		zq := -unitNormalQuantile(r.Alpha / 2)
		rel := d / math.Abs(mC)
		seRel := math.Hypot(uT, mT/mC*uC) / math.Abs(mC)
		lo, hi := rel-zq*seRel, rel+zq*seRel
		if isFinite(rel) && isFinite(lo) && isFinite(hi) {
			resp.RelativeLift = &rel
			resp.RelativeLiftCI = &[2]float64{lo, hi}
		} else {
			resp.warn("relative_lift_undefined", "The relative lift is not shown because the control's average is too close to 0 for a change relative to it to mean anything. The absolute lift and the p-value are still valid.")
		}
	}
	// The standard deviations are > 0, so an interval has no width only
	// when its half-width is below the rounding of its centre.
	if ci := resp.RelativeLiftCI; resp.AbsoluteLiftCI[0] == resp.AbsoluteLiftCI[1] || (ci != nil && ci[0] == ci[1]) {
		resp.warn("zero_width_interval", fmt.Sprintf(
			"The lift's interval has no width at the precision of the numbers: the standard deviations (%s and %s) are so small against the averages (%s and %s) that the interval's half-width is lost in rounding. "+
				"Check that the standard deviations are in the same units as the averages.",
			formatNumber(sC), formatNumber(sT), formatNumber(mC), formatNumber(mT)))
	}
	if min(nC, nT) < 30 {
		resp.warn("small_samples", fmt.Sprintf(
			"Only %s visitors are in the smaller group, fewer than 30: the t-test and the chance of beating control assume the averages are roughly normal, which needs more visitors when the metric is skewed (revenue usually is). Treat the results as approximate.",
			formatNumber(min(nC, nT))))
	}

	zd := d / se
	resp.ProbTreatmentBeatsControl = unitNormalCDF(zd)
	resp.ExpectedLoss = math.Max(0, se*(unitNormalPDF(zd)-zd*unitNormalCDF(-zd)))
	resp.ControlPosterior = SignificancePosterior{Distribution: "normal", Mean: mC, SD: uC}
	resp.TreatmentPosterior = SignificancePosterior{Distribution: "normal", Mean: mT, SD: uT}
}

func isFinite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// normalPValue is the p-value of a z statistic: 2 Φ(-|z|) for a two-sided
// test, Φ(-z) = P(Z >= z) for a one-sided test that the treatment is better.
// Upper tails are taken as Φ(-z), from erfc: 1 - Φ(z) (as gonum's
// Normal.Survival computes it) returns 0 beyond z = 8.3.
func normalPValue(z float64, sides int) float64 {
	if sides == 1 {
		return unitNormalCDF(-z)
	}
	return 2 * unitNormalCDF(-math.Abs(z))
}

// sampleRatioCheck tests the visitor split against the planned control share
// s by Pearson's chi-square goodness of fit with one degree of freedom:
//
//	X² = (nC - N s)²/(N s) + (nT - N(1-s))²/(N(1-s)) = (nC - N s)²/(N s (1-s)),  N = nC + nT
//
// as R's chisq.test(c(nC, nT), p = c(s, 1-s)).
func sampleRatioCheck(nC, nT, s float64, resp *SignificanceResponse) {
	total := nC + nT
	dev := nC - total*s
	x2 := dev * dev / (total * s * (1 - s))
	resp.ObservedControlShare = nC / total
	resp.SRMPValue = chiSquared1Survival(x2)
	resp.SRMDetected = resp.SRMPValue < srmThreshold
	if resp.SRMDetected {
		resp.warn("srm_detected", fmt.Sprintf(
			"Sample ratio mismatch: control received %s of visitors where %s was planned, a gap that chance explains with a probability of %s. A broken split (redirects, bots, tracking or assignment bugs) biases every number here: find and fix the cause before trusting the result.",
			formatShare(resp.ObservedControlShare), formatShare(s), describeSmallProbability(resp.SRMPValue)))
	}
}

// describeSmallProbability writes a probability below 0.001 for a sentence.
func describeSmallProbability(p float64) string {
	if p < 1e-6 {
		return "less than one in a million"
	}
	return formatNumber(p)
}

// largeDOF is the number of degrees of freedom above which Student's t is
// computed by its expansion around the normal rather than through the
// incomplete beta function (studentTDistSurvival, as gonum's StudentsT),
// which loses accuracy there (relative errors of 1e-8 at 1e8 degrees of
// freedom and 1e-5 at 1e10, against R's pt).
const largeDOF = 1e5

// studentTExpansion is the Cornish-Fisher expansion of Student's t quantile
// in powers of 1/nu (Abramowitz & Stegun 26.7.5):
//
//	t = x + g1(x)/nu + g2(x)/nu² + g3(x)/nu³ + g4(x)/nu⁴
//
// with x the normal quantile. It returns t and dt/dx. For nu > 1e5 the
// omitted terms are below 1e-20 in the bulk.
func studentTExpansion(x, nu float64) (t, dt float64) {
	x2 := x * x
	g1 := (x2 + 1) * x / 4
	g2 := ((5*x2+16)*x2 + 3) * x / 96
	g3 := (((3*x2+19)*x2+17)*x2 - 15) * x / 384
	g4 := ((((79*x2+776)*x2+1482)*x2-1920)*x2 - 945) * x / 92160
	d1 := 3*x2/4 + 1.0/4
	d2 := ((25*x2+48)*x2 + 3) / 96
	d3 := (((21*x2+95)*x2+51)*x2 - 15) / 384
	d4 := ((((711*x2+5432)*x2+7410)*x2-5760)*x2 - 945) / 92160
	inv := 1 / nu
	t = x + inv*(g1+inv*(g2+inv*(g3+inv*g4)))
	dt = 1 + inv*(d1+inv*(d2+inv*(d3+inv*d4)))
	return t, dt
}

// studentTQuantile returns the p-quantile of Student's t with nu > 0 degrees
// of freedom, 0 < p < 1.
func studentTQuantile(p, nu float64) float64 {
	if nu <= largeDOF {
		return studentTDistQuantile(p, nu)
	}
	t, _ := studentTExpansion(unitNormalQuantile(p), nu)
	return t
}

// studentTSurvival returns P(T > t) for Student's t with nu > 0 degrees of
// freedom. Above largeDOF it inverts the Cornish-Fisher expansion by Newton's
// method, t = T(x), and returns the normal tail beyond x.
func studentTSurvival(t, nu float64) float64 {
	if nu <= largeDOF {
		return studentTDistSurvival(t, nu)
	}
	// Beyond |t| = 40 the tail is below 1e-340 for any nu > 1e5, and the
	// expansion in powers of x²/nu no longer converges.
	switch {
	case t > 40:
		return 0
	case t < -40:
		return 1
	}
	x := t
	for i := 0; i < 8; i++ {
		tx, dt := studentTExpansion(x, nu)
		step := (tx - t) / dt
		x -= step
		if math.Abs(step) <= 1e-15*math.Abs(x) {
			break
		}
	}
	return unitNormalCDF(-x) // not Survival: see normalPValue
}
