package main

import (
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/reference"
)

// testCase is one request the module must answer exactly as the core does.
type testCase struct {
	ID, Name, Request string
}

// ownCases covers every calculator with a valid and an invalid request, and
// the request-level failures (malformed JSON, unknown calculator).
var ownCases = []testCase{
	{"samplesize-ok", "samplesize", `{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`},
	{"samplesize-bad", "samplesize", `{"baseline_rate":1.5,"mde":-1}`},
	{"samplesize-mean", "samplesize", `{"metric":"mean","baseline_mean":20,"baseline_sd":40,"mde":0.05}`},
	{"significance-ok", "significance", `{"control_visitors":10000,"control_conversions":500,"treatment_visitors":10000,"treatment_conversions":560}`},
	{"significance-bad", "significance", `{"control_visitors":10,"control_conversions":500,"treatment_visitors":"x","treatment_conversions":1}`},
	{"clv-ok", "clv", `{"average_order_value":80,"purchases_per_year":3,"gross_margin":0.4,"retention_rate":0.6}`},
	{"clv-bad", "clv", `{"average_order_value":-1,"purchases_per_year":null}`},
	{"roi-ok", "roi", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":90,"expected_lift":0.05,"lift_low":0.0,"lift_high":0.1,"one_time_cost":50000,"monthly_cost":8000}`},
	{"roi-bad", "roi", `{"monthly_visitors":"<script>alert(1)</script>","conversion_rate":2,"expected_lift":0.05,"value_per_conversion":1e400}`},
	{"clvfit-summary", "clvfit", "{\"summary_csv\":\"frequency,recency,T\\n2,30.43,38.86\\n1,1.71,38.86\\n0,0,38.86\\n0,0,38.86\\n4,20,38\\n3,35,38\\n0,0,30\\n1,5,30\\n6,36,37\\n2,20,35\\n0,0,36\\n1,10,36\"}"},
	{"clvfit-bad", "clvfit", `{"transactions_csv":"not,a,log"}`},
	{"prioritize-ok", "prioritize", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"budget":100000,"ideas":[{"name":"A","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":50000},{"name":"B","expected_lift":0.03,"addressable_share":0.4}]}`},
	{"prioritize-bad", "prioritize", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"ideas":[{"name":"A","expected_lift":0.05},{"name":"A","expected_lift":0.05,"lift_low":0.01}]}`},
	{"malformed", "roi", `[1,2`},
	{"empty", "samplesize", ``},
	{"unknown-calculator", "nope", `{}`},
}

// allCases is ownCases plus every reference case (internal/reference: the
// project's shared/ folder, or the copy in testdata/).
func allCases(t *testing.T) []testCase {
	cases := append([]testCase(nil), ownCases...)
	refs, err := reference.Load(".")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		cases = append(cases, testCase{r.ID, r.Calculator, string(r.RequestJSON())})
	}
	return cases
}

// coversEveryCalculator fails when a calculator of the registry has no case.
func coversEveryCalculator(t *testing.T, cases []testCase) {
	seen := map[string]bool{}
	for _, c := range cases {
		seen[c.Name] = true
	}
	for _, name := range calc.Names() {
		if !seen[name] {
			t.Errorf("no test case for calculator %q", name)
		}
	}
}
