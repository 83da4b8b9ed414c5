package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/roikit/roikit/calc"
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
	{"malformed", "roi", `[1,2`},
	{"empty", "samplesize", ``},
	{"unknown-calculator", "nope", `{}`},
}

// allCases is ownCases plus every reference case of shared/reference/cases.json
// when the shared folder sits beside the checkout (it does in the project's
// layout; a bare clone runs ownCases only).
func allCases(t *testing.T) []testCase {
	cases := append([]testCase(nil), ownCases...)
	root, ok := sharedRoot()
	if !ok {
		t.Log("shared/reference/cases.json not found beside the checkout: running the module's own cases only")
		return cases
	}
	data, err := os.ReadFile(filepath.Join(root, "shared", "reference", "cases.json"))
	if err != nil {
		t.Fatal(err)
	}
	var refs []struct {
		ID         string                     `json:"id"`
		Calculator string                     `json:"calculator"`
		Request    map[string]json.RawMessage `json:"request"`
	}
	if err := json.Unmarshal(data, &refs); err != nil {
		t.Fatal(err)
	}
	for _, r := range refs {
		for k, v := range r.Request {
			var s string
			if json.Unmarshal(v, &s) == nil && len(s) > 1 && s[0] == '@' {
				file, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(s[1:])))
				if err != nil {
					t.Fatalf("case %s: %v", r.ID, err)
				}
				r.Request[k], _ = json.Marshal(string(file))
			}
		}
		req, _ := json.Marshal(r.Request)
		cases = append(cases, testCase{r.ID, r.Calculator, string(req)})
	}
	return cases
}

// sharedRoot finds the folder holding shared/reference/cases.json: a parent
// of this package's directory.
func sharedRoot() (string, bool) {
	dir, err := filepath.Abs(".")
	if err != nil {
		return "", false
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "shared", "reference", "cases.json")); err == nil {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
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
