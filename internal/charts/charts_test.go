package charts

import (
	"bytes"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/reference"
)

// chartCase is a request whose response feeds Build.
type chartCase struct {
	name, calc, request string
	// series: for each chart id, the series types in order; a missing id
	// means the chart's option must be null.
	series map[string][]string
}

// The requests of shared/reference/cases.json (and a few variants).
var chartCases = []chartCase{
	{"samplesize-r-equal-split", "samplesize", `{"baseline_rate": 0.05, "mde": 0.1}`,
		map[string][]string{"visitors-vs-mde": {"line"}}},
	{"samplesize-duration", "samplesize", `{"baseline_rate": 0.05, "mde": 0.1, "daily_visitors": 5000}`,
		map[string][]string{"visitors-vs-mde": {"line", "line"}, "mde-by-week": {"line"}}},
	{"samplesize-mean-by-week", "samplesize", `{"metric": "mean", "baseline_sd": 3, "mde": 0.2, "mde_type": "absolute", "daily_visitors": 0.1}`,
		map[string][]string{"visitors-vs-mde": {"line", "line"}, "mde-by-week": {"line"}}},
	{"samplesize-absolute", "samplesize", `{"baseline_rate": 0.1, "mde": 0.02, "mde_type": "absolute"}`,
		map[string][]string{"visitors-vs-mde": {"line"}}},
	{"samplesize-revenue-per-visitor", "samplesize", `{"metric": "mean", "baseline_mean": 2.5, "baseline_sd": 12, "mde": 0.05}`,
		map[string][]string{"visitors-vs-mde": {"line"}}},
	{"samplesize-unequal-three-arms", "samplesize", `{"baseline_rate": 0.05, "mde": 0.1, "variants": 3, "control_share": 0.5, "daily_visitors": 20000}`,
		map[string][]string{"visitors-vs-mde": {"line", "line", "line"}, "mde-by-week": {"line"}}},
	{"samplesize-large-mde", "samplesize", `{"baseline_rate": 0.6, "mde": 0.5}`, // the curve stops where the target passes 100 %
		map[string][]string{"visitors-vs-mde": {"line"}}},
	{"significance-200-vs-250", "significance", `{"control_visitors": 10000, "control_conversions": 200, "treatment_visitors": 10000, "treatment_conversions": 250}`,
		map[string][]string{"posteriors": {"line", "line"}}},
	{"significance-zero-control", "significance", `{"control_visitors": 500, "control_conversions": 0, "treatment_visitors": 500, "treatment_conversions": 5}`,
		map[string][]string{"posteriors": {"line", "line"}}},
	{"significance-huge", "significance", `{"control_visitors": 10000000, "control_conversions": 9999000, "treatment_visitors": 10000000, "treatment_conversions": 9999100}`,
		map[string][]string{"posteriors": {"line", "line"}}},
	{"significance-mean", "significance", `{"metric": "mean", "control_n": 5000, "control_mean": 52.3, "control_sd": 40, "treatment_n": 5000, "treatment_mean": 54.1, "treatment_sd": 41}`,
		map[string][]string{"posteriors": {"line", "scatter"}}},
	{"clv-lifespan", "clv", `{"average_order_value": 75, "purchases_per_year": 3, "lifespan_years": 2.5, "gross_margin": 0.6}`,
		map[string][]string{"cumulative-value": {"bar"}}},
	{"clv-retention", "clv", `{"average_order_value": 100, "purchases_per_year": 1, "retention_rate": 0.8, "discount_rate": 0.1}`,
		map[string][]string{"cumulative-value": {"bar"}}},
	{"roi-public-1", "roi", `{"monthly_visitors": 200000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "expected_lift": 0.05, "one_time_cost": 50000, "monthly_cost": 5000, "horizon_months": 36, "discount_rate": 0.1}`,
		map[string][]string{"cash-flow": {"line"}, "tornado": {"bar", "bar"}}},
	{"roi-public-2", "roi", `{"monthly_visitors": 200000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "expected_lift": 0.05, "lift_low": -0.01, "lift_high": 0.11, "addressable_share": 0.6, "one_time_cost": 50000, "monthly_cost": 5000, "horizon_months": 36, "discount_rate": 0.1, "ramp_months": 3, "risk_adjustment": 0.1}`,
		map[string][]string{"cash-flow": {"line"}, "npv-distribution": {"bar"}, "tornado": {"bar", "bar"}}},
	{"roi-pays-back", "roi", roiPaysBack,
		map[string][]string{"cash-flow": {"line"}, "npv-distribution": {"bar"}, "tornado": {"bar", "bar"}}},
	{"prioritize-public-1", "prioritize", `{"monthly_visitors": 200000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "budget": 70000, "ideas": [{"name": "Recommendations", "expected_lift": 0.05, "one_time_cost": 50000, "monthly_cost": 2000}, {"name": "Search", "expected_lift": 0.03, "addressable_share": 0.6, "one_time_cost": 20000, "monthly_cost": 1000}, {"name": "Loser", "expected_lift": -0.02, "one_time_cost": 10000}]}`,
		map[string][]string{"idea-npv": {"bar"}, "idea-return-days": {"scatter"}}},
	{"prioritize-page-example", "prioritize", prioritizeExample,
		map[string][]string{"idea-npv": {"bar", "scatter"}, "idea-return-days": {"scatter", "scatter"}}},
	{"prioritize-nothing-to-test", "prioritize", `{"monthly_visitors": 1000, "conversion_rate": 0.02, "value_per_conversion": 80, "ideas": [{"name": "Flat", "expected_lift": 0, "one_time_cost": 100}]}`,
		map[string][]string{"idea-npv": {"bar"}}},
	{"roi-never-pays", "roi", `{"monthly_visitors": 1000, "conversion_rate": 0.01, "value_per_conversion": 10, "expected_lift": 0.01, "one_time_cost": 100000, "monthly_cost": 1000, "lift_low": -0.02, "lift_high": 0.04}`,
		map[string][]string{"cash-flow": {"line"}, "npv-distribution": {"bar"}, "tornado": {"bar", "bar"}}},
}

