package calc

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// randomPrioritizeRequest draws a valid prioritize request as a JSON
// object: shared fields sometimes left at their defaults, 1..8 ideas with
// and without lift ranges, some with a lift <= 0, a budget half the time.
func randomPrioritizeRequest(rng *rand.Rand) map[string]any {
	cr := math.Exp(math.Log(0.002) + rng.Float64()*math.Log(0.3/0.002))
	req := map[string]any{
		"monthly_visitors":     math.Round(math.Exp(math.Log(2000) + rng.Float64()*math.Log(1e4))),
		"conversion_rate":      cr,
		"value_per_conversion": 10 + rng.Float64()*300,
		"simulations":          1000 + rng.IntN(3000),
		"seed":                 rng.IntN(1000),
	}
	if rng.IntN(2) == 0 {
		req["gross_margin"] = 0.1 + 0.9*rng.Float64()
		req["horizon_months"] = 1 + rng.IntN(60)
		req["discount_rate"] = 0.2 * rng.Float64()
		req["alpha"] = []float64{0.01, 0.05, 0.1}[rng.IntN(3)]
		req["power"] = []float64{0.8, 0.9}[rng.IntN(2)]
		req["max_test_days"] = 14 + rng.IntN(100)
	}
	req["rank_by"] = []string{"npv", "roi_per_dollar", "prob_positive_npv"}[rng.IntN(3)]
	if rng.IntN(2) == 0 {
		req["budget"] = math.Round(rng.Float64() * 300000)
	}
	horizon := 36
	if h, ok := req["horizon_months"].(int); ok {
		horizon = h
	}
	n := 1 + rng.IntN(8)
	ideas := make([]any, n)
	for k := range ideas {
		lift := -0.05 + rng.Float64()*0.3
		idea := map[string]any{"name": fmt.Sprintf("Idea %c", 'A'+k), "expected_lift": lift}
		if rng.IntN(2) == 0 {
			w := 0.01 + rng.Float64()*0.2
			idea["lift_low"], idea["lift_high"] = lift-w, lift+w
		}
		if rng.IntN(3) > 0 {
			idea["addressable_share"] = 0.05 + 0.95*rng.Float64()
		}
		if rng.IntN(4) > 0 {
			idea["one_time_cost"] = math.Round(rng.Float64() * 100000)
			idea["monthly_cost"] = math.Round(rng.Float64() * 5000)
		}
		if rng.IntN(3) == 0 {
			idea["ramp_months"] = rng.IntN(horizon + 1)
			idea["risk_adjustment"] = 0.5 * rng.Float64()
		}
		ideas[k] = idea
	}
	req["ideas"] = ideas
	return req
}

// runMap runs a calculator on a request map and decodes the JSON answer.
func runMap(t *testing.T, name string, req map[string]any) (map[string]any, Status) {
	t.Helper()
	b, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	out, status := RunJSON(name, b)
	var got map[string]any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%s: not JSON: %s", name, out)
	}
	return got, status
}

