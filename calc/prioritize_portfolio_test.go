package calc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPortfolioTotalsEqualROI: the portfolio's benefits, return per dollar
// and payback month are those of roi run once per chosen idea, summed: the
// benefits added, the cumulative discounted net added month by month.
func TestPortfolioTotalsEqualROI(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 2026))
	checked, paybacks := 0, 0
	for n := 0; n < 120; n++ {
		req := randomPrioritizeRequest(rng)
		req["budget"] = math.Round(rng.Float64() * 400000)
		got, status := runMap(t, "prioritize", req)
		if status != StatusOK {
			t.Fatalf("request %d: %v", n, got)
		}
		p := got["portfolio"].(map[string]any)
		names := map[string]bool{}
		for _, x := range p["names"].([]any) {
			names[x.(string)] = true
		}
		benefits, costs := 0.0, 0.0
		var cumulative []float64
		for _, x := range req["ideas"].([]any) {
			idea := x.(map[string]any)
			if !names[idea["name"].(string)] {
				continue
			}
			roi, st := runMap(t, "roi", ideaROIRequest(req, idea))
			if st != StatusOK {
				t.Fatalf("roi alone: %v", roi)
			}
			benefits += roi["pv_benefits"].(float64)
			costs += roi["pv_costs"].(float64)
			flows := roi["cash_flows"].([]any)
			if cumulative == nil {
				cumulative = make([]float64, len(flows))
			}
			for m, f := range flows {
				cumulative[m] += f.(map[string]any)["cumulative_discounted_net"].(float64)
			}
		}
		if !relClose(p["pv_benefits"].(float64), benefits, 1e-12) || !relClose(p["pv_costs"].(float64), costs, 1e-12) {
			t.Errorf("request %d: benefits %v costs %v, roi summed gives %v and %v", n, p["pv_benefits"], p["pv_costs"], benefits, costs)
		}
		var wantROI any
		if costs > 0 {
			wantROI = benefits / costs
		}
		if (wantROI == nil) != (p["roi_per_dollar"] == nil) || (wantROI != nil && !relClose(p["roi_per_dollar"].(float64), wantROI.(float64), 1e-12)) {
			t.Errorf("request %d: roi_per_dollar %v, want %v", n, p["roi_per_dollar"], wantROI)
		}
		var wantPayback any
		for m := 1; m < len(cumulative); m++ {
			if cumulative[m] >= 0 {
				wantPayback = float64(m)
				paybacks++
				break
			}
		}
		if fmt.Sprint(p["payback_month"]) != fmt.Sprint(wantPayback) {
			t.Errorf("request %d: payback_month %v, the summed cash flows give %v (%v)", n, p["payback_month"], wantPayback, cumulative)
		}
		if len(names) > 0 {
			checked++
		}
	}
	if checked < 40 || paybacks < 20 {
		t.Fatalf("too few portfolios checked: %d, %d paying back", checked, paybacks)
	}
}

