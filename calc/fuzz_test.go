package calc

import (
	"encoding/json"
	"testing"
)

// checkResponse asserts the invariants every response of RunJSON keeps: it is
// valid JSON (so no NaN or Infinity), an error body lists at least one error
// with a message, and a success carries a warnings list.
func checkResponse(t *testing.T, name string, request, body []byte, status Status) map[string]any {
	t.Helper()
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("%s %q: response is not JSON: %v: %s", name, request, err, body)
	}
	if status != StatusOK {
		errs, ok := got["errors"].([]any)
		if !ok || len(errs) == 0 {
			t.Fatalf("%s %q: status %d without errors: %s", name, request, status, body)
		}
		for _, e := range errs {
			if m, _ := e.(map[string]any)["message"].(string); m == "" {
				t.Fatalf("%s %q: error without a message: %s", name, request, body)
			}
		}
		return nil
	}
	if _, ok := got["warnings"].([]any); !ok {
		t.Fatalf("%s %q: success without a warnings list: %s", name, request, body)
	}
	return got
}

func FuzzSampleSize(f *testing.F) {
	for _, s := range []string{
		`{"baseline_rate":0.05,"mde":0.1}`,
		`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000,"traffic_share":0.5}`,
		`{"metric":"mean","baseline_mean":2.5,"baseline_sd":12,"mde":0.05,"variance_reduction":0.25}`,
		`{"baseline_rate":0.999,"mde":0.0001,"mde_type":"absolute","sides":1,"variants":20,"correction":"sidak","control_share":0.01}`,
		`{"baseline_rate":1e-300,"mde":1e300}`, `{"metric":"mean","baseline_mean":-1e12,"baseline_sd":1e-300,"mde":1e-300}`, `{}`, `[`,
		// mde_by_week: no visitor in week 1, a rate near 1, huge traffic, tiny shares.
		`{"baseline_rate":0.5,"mde":0.1,"daily_visitors":0.1,"traffic_share":1e-9}`,
		`{"baseline_rate":0.999999,"mde":1e-7,"mde_type":"absolute","daily_visitors":1e11,"variants":20,"control_share":0.999}`,
		`{"baseline_rate":1e-12,"mde":0.5,"daily_visitors":3,"sides":1,"variance_reduction":0.999999}`,
		`{"metric":"mean","baseline_mean":1e-300,"baseline_sd":1e12,"mde":1e12,"mde_type":"absolute","daily_visitors":1e-300,"traffic_share":0.3}`,
		`{"metric":"mean","baseline_sd":5,"mde":0.1,"mde_type":"absolute","daily_visitors":1e11,"control_share":1e-9}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, request []byte) {
		body, status := RunJSON("samplesize", request)
		got := checkResponse(t, "samplesize", request, body, status)
		if got == nil {
			return
		}
		nc, nt, total := got["n_control"].(float64), got["n_per_treatment"].(float64), got["n_total"].(float64)
		if nc < 1 || nt < 1 || total < nc+nt || total > 20*maxArmSize {
			t.Fatalf("%q: implausible sizes %s", request, body)
		}
		if a := got["alpha_per_comparison"].(float64); a <= 0 || a >= 0.5 {
			t.Fatalf("%q: alpha per comparison %v", request, a)
		}
		checkMDEByWeek(t, request, got, body)
	})
}

// checkMDEByWeek asserts mde_by_week's invariants: present exactly with
// days, eight rows for weeks 1..8 with non-decreasing n_total, each MDE
// null or a positive number (a rate's absolute MDE at most 1 - baseline),
// and the mde_unreachable warning exactly when an absolute MDE is null.
func checkMDEByWeek(t *testing.T, request []byte, got map[string]any, body []byte) {
	t.Helper()
	rows, has := got["mde_by_week"].([]any)
	if _, days := got["days"]; has != days {
		t.Fatalf("%q: mde_by_week %v without days, or days without it: %s", request, has, body)
	}
	if !has {
		return
	}
	if len(rows) != 8 {
		t.Fatalf("%q: %d weeks: %s", request, len(rows), body)
	}
	empty, prev := false, -1.0
	for i, r := range rows {
		row := r.(map[string]any)
		n := row["n_total"].(float64)
		if row["weeks"].(float64) != float64(i+1) || n < prev {
			t.Fatalf("%q: row %d %v: %s", request, i, row, body)
		}
		prev = n
		for _, f := range []string{"absolute_mde", "relative_mde"} {
			if v, ok := row[f].(float64); ok && !(v > 0) {
				t.Fatalf("%q: week %d %s %v", request, i+1, f, v)
			}
		}
		if a, ok := row["absolute_mde"].(float64); ok {
			if p1, ok := got["target_rate"].(float64); ok && a > 1 {
				t.Fatalf("%q: week %d absolute MDE %v on a rate (target %v)", request, i+1, a, p1)
			}
		} else {
			empty = true
		}
	}
	warned := false
	for _, w := range got["warnings"].([]any) {
		warned = warned || w.(map[string]any)["code"] == "mde_unreachable"
	}
	if warned != empty {
		t.Fatalf("%q: mde_unreachable warning %v, empty rows %v: %s", request, warned, empty, body)
	}
}

func FuzzCLV(f *testing.F) {
	for _, s := range []string{
		`{"average_order_value":75,"purchases_per_year":3,"lifespan_years":2.5,"gross_margin":0.6}`,
		`{"average_order_value":100,"purchases_per_year":1,"retention_rate":0.8,"discount_rate":0.1}`,
		`{"average_order_value":1e9,"purchases_per_year":1e5,"retention_rate":0.999999,"discount_rate":0}`,
		`{"average_order_value":1e-300,"purchases_per_year":1e-300,"lifespan_years":200}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, request []byte) {
		body, status := RunJSON("clv", request)
		got := checkResponse(t, "clv", request, body, status)
		if got == nil {
			return
		}
		if got["clv"].(float64) < 0 || got["clv"].(float64) > got["revenue_clv"].(float64)*(1+1e-12) {
			t.Fatalf("%q: clv above revenue clv: %s", request, body)
		}
	})
}