// TestPrioritizeEqualsROIAndSampleSize: on 80 random requests each idea's
// money figures equal roi's run on its own with the shared fields plus the
// idea's, and its test days samplesize's run on its own (the contract's
// mapping), to the bit; testable follows max_test_days. It is long
// because it rebuilds both separate requests from the JSON the user sends.
func TestPrioritizeEqualsROIAndSampleSize(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2024))
	money := []string{"npv", "pv_benefits", "pv_costs", "roi", "roi_per_dollar", "payback_month", "break_even_lift"}
	checked, tested, nulls := 0, 0, 0
	for n := 0; n < 80; n++ {
		req := randomPrioritizeRequest(rng)
		got, status := runMap(t, "prioritize", req)
		if status != StatusOK {
			t.Fatalf("request %d: %v\n%v", n, got, req)
		}
		maxDays := 56.0
		if v, ok := req["max_test_days"].(int); ok {
			maxDays = float64(v)
		}
		ranked := got["ideas"].([]any)
		if len(ranked) != len(req["ideas"].([]any)) {
			t.Fatalf("request %d: %d ideas back for %d", n, len(ranked), len(req["ideas"].([]any)))
		}
		byName := map[string]map[string]any{}
		for _, x := range ranked {
			byName[x.(map[string]any)["name"].(string)] = x.(map[string]any)
		}
		for _, x := range req["ideas"].([]any) {
			idea := x.(map[string]any)
			line := byName[idea["name"].(string)]
			roi, st := runMap(t, "roi", ideaROIRequest(req, idea))
			if st != StatusOK {
				t.Fatalf("roi on its own fails: %v", roi)
			}
			for _, k := range money {
				if !reflect.DeepEqual(line[k], roi[k]) {
					t.Errorf("request %d %s: %s = %v, roi alone gives %v", n, idea["name"], k, line[k], roi[k])
				}
			}
			for _, k := range []string{"prob_positive_npv", "npv_p10", "npv_p90"} {
				if !reflect.DeepEqual(line[k], roi[k]) {
					t.Errorf("request %d %s: %s = %v, roi alone gives %v", n, idea["name"], k, line[k], roi[k])
				}
			}
			checked++

			lift := idea["expected_lift"].(float64)
			var wantDays any
			if lift > 0 {
				share := 1.0
				if v, ok := idea["addressable_share"]; ok {
					share = v.(float64)
				}
				ss := map[string]any{"baseline_rate": req["conversion_rate"], "mde": lift, "mde_type": "relative",
					"sides": 2, "variants": 2, "daily_visitors": req["monthly_visitors"].(float64) * 12 / 365, "traffic_share": share}
				for _, k := range []string{"alpha", "power"} {
					if v, ok := req[k]; ok {
						ss[k] = v
					}
				}
				if out, st := runMap(t, "samplesize", ss); st == StatusOK {
					wantDays = out["days"]
					tested++
				}
			}
			if wantDays == nil {
				nulls++
			}
			if !reflect.DeepEqual(line["test_days"], wantDays) {
				t.Errorf("request %d %s: test_days = %v, samplesize alone gives %v", n, idea["name"], line["test_days"], wantDays)
			}
			wantTestable := wantDays != nil && wantDays.(float64) <= maxDays
			if line["testable"] != wantTestable {
				t.Errorf("request %d %s: testable = %v with %v days (at most %v)", n, idea["name"], line["testable"], wantDays, maxDays)
			}
		}
	}
	if checked < 200 || tested < 100 || nulls < 10 {
		t.Fatalf("the random requests cover too little: %d ideas, %d tests, %d without one", checked, tested, nulls)
	}
}

// bruteForcePortfolio enumerates every subset of the ideas with npv > 0
// by bit mask, the contract's rule stated directly: the highest total npv
// (summed in request order) whose total pv_costs fits, then fewer ideas,
// then the lexicographically smallest list of positions.
func bruteForcePortfolio(ideas []PrioritizedIdea, budget float64) (names []string, npv, cost float64) {
	var best []int
	for mask := 0; mask < 1<<len(ideas); mask++ {
		var set []int
		n, c, ok := 0.0, 0.0, true
		for k := range ideas {
			if mask&(1<<k) == 0 {
				continue
			}
			if ideas[k].NPV <= 0 {
				ok = false
				break
			}
			set = append(set, k)
			n += ideas[k].NPV
			c += ideas[k].PVCosts
		}
		if !ok || c > budget {
			continue
		}
		better := n > npv || (n == npv && (len(set) < len(best) || (len(set) == len(best) && slices.Compare(set, best) < 0)))
		if best == nil || better {
			best, npv, cost = set, n, c
		}
	}
	names = []string{}
	for _, k := range best {
		names = append(names, ideas[k].Name)
	}
	return names, npv, cost
}

// TestBestSubsetBruteForce: the subset search agrees with enumerating every
// subset, on 300 random backlogs of up to 12 ideas whose whole-number npvs
// and costs make equal totals (ties) common, with negative npvs and zero costs.
func TestBestSubsetBruteForce(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 20))
	ties := 0
	for n := 0; n < 300; n++ {
		ideas := make([]PrioritizedIdea, 1+rng.IntN(12))
		for k := range ideas {
			ideas[k] = PrioritizedIdea{Name: fmt.Sprint("i", k), NPV: float64(rng.IntN(12) - 3), PVCosts: float64(rng.IntN(6))}
		}
		budget := float64(rng.IntN(20))
		got, _ := bestSubset(ideas, budget)
		names, npv, cost := bruteForcePortfolio(ideas, budget)
		if !slices.Equal(got.Names, names) || got.NPV != npv || got.PVCosts != cost {
			t.Fatalf("backlog %v budget %v: got %v, brute force %v %v %v", ideas, budget, got, names, npv, cost)
		}
		ties += len(names)
	}
	if ties == 0 {
		t.Fatal("no portfolio chose any idea")
	}
	// And through the calculator, on random requests with a budget.
	rng = rand.New(rand.NewPCG(6, 21))
	for n := 0; n < 60; n++ {
		req := randomPrioritizeRequest(rng)
		req["budget"] = math.Round(rng.Float64() * 200000)
		b, _ := json.Marshal(req)
		var r PrioritizeRequest
		res := Run("prioritize", b, Hooks{})
		if res.Status != StatusOK {
			t.Fatal(res.Errors)
		}
		resp := res.Response.(*PrioritizeResponse)
		r = *res.Request.(*PrioritizeRequest)
		inRequestOrder := make([]PrioritizedIdea, len(r.Ideas))
		for _, line := range resp.Ideas {
			for k := range r.Ideas {
				if r.Ideas[k].Name == line.Name {
					inRequestOrder[k] = line
				}
			}
		}
		names, npv, cost := bruteForcePortfolio(inRequestOrder, *r.Budget)
		var rankOrdered []string
		for _, line := range resp.Ideas {
			if slices.Contains(names, line.Name) {
				rankOrdered = append(rankOrdered, line.Name)
			}
		}
		if rankOrdered == nil {
			rankOrdered = []string{}
		}
		if !slices.Equal(resp.Portfolio.Names, rankOrdered) || resp.Portfolio.NPV != npv || resp.Portfolio.PVCosts != cost {
			t.Fatalf("request %d: portfolio %+v, brute force %v %v %v", n, resp.Portfolio, rankOrdered, npv, cost)
		}
	}
}