// TestPortfolioChanceOfPositiveNPV: ideas independent with normal lifts
// make the portfolio's NPV normal, with mean Σ npv_k and variance
// Σ (perLift_k x sd_k)^2, so P(NPV > 0) = Φ(mean / sd) (R: pnorm). The
// simulation must agree within 4 Monte Carlo standard errors; an idea
// without a range adds a constant.
func TestPortfolioChanceOfPositiveNPV(t *testing.T) {
	const sims = 200000
	for _, tc := range []struct {
		name  string
		ideas []PrioritizeIdea
	}{
		{"two ranges", []PrioritizeIdea{
			{Name: "A", AddressableShare: 1, ExpectedLift: 0.04, LiftLow: fp(-0.02), LiftHigh: fp(0.10), OneTimeCost: 60000, MonthlyCost: 1500},
			{Name: "B", AddressableShare: 0.5, ExpectedLift: 0.05, LiftLow: fp(0.00), LiftHigh: fp(0.10), OneTimeCost: 30000}}},
		{"one range, one fixed", []PrioritizeIdea{
			{Name: "A", AddressableShare: 1, ExpectedLift: 0.02, LiftLow: fp(-0.04), LiftHigh: fp(0.08), OneTimeCost: 90000},
			{Name: "B", AddressableShare: 0.8, ExpectedLift: 0.03, OneTimeCost: 20000, MonthlyCost: 500}}},
		{"three close to even", []PrioritizeIdea{
			{Name: "A", AddressableShare: 1, ExpectedLift: 0.01, LiftLow: fp(-0.05), LiftHigh: fp(0.07), OneTimeCost: 40000},
			{Name: "B", AddressableShare: 1, ExpectedLift: 0.012, LiftLow: fp(-0.03), LiftHigh: fp(0.054), OneTimeCost: 45000},
			{Name: "C", AddressableShare: 0.3, ExpectedLift: 0.08, LiftLow: fp(0.0), LiftHigh: fp(0.16), OneTimeCost: 30000}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req := NewPrioritizeRequest()
			req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion = 200000, 0.02, 80
			req.Simulations, req.Seed = sims, 11
			budget := 1e12
			req.Budget = &budget
			req.Ideas = tc.ideas
			resp, err := Prioritize(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Portfolio.Names) != len(tc.ideas) {
				t.Fatalf("every idea should pay: %v", resp.Portfolio.Names)
			}
			mean, variance := 0.0, 0.0
			for _, idea := range resp.Ideas {
				mean += idea.NPV
			}
			for k, idea := range tc.ideas {
				if idea.LiftLow == nil {
					continue
				}
				q := req.roiRequest(k)
				perLift := newROIModel(&q).perLift
				sd := (*idea.LiftHigh - *idea.LiftLow) / (2 * 1.6449) // the contract's z(0.95)
				variance += perLift * sd * perLift * sd
			}
			want := 0.5 * math.Erfc(-mean/math.Sqrt(variance)/math.Sqrt2) // Φ(mean/sd), R: pnorm(mean/sd)
			se := math.Sqrt(want * (1 - want) / sims)
			got := *resp.Portfolio.ProbPositiveNPV
			if math.Abs(got-want) > 4*se+1e-9 {
				t.Errorf("P(NPV > 0) = %.5f, the normal gives %.5f (4 SE = %.5f)", got, want, 4*se)
			}
			if want < 0.05 || want > 0.995 {
				t.Errorf("the case is too far in a tail to test the simulation: %.4f", want)
			}
		})
	}
}

// TestPortfolioWithoutRanges: nothing random, no chance; an empty
// portfolio (no idea pays) has no payback and no return per dollar.
func TestPortfolioWithoutRanges(t *testing.T) {
	req := NewPrioritizeRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion = 200000, 0.02, 80
	budget := 1e9
	req.Budget = &budget
	req.Ideas = []PrioritizeIdea{{Name: "A", AddressableShare: 1, ExpectedLift: 0.05, OneTimeCost: 50000}}
	resp, err := Prioritize(req)
	if err != nil {
		t.Fatal(err)
	}
	if p := resp.Portfolio; p.ProbPositiveNPV != nil || p.PaybackMonth == nil || p.ROIPerDollar == nil {
		t.Errorf("fixed lifts: %+v", p)
	}
	req.Ideas[0].ExpectedLift = -0.01
	resp, err = Prioritize(req)
	if err != nil {
		t.Fatal(err)
	}
	if p := resp.Portfolio; len(p.Names) != 0 || p.PaybackMonth != nil || p.ROIPerDollar != nil || p.ProbPositiveNPV != nil || p.NPV != 0 {
		t.Errorf("empty portfolio: %+v", p)
	}
	if !slices.Equal(resp.Portfolio.Names, []string{}) {
		t.Errorf("names %v, want []", resp.Portfolio.Names)
	}
}

// ideaROIRequest is the roi request of one idea of a prioritize request
// (maps as JSON decodes them): the shared fields roi has, and the idea's
// own but its name. The contract's rule, written out for the tests.
func ideaROIRequest(req, idea map[string]any) map[string]any {
	out := map[string]any{}
	for _, k := range []string{"monthly_visitors", "conversion_rate", "value_per_conversion", "gross_margin", "horizon_months", "discount_rate", "simulations", "seed"} {
		if v, ok := req[k]; ok {
			out[k] = v
		}
	}
	for k, v := range idea {
		if k != "name" {
			out[k] = v
		}
	}
	return out
}