// roiPaysBack is a program that pays back within its horizon (month 9).
const roiPaysBack = `{"monthly_visitors": 500000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "expected_lift": 0.05, "lift_low": 0.0, "lift_high": 0.1, "one_time_cost": 50000, "monthly_cost": 5000, "ramp_months": 6}`

// prioritizeExample is the prioritize page's example with a budget: one
// idea testable in 38 days, two with tests too long, two with lift ranges.
const prioritizeExample = `{"monthly_visitors": 200000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "budget": 80000, "ideas": [{"name": "Recommendations", "expected_lift": 0.08, "lift_low": 0.02, "lift_high": 0.14, "one_time_cost": 50000, "monthly_cost": 2000}, {"name": "Search", "addressable_share": 0.6, "expected_lift": 0.03, "lift_low": 0.01, "lift_high": 0.05, "one_time_cost": 20000, "monthly_cost": 1000}, {"name": "Email", "addressable_share": 0.3, "expected_lift": 0.02, "one_time_cost": 10000}, {"name": "Flat", "expected_lift": 0, "one_time_cost": 1000}]}`

// clvfitResponseJSON is a clvfit response as the contract describes it
// (CDNOW's published BG/NBD fit: Fader, Hardie and Lee 2005, r = 0.243,
// alpha = 4.414, a = 0.793, b = 2.426), with predictions and a holdout.
const clvfitResponseJSON = `{"customers": 5, "repeat_customers": 3, "unique_patterns": 5, "time_unit": "week",
 "bgnbd": {"r": 0.243, "alpha": 4.414, "a": 0.793, "b": 2.426, "log_likelihood": -9582.4, "converged": true},
 "gamma_gamma": {"p": 6.25, "q": 3.74, "v": 15.44, "log_likelihood": -4000},
 "customers_predictions": [
  {"customer_id": "1", "frequency": 2, "recency": 30.43, "T": 38.86, "p_alive": 0.7266, "expected_purchases": 1.226, "expected_average_spend": 35.2, "clv": 41.5},
  {"customer_id": "2", "frequency": 0, "recency": 0, "T": 38.86, "p_alive": 1, "expected_purchases": 0.14, "expected_average_spend": 35.1, "clv": 4.6},
  {"customer_id": "3", "frequency": 12, "recency": 37, "T": 38.86, "p_alive": 0.95, "expected_purchases": 6.1, "expected_average_spend": 80, "clv": 480},
  {"customer_id": "4", "frequency": 1, "recency": 2, "T": 38.86, "p_alive": 0.3, "expected_purchases": 0.1, "expected_average_spend": 30, "clv": 3},
  {"customer_id": "5", "frequency": 3, "recency": 20, "T": 38.86, "p_alive": 0.5, "expected_purchases": 0.9, "expected_average_spend": 40, "clv": null}],
 "holdout": [{"frequency": 0, "customers": 1411, "expected": 0.23, "actual": 0.24}, {"frequency": 1, "customers": 439, "expected": 0.63, "actual": 0.62},
  {"frequency": 2, "customers": 214, "expected": 1.0, "actual": 1.1}],
 "warnings": []}`