func FuzzPrioritize(f *testing.F) {
	for _, s := range []string{
		`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"budget":100000,"ideas":[{"name":"A","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":50000},{"name":"B","expected_lift":0.03,"addressable_share":0.4,"monthly_cost":1000}]}`,
		`{"monthly_visitors":1e12,"conversion_rate":1,"value_per_conversion":1e13,"rank_by":"prob_positive_npv","ideas":[{"name":"A","expected_lift":-1},{"name":"B","expected_lift":0,"addressable_share":0}]}`,
		`{"monthly_visitors":1,"conversion_rate":1e-300,"value_per_conversion":1e-300,"ideas":[{"name":"A","expected_lift":1e-300},{"name":"A","expected_lift":10,"lift_low":1}]}`,
		`{"ideas":[3,null,{}]}`, `{"ideas":{}}`, `{}`, `[`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, request []byte) {
		body, status := RunJSON("prioritize", request)
		got := checkResponse(t, "prioritize", request, body, status)
		if got == nil {
			return
		}
		ideas := got["ideas"].([]any)
		if len(ideas) < 1 || len(ideas) > maxIdeas {
			t.Fatalf("%q: %d ideas: %s", request, len(ideas), body)
		}
		for i, x := range ideas {
			line := x.(map[string]any)
			if line["rank"].(float64) != float64(i+1) {
				t.Fatalf("%q: rank %v at place %d", request, line["rank"], i+1)
			}
			if line["testable"] == true && line["test_days"] == nil {
				t.Fatalf("%q: testable without test days: %s", request, body)
			}
		}
		if p, ok := got["portfolio"].(map[string]any); ok {
			var req struct{ Budget float64 }
			json.Unmarshal(request, &req)
			if p["pv_costs"].(float64) > req.Budget || p["npv"].(float64) < 0 {
				t.Fatalf("%q: portfolio over the budget or losing money: %s", request, body)
			}
		}
	})
}