func fp(x float64) *float64 { return &x }

// TestRankOrder: best first, equal values in the request's order with
// consecutive ranks, nulls last (in the request's order among themselves).
func TestRankOrder(t *testing.T) {
	ideas := []PrioritizedIdea{
		{Name: "a", NPV: 5, ROIPerDollar: nil, ProbPositiveNPV: fp(0.5)},
		{Name: "b", NPV: 7, ROIPerDollar: fp(2), ProbPositiveNPV: nil},
		{Name: "c", NPV: 5, ROIPerDollar: fp(3), ProbPositiveNPV: fp(0.5)},
		{Name: "d", NPV: -1, ROIPerDollar: nil, ProbPositiveNPV: fp(0.9)},
		{Name: "e", NPV: 7, ROIPerDollar: fp(2), ProbPositiveNPV: nil},
	}
	for _, tc := range []struct {
		by   string
		want []int
	}{
		{"npv", []int{1, 4, 0, 2, 3}},
		{"roi_per_dollar", []int{2, 1, 4, 0, 3}},
		{"prob_positive_npv", []int{3, 0, 2, 1, 4}},
	} {
		if got := rankOrder(ideas, tc.by); !slices.Equal(got, tc.want) {
			t.Errorf("%s: order %v, want %v", tc.by, got, tc.want)
		}
	}
	// Through the calculator: equal ideas keep the request's order and take
	// consecutive ranks; ideas without a range sort after those with one.
	req := `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"rank_by":"prob_positive_npv","ideas":[
		{"name":"no range","expected_lift":0.2},
		{"name":"twin 1","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":1000},
		{"name":"twin 2","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":1000},
		{"name":"also no range","expected_lift":0.3}]}`
	res := Run("prioritize", []byte(req), Hooks{})
	if res.Status != StatusOK {
		t.Fatal(res.Errors)
	}
	var got []string
	for i, line := range res.Response.(*PrioritizeResponse).Ideas {
		got = append(got, line.Name)
		if line.Rank != i+1 {
			t.Errorf("%s has rank %d at place %d", line.Name, line.Rank, i+1)
		}
	}
	if want := []string{"twin 1", "twin 2", "no range", "also no range"}; !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// TestPrioritizeErrors: each bad request is refused with an error on the
// field the contract names, and only those.
func TestPrioritizeErrors(t *testing.T) {
	shared := `"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80`
	many := make([]string, 21)
	for k := range many {
		many[k] = fmt.Sprintf(`{"name":"idea %d","expected_lift":0.05}`, k)
	}
	for _, tc := range []struct {
		name, ideas string
		want        map[string]string // field -> code
		words       string            // in the first message
	}{
		{"21 ideas", "[" + strings.Join(many, ",") + "]", map[string]string{"ideas": CodeOutOfRange}, "1 to 20 ideas; this request has 21"},
		{"no ideas", "[]", map[string]string{"ideas": CodeOutOfRange}, "has 0"},
		{"not a list", `{"name":"a"}`, map[string]string{"ideas": CodeWrongType}, "list of objects"},
		{"duplicate names", `[{"name":"A","expected_lift":0.05},{"name":"B","expected_lift":0.05},{"name":"A","expected_lift":0.01}]`,
			map[string]string{"ideas[2].name": CodeInconsistent}, "already the name of idea 1"},
		{"low bound only", `[{"name":"A","expected_lift":0.05},{"name":"B","expected_lift":0.05,"lift_low":0.01}]`,
			map[string]string{"ideas[1].lift_high": CodeRequired}, "give both ends"},
		{"high bound only", `[{"name":"A","expected_lift":0.05,"lift_high":0.1}]`,
			map[string]string{"ideas[0].lift_low": CodeRequired}, "give both ends"},
		{"lift out of range", `[{"name":"A","expected_lift":0.05},{"name":"B","expected_lift":0.05},{"name":"C","expected_lift":11}]`,
			map[string]string{"ideas[2].expected_lift": CodeOutOfRange}, "Expected lift of idea 3 must be between -100 % and 1000 %"},
		{"share out of range", `[{"name":"A","expected_lift":0.05,"addressable_share":1.5}]`,
			map[string]string{"ideas[0].addressable_share": CodeOutOfRange}, "Addressable share of idea 1"},
		{"wrong type", `[{"name":"A","expected_lift":"high"}]`, map[string]string{"ideas[0].expected_lift": CodeWrongType}, "must be a number"},
		{"missing lift", `[{"name":"A"}]`, map[string]string{"ideas[0].expected_lift": CodeRequired}, "Expected lift of idea 1 is required"},
		{"missing name", `[{"expected_lift":0.05}]`, map[string]string{"ideas[0].name": CodeRequired}, "Name of idea 1 is required"},
		{"empty name", `[{"name":"","expected_lift":0.05}]`, map[string]string{"ideas[0].name": CodeOutOfRange}, "cannot be empty"},
		{"long name", `[{"name":"` + strings.Repeat("x", 81) + `","expected_lift":0.05}]`, map[string]string{"ideas[0].name": CodeOutOfRange}, "1 to 80 characters; it has 81"},
		{"unknown field", `[{"name":"A","expected_lift":0.05,"lfit_low":0.01}]`, map[string]string{"ideas[0].lfit_low": CodeUnknownField}, `Did you mean "lift_low"?`},
		{"not an object", `[{"name":"A","expected_lift":0.05}, 3]`, map[string]string{"ideas[1]": CodeWrongType}, "Idea 2 must be an object"},
		{"range around the lift", `[{"name":"A","expected_lift":0.05,"lift_low":0.06,"lift_high":0.09}]`,
			map[string]string{"ideas[0].lift_low": CodeInconsistent}, "Idea 1: Lift, pessimistic case"},
		{"ramp past the horizon", `[{"name":"A","expected_lift":0.05,"ramp_months":40}]`,
			map[string]string{"ideas[0].ramp_months": CodeInconsistent}, "at most the time horizon"},
		{"lift past 100 %", `[{"name":"A","expected_lift":0.05},{"name":"B","expected_lift":50}]`,
			map[string]string{"ideas[1].expected_lift": CodeOutOfRange}, "idea 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res := Run("prioritize", []byte("{"+shared+`,"ideas":`+tc.ideas+"}"), Hooks{})
			if res.Status != StatusInvalid {
				t.Fatalf("status %v: %s", res.Status, res.JSON())
			}
			got := map[string]string{}
			for _, e := range res.Errors {
				got[e.Field] = e.Code
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("errors %v, want %v: %s", got, tc.want, res.JSON())
			}
			if !strings.Contains(res.Errors[0].Message, tc.words) {
				t.Errorf("message %q lacks %q", res.Errors[0].Message, tc.words)
			}
		})
	}
}