// resultOf runs a request through the calculator.
func resultOf(t testing.TB, name, request string) *calc.Result {
	t.Helper()
	res := calc.Run(name, []byte(request), calc.Hooks{})
	if res.Status != calc.StatusOK {
		t.Fatalf("%s %s: status %v: %s", name, request, res.Status, res.JSON())
	}
	return res
}

// clvfitResult is a successful clvfit result with the response written as
// JSON (a response as the contract describes it, for the charts' cases).
func clvfitResult(t testing.TB, response string) *calc.Result {
	t.Helper()
	var r calc.CLVFitResponse
	if err := json.Unmarshal([]byte(response), &r); err != nil {
		t.Fatal(err)
	}
	c, _ := calc.Lookup("clvfit")
	return &calc.Result{Calc: c, Request: c.NewRequest(), Response: &r, Status: calc.StatusOK}
}

// allCharts builds every chart case and the clvfit sample: the inputs of the
// rendering test too.
func allCharts(t *testing.T) map[string][]Chart {
	t.Helper()
	out := map[string][]Chart{}
	for _, c := range chartCases {
		charts, err := Build(resultOf(t, c.calc, c.request))
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		out[c.name] = charts
	}
	charts, err := Build(clvfitResult(t, clvfitResponseJSON))
	if err != nil {
		t.Fatal(err)
	}
	out["clvfit-sample"] = charts
	return out
}