// TestPrioritizeUntestable: a lift <= 0 has no test (null days, not
// testable); a lift no test can detect at this traffic too, with a warning.
func TestPrioritizeUntestable(t *testing.T) {
	req := `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"ideas":[
		{"name":"zero","expected_lift":0},{"name":"negative","expected_lift":-0.1},{"name":"tiny","expected_lift":1e-9},
		{"name":"fine","expected_lift":0.3}]}`
	res := Run("prioritize", []byte(req), Hooks{})
	if res.Status != StatusOK {
		t.Fatal(res.Errors)
	}
	for _, line := range res.Response.(*PrioritizeResponse).Ideas {
		wantDays := line.Name == "fine"
		if (line.TestDays != nil) != wantDays || line.Testable != wantDays {
			t.Errorf("%s: test days %v, testable %v", line.Name, line.TestDays, line.Testable)
		}
	}
	if w := res.Warnings(); len(w) != 1 || w[0].Code != "test_not_computable" || !strings.Contains(w[0].Message, `"tiny"`) {
		t.Errorf("warnings %v", w)
	}
}

func BenchmarkPrioritize20x10000(b *testing.B) {
	ideas := make([]PrioritizeIdea, 20)
	for k := range ideas {
		lift := 0.01 + 0.01*float64(k)
		ideas[k] = PrioritizeIdea{Name: fmt.Sprint("idea ", k), AddressableShare: 0.5, ExpectedLift: lift,
			LiftLow: fp(lift - 0.02), LiftHigh: fp(lift + 0.02), OneTimeCost: 20000, MonthlyCost: 1000}
	}
	req := NewPrioritizeRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion = 200000, 0.02, 80
	req.Ideas, req.Budget = ideas, fp(250000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Prioritize(req); err != nil {
			b.Fatal(err)
		}
	}
}