// optionShape is what every option must have.
type optionShape struct {
	Animation *bool `json:"animation"`
	Aria      struct {
		Enabled bool `json:"enabled"`
		Label   struct {
			Description string `json:"description"`
		} `json:"label"`
	} `json:"aria"`
	Title struct {
		Text string `json:"text"`
	} `json:"title"`
	Tooltip *struct{} `json:"tooltip"`
	XAxis   []struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"xAxis"`
	YAxis []struct {
		Type string `json:"type"`
		Name string `json:"name"`
	} `json:"yAxis"`
	Series []struct {
		Type string          `json:"type"`
		Name string          `json:"name"`
		Data json.RawMessage `json:"data"`
	} `json:"series"`
}

func TestBuildEveryCalculator(t *testing.T) {
	built := allCharts(t)
	cases := append([]chartCase(nil), chartCases...)
	cases = append(cases, chartCase{"clvfit-sample", "clvfit", "", map[string][]string{
		"clv-distribution": {"bar"}, "p-alive": {"heatmap"}, "holdout": {"bar", "line"}}})
	for _, c := range cases {
		charts := built[c.name]
		ids := IDs(c.calc)
		if len(ids) == 0 || len(charts) != len(ids) {
			t.Fatalf("%s: %d charts for %d ids", c.name, len(charts), len(ids))
		}
		for i, ch := range charts {
			if ch.Info != ids[i] {
				t.Errorf("%s: chart %d is %v, want %v", c.name, i, ch.Info, ids[i])
			}
			s := string(ch.Option)
			for _, bad := range []string{"NaN", "Infinity", "function", "undefined"} {
				if strings.Contains(s, bad) {
					t.Errorf("%s %s: option contains %q", c.name, ch.ID, bad)
				}
			}
			want, applies := c.series[ch.ID]
			if !applies {
				if s != "null" {
					t.Errorf("%s %s: want a null option, got %.200s", c.name, ch.ID, s)
				}
				continue
			}
			var o optionShape
			if err := json.Unmarshal(ch.Option, &o); err != nil {
				t.Fatalf("%s %s: %v: %.300s", c.name, ch.ID, err, s)
			}
			if o.Animation == nil || *o.Animation || !o.Aria.Enabled || len(o.Aria.Label.Description) < 40 || o.Title.Text == "" || o.Tooltip == nil {
				t.Errorf("%s %s: animation %v, aria %v %q, title %q", c.name, ch.ID, o.Animation, o.Aria.Enabled, o.Aria.Label.Description, o.Title.Text)
			}
			for _, ax := range append(o.XAxis, o.YAxis...) {
				if ax.Type == "value" && ax.Name == "" {
					t.Errorf("%s %s: a value axis without a name", c.name, ch.ID)
				}
			}
			var got []string
			for _, se := range o.Series {
				got = append(got, se.Type)
				if len(se.Data) < 3 || string(se.Data) == "null" {
					t.Errorf("%s %s: series %q has no data", c.name, ch.ID, se.Name)
				}
			}
			if strings.Join(got, ",") != strings.Join(want, ",") {
				t.Errorf("%s %s: series %v, want %v", c.name, ch.ID, got, want)
			}
		}
	}
}

func TestBuildErrors(t *testing.T) {
	if _, err := Build(nil); err == nil {
		t.Error("no result was charted")
	}
	if _, err := Build(calc.Run("roi", []byte(`{}`), calc.Hooks{})); err == nil {
		t.Error("an error result was charted")
	}
	mixed := resultOf(t, "roi", roiPaysBack)
	mixed.Response = clvfitResult(t, clvfitResponseJSON).Response
	if _, err := Build(mixed); err == nil {
		t.Error("a roi result with a clvfit response was charted")
	}
	// A clvfit response without predictions or holdout: every option null.
	charts, err := Build(clvfitResult(t, `{"customers": 10, "bgnbd": {"r": 0.2, "alpha": 4, "a": 0.8, "b": 2.4}, "warnings": []}`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range charts {
		if string(c.Option) != "null" {
			t.Errorf("%s: %s", c.ID, c.Option)
		}
	}
}

// option decodes one chart's option generically.
func option(t *testing.T, charts []Chart, id string) map[string]any {
	t.Helper()
	for _, c := range charts {
		if c.ID == id {
			var m map[string]any
			if err := json.Unmarshal(c.Option, &m); err != nil {
				t.Fatal(err)
			}
			return m
		}
	}
	t.Fatalf("no chart %s", id)
	return nil
}

// values returns a series' data with each go-echarts data item
// ({"value": v, ...}: opts.LineData, opts.BarData...) replaced by its value.
func values(t *testing.T, series any) []any {
	t.Helper()
	data, ok := series.(map[string]any)["data"].([]any)
	if !ok {
		t.Fatalf("series data %v is not an array", series.(map[string]any)["data"])
	}
	out := make([]any, len(data))
	for i, d := range data {
		if m, ok := d.(map[string]any); ok {
			v, has := m["value"]
			if !has {
				t.Fatalf("data item %v has no value", m)
			}
			d = v
		}
		out[i] = d
	}
	return out
}

// points returns a series' data points ([x, y] or [x, y, v]).
func points(t *testing.T, series any) [][]float64 {
	t.Helper()
	var out [][]float64
	b, _ := json.Marshal(values(t, series))
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSampleSizeCurve: the curve passes through the response's own n at the
// request's MDE, is decreasing, and quadruples when the effect halves (n is
// proportional to 1/delta^2 for a mean: the samplesize method in
// content/docs/contract.md).
func TestSampleSizeCurve(t *testing.T) {
	built := allCharts(t)
	o := option(t, built["samplesize-revenue-per-visitor"], "visitors-vs-mde")
	s := o["series"].([]any)[0]
	pts := points(t, s)
	if len(pts) != 25 {
		t.Fatalf("%d points", len(pts))
	}
	own := resultOf(t, "samplesize", `{"metric": "mean", "baseline_mean": 2.5, "baseline_sd": 12, "mde": 0.05}`).Response.(*calc.SampleSizeResponse)
	if pts[12][0] != 5 || pts[12][1] != float64(own.NControl) {
		t.Errorf("middle point %v, want [5 %v]", pts[12], own.NControl)
	}
	for i := 1; i < len(pts); i++ {
		if !(pts[i][0] > pts[i-1][0] && pts[i][1] <= pts[i-1][1]) {
			t.Errorf("not decreasing at %d: %v %v", i, pts[i-1], pts[i])
		}
	}
	if ratio := pts[0][1] / pts[24][1]; math.Abs(ratio-16) > 0.01*16 {
		t.Errorf("n(MDE/2)/n(2 MDE) = %v, want 16 (n ∝ 1/MDE²)", ratio)
	}
	coord := s.(map[string]any)["markPoint"].(map[string]any)["data"].([]any)[0].(map[string]any)["coord"].([]any)
	if coord[0].(float64) != 5 || coord[1].(float64) != float64(own.NControl) {
		t.Errorf("mark at %v", coord)
	}
	// Proportions at a large MDE: points past a 100 % target are left out.
	o = option(t, built["samplesize-large-mde"], "visitors-vs-mde")
	pts = points(t, o["series"].([]any)[0])
	if len(pts) == 0 || len(pts) == 25 {
		t.Errorf("large MDE: %d points", len(pts))
	}
	for _, p := range pts {
		if 0.6*(1+p[0]/100) >= 1 {
			t.Errorf("a point with a target rate of 100 %% or more: %v", p)
		}
	}
}

// TestPosteriorDensities: each density curve integrates to 1 (it is a
// density per percentage point on a percent axis) and peaks at the
// posterior's mode (a-1)/(a+b-2).
func TestPosteriorDensities(t *testing.T) {
	built := allCharts(t)
	for _, name := range []string{"significance-200-vs-250", "significance-zero-control", "significance-huge"} {
		o := option(t, built[name], "posteriors")
		for k, s := range o["series"].([]any) {
			pts := points(t, s)
			area := 0.0
			for i := 1; i < len(pts); i++ {
				area += (pts[i][0] - pts[i-1][0]) * (pts[i][1] + pts[i-1][1]) / 2
			}
			if math.Abs(area-1) > 0.01 {
				t.Errorf("%s series %d: area %v, want 1", name, k, area)
			}
		}
		if !strings.Contains(o["title"].(map[string]any)["subtext"].(string), "P(treatment beats control)") {
			t.Errorf("%s: subtitle %v", name, o["title"])
		}
	}
	// 200/10,000 vs 250/10,000: control Beta(201, 9801) has its mode at
	// 200/10000 = 2 %.
	pts := points(t, option(t, built["significance-200-vs-250"], "posteriors")["series"].([]any)[0])
	best := pts[0]
	for _, p := range pts {
		if p[1] > best[1] {
			best = p
		}
	}
	if math.Abs(best[0]-2) > 0.02 {
		t.Errorf("control density peaks at %v%%, want 2%%", best[0])
	}
}

// TestBetaDensity checks the posterior density the chart draws
// (betaDensity) against SciPy's scipy.stats.beta(a, b).logpdf(x) at the
// posteriors' typical and extreme shapes.
func TestBetaDensity(t *testing.T) {
	// Computed with /usr/bin/python3, SciPy 1.10.1 (Debian 12 python3-scipy).
	cases := []struct{ x, a, b, want float64 }{
		{0.02, 201, 9801, 5.6520276677749735},       // beta(201, 9801).logpdf(0.02)
		{0.025, 251, 9751, 5.543096732009644},       // beta(251, 9751).logpdf(0.025)
		{1e-12, 1, 501, 6.216606100584835},          // beta(1, 501).logpdf(1e-12)
		{0.5, 2, 2, 0.4054651081081644},             // beta(2, 2).logpdf(0.5) = log(1.5)
		{0.9999, 9999001, 1001, 11.745246267237235}, // beta(9999001, 1001).logpdf(0.9999)
	}
	for _, c := range cases {
		got := math.Log(betaDensity(c.x, c.a, c.b))
		if math.Abs(got-c.want) > 1e-6*math.Max(1, math.Abs(c.want)) {
			t.Errorf("log betaDensity(%v, %v, %v) = %.15g, want %.15g", c.x, c.a, c.b, got, c.want)
		}
	}
}

func TestROICharts(t *testing.T) {
	built := allCharts(t)
	resp := resultOf(t, "roi", roiPaysBack).Response.(*calc.ROIResponse)
	o := option(t, built["roi-pays-back"], "cash-flow")
	s := o["series"].([]any)[0].(map[string]any)
	pts := points(t, s)
	if len(pts) != 37 || pts[0][0] != 0 || pts[36][0] != 36 {
		t.Errorf("cash flow months %v..%v (%d)", pts[0], pts[len(pts)-1], len(pts))
	}
	if math.Abs(pts[36][1]-resp.NPV) > 1e-6*math.Abs(resp.NPV) {
		t.Errorf("the last cumulative value %v is not the NPV %v", pts[36][1], resp.NPV)
	}
	if resp.PaybackMonth == nil {
		t.Fatal("no payback in the reference case")
	}
	lines := s["markLine"].(map[string]any)["data"].([]any)
	if got := lines[1].(map[string]any)["xAxis"]; got != float64(*resp.PaybackMonth) {
		t.Errorf("payback line at %v, want %d", got, *resp.PaybackMonth)
	}
	// The payback month is the first with a non-negative cumulative value.
	for _, p := range pts {
		if p[1] >= 0 {
			if int(p[0]) != *resp.PaybackMonth {
				t.Errorf("first month >= 0 is %v, payback says %d", p[0], *resp.PaybackMonth)
			}
			break
		}
	}
	if strings.Contains(string(mustJSON(option(t, built["roi-never-pays"], "cash-flow"))), "Payback") {
		t.Error("a program that never pays back has a payback mark")
	}
	// Histogram: the counts sum to the simulations (10,000 by default).
	h := option(t, built["roi-pays-back"], "npv-distribution")
	total := 0.0
	for _, d := range h["series"].([]any)[0].(map[string]any)["data"].([]any) {
		total += d.(map[string]any)["value"].(float64)
	}
	if total != 10000 {
		t.Errorf("histogram counts sum to %v, want 10000", total)
	}
	// Tornado: one row per input that moves the NPV, deviations from the base.
	tor := option(t, built["roi-pays-back"], "tornado")
	cats := tor["yAxis"].([]any)[0].(map[string]any)["data"].([]any)
	moving := 0
	for _, s := range resp.Sensitivity {
		if s.NPVLow != s.NPVHigh {
			moving++
		}
	}
	if len(cats) != moving {
		t.Errorf("%d tornado rows, %d moving inputs", len(cats), moving)
	}
	low := values(t, tor["series"].([]any)[0])
	if got, want := low[0].(float64), resp.Sensitivity[0].NPVLow-resp.NPV; math.Abs(got-want) > 1e-5*math.Abs(want) {
		t.Errorf("first low bar %v, want %v", got, want)
	}
}

// TestPrioritizeCharts: the NPV bars carry each idea's 80 % range (its
// npv_p10 and npv_p90, joined by a line), and the scatter places each
// testable idea at (test_days, roi_per_dollar), the others in a second
// series with another symbol, a line at max_test_days, and names the ideas
// it cannot place.
func TestPrioritizeCharts(t *testing.T) {
	built := allCharts(t)
	resp := resultOf(t, "prioritize", prioritizeExample).Response.(*calc.PrioritizeResponse)
	byName := map[string]calc.PrioritizedIdea{}
	for _, idea := range resp.Ideas {
		byName[idea.Name] = idea
	}
	npv := option(t, built["prioritize-page-example"], "idea-npv")
	rng := npv["series"].([]any)[1].(map[string]any)
	ends := rng["data"].([]any)
	if len(ends) != 4 { // two ideas with a lift range, two ends each
		t.Fatalf("%d range ends, want 4", len(ends))
	}
	for i := 0; i < len(ends); i += 2 {
		lo, hi := ends[i].(map[string]any), ends[i+1].(map[string]any)
		idea := byName[lo["name"].(string)]
		if got := lo["value"].([]any)[0].(float64); math.Abs(got-*idea.NPVP10) > 1e-6*math.Abs(*idea.NPVP10) {
			t.Errorf("%s: range from %v, npv_p10 %v", idea.Name, got, *idea.NPVP10)
		}
		if got := hi["value"].([]any)[0].(float64); math.Abs(got-*idea.NPVP90) > 1e-6*math.Abs(*idea.NPVP90) {
			t.Errorf("%s: range to %v, npv_p90 %v", idea.Name, got, *idea.NPVP90)
		}
		if !(*idea.NPVP10 <= idea.NPV && idea.NPV <= *idea.NPVP90) {
			t.Errorf("%s: NPV %v outside its 80 %% range", idea.Name, idea.NPV)
		}
	}
	if n := len(rng["markLine"].(map[string]any)["data"].([]any)); n != 2 {
		t.Errorf("%d range lines, want 2", n)
	}
	sc := option(t, built["prioritize-page-example"], "idea-return-days")
	series := sc["series"].([]any)
	seen := 0
	for _, s := range series {
		s := s.(map[string]any)
		for _, d := range s["data"].([]any) {
			d := d.(map[string]any)
			idea := byName[d["name"].(string)]
			v := d["value"].([]any)
			if v[0].(float64) != float64(*idea.TestDays) || math.Abs(v[1].(float64)-*idea.ROIPerDollar) > 1e-6**idea.ROIPerDollar {
				t.Errorf("%s at %v, want (%d, %v)", idea.Name, v, *idea.TestDays, *idea.ROIPerDollar)
			}
			if idea.Testable != (s["name"] == "Testable") {
				t.Errorf("%s (testable %v) in series %v", idea.Name, idea.Testable, s["name"])
			}
			seen++
		}
	}
	if seen != 3 {
		t.Errorf("%d points, want 3 (Flat has no test)", seen)
	}
	s0, s1 := series[0].(map[string]any), series[1].(map[string]any)
	if s0["symbol"] == s1["symbol"] || s0["name"] == s1["name"] {
		t.Errorf("testable and untestable ideas differ only by colour: %v %v", s0["symbol"], s1["symbol"])
	}
	if x := s0["markLine"].(map[string]any)["data"].([]any)[0].(map[string]any)["xAxis"]; x != 56.0 {
		t.Errorf("longest-test line at %v, want 56", x)
	}
	if sub := sc["title"].(map[string]any)["subtext"].(string); !strings.Contains(sub, "Flat") {
		t.Errorf("subtitle %q does not name the idea left out", sub)
	}
	if ax := sc["xAxis"].([]any)[0].(map[string]any)["type"]; ax != "log" { // 38 to 1,969 days
		t.Errorf("x axis %v, want log", ax)
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

func TestCLVCumulative(t *testing.T) {
	built := allCharts(t)
	o := option(t, built["clv-lifespan"], "cumulative-value")
	data := values(t, o["series"].([]any)[0])
	// 75 x 3 x 0.6 = 135 a year for 2.5 years: 135, 270, 337.5.
	want := []float64{135, 270, 337.5}
	if len(data) != len(want) {
		t.Fatalf("data %v", data)
	}
	for i := range want {
		if math.Abs(data[i].(float64)-want[i]) > 1e-9 {
			t.Errorf("year %d: %v, want %v", i+1, data[i], want[i])
		}
	}
}

func TestCLVDistribution(t *testing.T) {
	o := option(t, allCharts(t)["clvfit-sample"], "clv-distribution")
	total := 0.0
	for _, d := range values(t, o["series"].([]any)[0]) {
		total += d.(float64)
	}
	if total != 4 { // five customers, one without a CLV
		t.Errorf("%v customers in the histogram, want 4", total)
	}
}

// TestHoldoutLastBucket: the clvfit calculator's last holdout row gathers
// frequencies 7 and more; the chart says so.
func TestHoldoutLastBucket(t *testing.T) {
	var rows []string
	for f := 0; f < 8; f++ {
		rows = append(rows, `{"frequency": `+string(rune('0'+f))+`, "customers": 10, "expected": 1.5, "actual": 1.25}`)
	}
	charts, err := Build(clvfitResult(t, `{"holdout": [`+strings.Join(rows, ",")+`]}`))
	if err != nil {
		t.Fatal(err)
	}
	cats := option(t, charts, "holdout")["xAxis"].([]any)[0].(map[string]any)["data"].([]any)
	if len(cats) != 8 || cats[0] != "0" || cats[7] != "7+" {
		t.Errorf("categories %v", cats)
	}
}

// BenchmarkBuild: the time the charts add to each live result (the
// samplesize curve runs the calculator 25 times).
func BenchmarkBuild(b *testing.B) {
	for _, c := range chartCases {
		res := resultOf(b, c.calc, c.request)
		b.Run(c.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Build(res); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCLVFitReaderEqualsText: the charts of a fit streamed from a reader
// (the browser's worker and the CLI) are byte for byte those of the same
// data sent as JSON text (the API), on the CDNOW sample with a holdout.
func TestCLVFitReaderEqualsText(t *testing.T) {
	sample, err := reference.File(".", "shared/data/cdnow/cdnow_sample_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	request := map[string]any{"transactions_csv": string(sample), "observation_end": "1997-09-30", "holdout_end": "1998-06-30", "predictions": true}
	want, err := Build(resultOf(t, "clvfit", string(mustJSON(request))))
	if err != nil {
		t.Fatal(err)
	}
	delete(request, "transactions_csv")
	job := calc.Decode("clvfit", mustJSON(request))
	job.Request.(*calc.CLVFitRequest).TransactionsReader = bytes.NewReader(sample)
	got, err := Build(job.Run(calc.Hooks{}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || len(want) != 3 {
		t.Fatalf("%d charts from a reader, %d from the text; want 3", len(got), len(want))
	}
	for i := range want {
		if string(want[i].Option) == "null" {
			t.Errorf("chart %s does not apply to the CDNOW sample with a holdout", want[i].ID)
		}
		if got[i].ID != want[i].ID || !bytes.Equal(got[i].Option, want[i].Option) {
			t.Errorf("chart %s: reader and text options differ:\n%s\n%s", want[i].ID, got[i].Option, want[i].Option)
		}
	}
}

// TestSampleSizeCurveIntegersWrittenAsFloats: an integer field written 2.0
// (JSON the calculator accepts) gives the same curve as 2.
func TestSampleSizeCurveIntegersWrittenAsFloats(t *testing.T) {
	build := func(req string) string {
		t.Helper()
		out, err := Build(resultOf(t, "samplesize", req))
		if err != nil || len(out) != 2 {
			t.Fatalf("%s: %v", req, err)
		}
		return string(out[0].Option)
	}
	a := build(`{"baseline_rate":0.05,"mde":0.1,"sides":2.0,"variants":3.0,"daily_visitors":5000.0}`)
	b := build(`{"baseline_rate":0.05,"mde":0.1,"sides":2,"variants":3,"daily_visitors":5000}`)
	if a != b || a == "null" {
		t.Errorf("2.0 and 2 give different curves:\n%.200s\n%.200s", a, b)
	}
}
