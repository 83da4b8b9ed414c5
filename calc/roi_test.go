package calc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// runROI runs a JSON request through RunJSON and decodes the response.
func runROI(t testing.TB, request string) (map[string]any, Status) {
	t.Helper()
	out, status := RunJSON("roi", []byte(request))
	var m map[string]any
	if err := json.Unmarshal(out, &m); err != nil {
		t.Fatalf("response is not JSON: %v\n%s", err, out)
	}
	return m, status
}

func relClose(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-12)
}

// checkFieldsRel compares the listed fields of a response with expected values
// (numbers within rel, null exactly).
func checkFieldsRel(t *testing.T, got, want map[string]any, rel float64, skip func(string) bool) {
	t.Helper()
	for name, w := range want {
		if skip != nil && skip(name) {
			continue
		}
		g, present := got[name]
		if !present {
			t.Errorf("%s: missing from the response", name)
			continue
		}
		switch w := w.(type) {
		case nil:
			if g != nil {
				t.Errorf("%s = %v, want null", name, g)
			}
		case float64:
			gf, ok := g.(float64)
			if !ok || !relClose(gf, w, rel) {
				t.Errorf("%s = %v, want %v (rel %g)", name, g, w, rel)
			}
		default:
			t.Fatalf("%s: unexpected expected value %v", name, w)
		}
	}
}

// TestROIClosedForm checks the model against hand formulas and an
// independent computation: /usr/bin/python3 3.11.2 summing the contract's
// formula month by month with (1+d)**(-m/12) discount factors,
//
//	unit = V*s*c*val*g*(1-risk); ramp(m) = min(1, m/R) (1 when R = 0)
//	pv_benefits = sum(unit*L*ramp(m)*(1+d)**(-m/12) for m in 1..H)
//	pv_costs = F + sum(M*(1+d)**(-m/12) for m in 1..H)
//	break_even_lift = pv_costs / sum(unit*ramp(m)*(1+d)**(-m/12))
//	payback = first m with -F + sum_{k<=m} (unit*L*ramp(k) - M)*(1+d)**(-k/12) >= 0
//
// It is long: a table of cases, each with its hand formula.
func TestROIClosedForm(t *testing.T) {
	const rel = 1e-12
	tests := []struct {
		name     string
		request  string
		want     map[string]any
		payback  int // 0: null
		warnings []string
	}{{
		// By hand, no discounting: benefit = 10000 x 0.05 x 0.1 x 100 x 0.5
		// = 2500 a month; pv_benefits = 12 x 2500 = 30000; pv_costs = 6000 +
		// 12 x 1000 = 18000; npv = 12000; roi = 12000/18000; per dollar =
		// 30000/18000; break-even lift = 18000 / (12 x 25000) = 0.06;
		// cumulative net = -6000 + 1500 m >= 0 first at m = 4.
		name:    "hand, no discounting, payback in month 4",
		request: `{"monthly_visitors":10000,"conversion_rate":0.05,"value_per_conversion":100,"gross_margin":0.5,"expected_lift":0.1,"one_time_cost":6000,"monthly_cost":1000,"horizon_months":12,"discount_rate":0}`,
		want: map[string]any{"pv_benefits": 30000.0, "pv_costs": 18000.0, "npv": 12000.0, "roi": 2.0 / 3,
			"roi_per_dollar": 5.0 / 3, "break_even_lift": 0.06, "monthly_benefit": 2500.0, "monthly_discount_rate": 0.0},
		payback: 4,
	}, {
		// By hand, no discounting, ramp over 4 months: the ramp factors sum to
		// 0.25 + 0.5 + 0.75 + 9 x 1 = 10.5, so pv_benefits = 2500 x 10.5 =
		// 26250; with a 25 % risk cut 19687.5; break-even = 18000 / (25000 x
		// 10.5 x 0.75). Cumulative net: -6000 + (468.75 - 1000) + (937.5 -
		// 1000) + (1406.25 - 1000) = -6187.5 after month 3, then +875 a
		// month: 6187.5 / 875 = 7.07, so first >= 0 at month 3 + 8 = 11.
		name:    "hand, ramp and risk, no discounting",
		request: `{"monthly_visitors":10000,"conversion_rate":0.05,"value_per_conversion":100,"gross_margin":0.5,"expected_lift":0.1,"one_time_cost":6000,"monthly_cost":1000,"horizon_months":12,"discount_rate":0,"ramp_months":4,"risk_adjustment":0.25}`,
		want: map[string]any{"pv_benefits": 19687.5, "pv_costs": 18000.0, "npv": 1687.5, "roi": 1687.5 / 18000,
			"roi_per_dollar": 19687.5 / 18000, "break_even_lift": 18000 / (25000 * 10.5 * 0.75), "monthly_benefit": 1875.0},
		payback: 11,
	}, {
		// benefit 5040 a month; R 4.2: i <- 1.1^(1/12)-1; 5040*(1-(1+i)^-36)/i
		// = 157179.75054878203 and 20000+2500*(1-(1+i)^-36)/i =
		// 97966.146105546635 (the annuity formula); python3 sums below.
		name:    "annuity, default horizon and discount rate",
		request: `{"monthly_visitors":50000,"conversion_rate":0.03,"value_per_conversion":120,"gross_margin":0.35,"expected_lift":0.08,"one_time_cost":20000,"monthly_cost":2500}`,
		want: map[string]any{"pv_benefits": 157179.75054878197, "pv_costs": 97966.14610554664, "npv": 59213.60444323534,
			"roi": 0.6044292523198765, "roi_per_dollar": 1.6044292523198764, "break_even_lift": 0.04986196797666606,
			"monthly_benefit": 5040.0, "monthly_discount_rate": 0.007974140428903764},
		payback: 9,
	}, {
		name:    "payback reached in month 10 at 12 %",
		request: `{"monthly_visitors":100000,"conversion_rate":0.025,"value_per_conversion":60,"gross_margin":0.5,"expected_lift":0.1,"one_time_cost":40000,"monthly_cost":3000,"horizon_months":24,"discount_rate":0.12}`,
		want: map[string]any{"pv_benefits": 160299.20020951494, "pv_costs": 104119.68008380596, "npv": 56179.52012570898,
			"roi": 0.5395667762375957, "roi_per_dollar": 1.5395667762375957, "break_even_lift": 0.06495333722671044,
			"monthly_discount_rate": 0.009488792934583046},
		payback: 10,
	}, {
		name:    "ramp over 6 months and 20 % risk adjustment",
		request: `{"monthly_visitors":100000,"conversion_rate":0.025,"value_per_conversion":60,"gross_margin":0.5,"expected_lift":0.1,"one_time_cost":40000,"monthly_cost":3000,"horizon_months":24,"discount_rate":0.12,"ramp_months":6,"risk_adjustment":0.2}`,
		want: map[string]any{"pv_benefits": 113565.27128692683, "pv_costs": 104119.68008380596, "npv": 9445.591203120872,
			"roi": 0.0907185960955519, "roi_per_dollar": 1.0907185960955519, "break_even_lift": 0.09168267631813579},
		payback: 21,
	}, {
		name:    "horizon of 1 month",
		request: `{"monthly_visitors":1000000,"conversion_rate":0.01,"value_per_conversion":50,"expected_lift":0.02,"one_time_cost":5000,"monthly_cost":1000,"horizon_months":1,"discount_rate":0.08}`,
		want: map[string]any{"pv_benefits": 9936.07101988294, "pv_costs": 5993.607101988294, "npv": 3942.4639178946463,
			"roi": 0.6577781711094793, "roi_per_dollar": 1.6577781711094792, "break_even_lift": 0.012064340301100034,
			"monthly_discount_rate": 0.00643403011000343},
		payback: 1,
	}, {
		name:    "horizon of 120 months, ramp 12, half addressable",
		request: `{"monthly_visitors":30000,"conversion_rate":0.04,"value_per_conversion":250,"gross_margin":0.3,"expected_lift":0.03,"addressable_share":0.5,"one_time_cost":150000,"monthly_cost":4000,"horizon_months":120,"discount_rate":0.15,"ramp_months":12}`,
		want: map[string]any{"pv_benefits": 79689.69700481967, "pv_costs": 407045.0303757043, "npv": -327355.33337088465,
			"roi": -0.8042238792812045, "roi_per_dollar": 0.19577612071879552, "break_even_lift": 0.15323625726086748,
			"monthly_discount_rate": 0.01171491691985338},
		warnings: []string{"no_payback"},
	}, {
		name:    "negative lift",
		request: `{"monthly_visitors":80000,"conversion_rate":0.02,"value_per_conversion":90,"gross_margin":0.4,"expected_lift":-0.02,"one_time_cost":10000,"monthly_cost":1000}`,
		want: map[string]any{"pv_benefits": -35926.8001254359, "pv_costs": 41186.45844221867, "npv": -77113.25856765456,
			"roi": -1.8722964169361234, "roi_per_dollar": -0.8722964169361235, "break_even_lift": 0.022927985959461487},
		warnings: []string{"negative_lift", "no_payback"},
	}, {
		// No costs: ROI is undefined (null), payback is immediate, and any
		// lift above 0 pays: break-even 0.
		name:    "zero costs",
		request: `{"monthly_visitors":80000,"conversion_rate":0.02,"value_per_conversion":90,"gross_margin":0.4,"expected_lift":0.03,"horizon_months":12}`,
		want: map[string]any{"pv_benefits": 19700.04296908343, "pv_costs": 0.0, "npv": 19700.04296908343,
			"roi": nil, "roi_per_dollar": nil, "break_even_lift": 0.0},
		payback:  1,
		warnings: []string{"roi_undefined"},
	}, {
		// Discount rate at its maximum, 100 % a year: python3 gives roi
		// 0.7279999999999993 (= 1.728 - 1: npv is linear in the lift).
		name:    "discount rate 100 %",
		request: `{"monthly_visitors":80000,"conversion_rate":0.02,"value_per_conversion":90,"gross_margin":0.4,"expected_lift":0.03,"monthly_cost":1000,"horizon_months":60,"discount_rate":1}`,
		want: map[string]any{"pv_benefits": 28151.91536930705, "pv_costs": 16291.617690571216, "npv": 11860.297678735835,
			"roi": 0.728, "roi_per_dollar": 1.728, "break_even_lift": 0.017361111111111115,
			"monthly_discount_rate": 0.05946309435929531},
		payback: 1,
	}, {
		// Nothing addressable: no benefit, and no lift can pay back.
		name:    "addressable share 0",
		request: `{"monthly_visitors":80000,"conversion_rate":0.02,"value_per_conversion":90,"expected_lift":0.03,"addressable_share":0,"one_time_cost":1000,"horizon_months":12,"discount_rate":0}`,
		want: map[string]any{"pv_benefits": 0.0, "pv_costs": 1000.0, "npv": -1000.0, "roi": -1.0, "roi_per_dollar": 0.0,
			"break_even_lift": nil},
		warnings: []string{"break_even_undefined", "low_addressable_share", "no_payback"},
	}, {
		// 20 % addressable: below the critical-mass rule of thumb (25 %).
		// By hand: benefit = 10000 x 0.2 x 0.05 x 0.1 x 100 = 1000 a month.
		name:    "low addressable share",
		request: `{"monthly_visitors":10000,"conversion_rate":0.05,"value_per_conversion":100,"expected_lift":0.1,"addressable_share":0.2,"monthly_cost":500,"horizon_months":12,"discount_rate":0}`,
		want: map[string]any{"pv_benefits": 12000.0, "pv_costs": 6000.0, "npv": 6000.0, "roi": 1.0, "roi_per_dollar": 2.0,
			"break_even_lift": 0.05, "monthly_benefit": 1000.0},
		payback:  1,
		warnings: []string{"low_addressable_share"},
	}, {
		// By hand: benefit = 10000 x 0.5 x 0.1 x 100 = 50000 a month, 600000
		// in 12 months; break-even lift = 12 x 1e6 / (12 x 10000 x 0.5 x 100)
		// = 2, which would put a 50 % conversion rate at 150 %.
		name:     "break-even lift beyond a 100 % conversion rate",
		request:  `{"monthly_visitors":10000,"conversion_rate":0.5,"value_per_conversion":100,"expected_lift":0.1,"monthly_cost":1000000,"horizon_months":12,"discount_rate":0}`,
		want:     map[string]any{"break_even_lift": 2.0, "pv_benefits": 6e5, "pv_costs": 12e6},
		warnings: []string{"break_even_unreachable", "no_payback"},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, status := runROI(t, tc.request)
			if status != StatusOK {
				t.Fatalf("status %v: %v", status, got)
			}
			checkFieldsRel(t, got, tc.want, rel, nil)
			if tc.payback == 0 {
				if got["payback_month"] != nil {
					t.Errorf("payback_month = %v, want null", got["payback_month"])
				}
			} else if got["payback_month"] != float64(tc.payback) {
				t.Errorf("payback_month = %v, want %d", got["payback_month"], tc.payback)
			}
			if codes := warningCodes(got); !slices.Equal(codes, tc.warnings) {
				t.Errorf("warnings = %v, want %v", codes, tc.warnings)
			}
			// npv is linear in the lift: at the break-even lift it is 0.
			if be, ok := got["break_even_lift"].(float64); ok {
				var req map[string]any
				json.Unmarshal([]byte(tc.request), &req)
				req["expected_lift"] = be
				b, _ := json.Marshal(req)
				at, st := runROI(t, string(b))
				if slices.Contains(tc.warnings, "break_even_unreachable") {
					if st != StatusInvalid {
						t.Errorf("an unreachable break-even lift %v was accepted as expected_lift", be)
					}
					return
				}
				if st != StatusOK {
					t.Fatalf("status %v at the break-even lift: %v", st, at)
				}
				if npv := at["npv"].(float64); math.Abs(npv) > 1e-9*got["pv_costs"].(float64) {
					t.Errorf("npv at the break-even lift %v = %v, want 0", be, npv)
				}
			}
		})
	}
}

func warningCodes(resp map[string]any) []string {
	var codes []string
	for _, w := range resp["warnings"].([]any) {
		codes = append(codes, w.(map[string]any)["code"].(string))
	}
	return codes
}

// TestROICashFlows checks the cash-flow table: month 0 holds the one-time
// cost, each discounted net is net / (1+i)^m, the running sum ends at the
// NPV, and the payback month is the first with a non-negative sum.
func TestROICashFlows(t *testing.T) {
	req := NewROIRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion, req.GrossMargin = 100000, 0.025, 60, 0.5
	req.ExpectedLift, req.OneTimeCost, req.MonthlyCost, req.HorizonMonths, req.DiscountRate, req.RampMonths = 0.1, 40000, 3000, 24, 0.12, 6
	resp, err := ROI(req)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.CashFlows) != req.HorizonMonths+1 {
		t.Fatalf("%d cash flows, want %d", len(resp.CashFlows), req.HorizonMonths+1)
	}
	if cf := resp.CashFlows[0]; cf.Month != 0 || cf.Benefit != 0 || cf.Cost != 40000 || cf.CumulativeDiscountedNet != -40000 {
		t.Errorf("month 0 = %+v, want the one-time cost alone", cf)
	}
	i := resp.MonthlyDiscountRate
	if !relClose(i, math.Pow(1.12, 1.0/12)-1, 1e-14) {
		t.Errorf("monthly discount rate %v, want 1.12^(1/12) - 1", i)
	}
	payback := 0
	sum := -40000.0
	for m, cf := range resp.CashFlows[1:] {
		m++
		ramp := math.Min(1, float64(m)/6)
		benefit := 100000 * 0.025 * 0.1 * 60 * 0.5 * ramp
		if cf.Month != m || !relClose(cf.Benefit, benefit, 1e-14) || cf.Cost != 3000 || cf.Net != cf.Benefit-cf.Cost {
			t.Errorf("month %d = %+v, want benefit %v and cost 3000", m, cf, benefit)
		}
		if want := cf.Net / math.Pow(1+i, float64(m)); !relClose(cf.DiscountedNet, want, 1e-13) {
			t.Errorf("month %d discounted net %v, want %v", m, cf.DiscountedNet, want)
		}
		sum += cf.DiscountedNet
		if !relClose(cf.CumulativeDiscountedNet, sum, 1e-12) {
			t.Errorf("month %d cumulative %v, want %v", m, cf.CumulativeDiscountedNet, sum)
		}
		if payback == 0 && cf.CumulativeDiscountedNet >= 0 {
			payback = m
		}
	}
	if !relClose(sum, resp.NPV, 1e-10) {
		t.Errorf("cumulative discounted net at the horizon %v, want the npv %v", sum, resp.NPV)
	}
	if resp.PaybackMonth == nil || *resp.PaybackMonth != payback {
		t.Errorf("payback month %v, want %d", resp.PaybackMonth, payback)
	}
}

// roiMCRequest is a request with a lift range, for the Monte Carlo tests.
func roiMCRequest(lift, low, high float64) ROIRequest {
	req := NewROIRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion, req.GrossMargin = 200000, 0.02, 80, 0.4
	req.ExpectedLift, req.LiftLow, req.LiftHigh = lift, &low, &high
	req.AddressableShare, req.OneTimeCost, req.MonthlyCost, req.RampMonths, req.RiskAdjustment = 0.6, 50000, 5000, 3, 0.1
	return req
}

// TestROIMonteCarloStatistics checks the simulation against the exact
// distribution: npv = perLift x L - costs with L ~ Normal(mu, sigma) is
// Normal(npv, perLift x sigma). prob_positive_npv must fall within 4
// standard errors sqrt(p(1-p)/n) of the exact 1 - Φ(-npv / sd) (Φ from
// gonum's distuv, which uses math.Erfc); each quantile within 4 standard
// errors of the exact npv + sd z_q, the standard error of a sample quantile
// being sqrt(q(1-q)/n) / φ(z_q) x sd. z_q from R 4.2: qnorm(0.1) =
// -1.2815515655446008, qnorm(0.9) = 1.2815515655446008.
//
// It is long: each statistic of the simulation is checked against its exact
// value in turn.
func TestROIMonteCarloStatistics(t *testing.T) {
	zq := map[string]float64{"p10": -1.2815515655446008, "p50": 0, "p90": 1.2815515655446008}
	q := map[string]float64{"p10": 0.1, "p50": 0.5, "p90": 0.9}
	tests := []struct {
		lift, low, high float64
		sims, seed      int
	}{
		{0.05, -0.01, 0.11, 10000, 1},
		{0.05, -0.01, 0.11, 10000, 2},
		{0.10, 0.02, 0.18, 20000, 7},
		{0.12, 0.09, 0.15, 5000, 99},
		{0.05, 0.00, 0.20, 1000, 3}, // asymmetric range, fewest draws
		{-0.02, -0.10, 0.06, 50000, 12345},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("lift=%v,range=[%v,%v],n=%d,seed=%d", tc.lift, tc.low, tc.high, tc.sims, tc.seed), func(t *testing.T) {
			req := roiMCRequest(tc.lift, tc.low, tc.high)
			req.Simulations, req.Seed = tc.sims, tc.seed
			resp, err := ROI(req)
			if err != nil {
				t.Fatal(err)
			}
			n := float64(tc.sims)
			m := newROIModel(&req)
			sigma := (tc.high - tc.low) / (2 * 1.6449)
			if !relClose(*resp.LiftSD, sigma, 1e-15) {
				t.Errorf("lift_sd %v, want %v", *resp.LiftSD, sigma)
			}
			dist := distuv.Normal{Mu: resp.NPV, Sigma: m.perLift * sigma}
			p := 1 - dist.CDF(0)
			if se := math.Sqrt(p * (1 - p) / n); math.Abs(*resp.ProbPositiveNPV-p) > 4*se {
				t.Errorf("prob_positive_npv %v, exact %v, more than 4 standard errors (%v) apart", *resp.ProbPositiveNPV, p, se)
			}
			got := map[string]float64{"p10": *resp.NPVP10, "p50": *resp.NPVP50, "p90": *resp.NPVP90}
			for name, z := range zq {
				exact := dist.Mu + dist.Sigma*z
				se := math.Sqrt(q[name]*(1-q[name])/n) / distuv.UnitNormal.Prob(z) * dist.Sigma
				if math.Abs(got[name]-exact) > 4*se {
					t.Errorf("npv_%s %v, exact %v, more than 4 standard errors (%v) apart", name, got[name], exact, se)
				}
			}
			if !(*resp.NPVP10 <= *resp.NPVP50 && *resp.NPVP50 <= *resp.NPVP90) {
				t.Errorf("quantiles out of order: %v %v %v", *resp.NPVP10, *resp.NPVP50, *resp.NPVP90)
			}
			// The histogram: every draw counted once, edges ascending, and the
			// counts consistent with the normal: a chi-square goodness-of-fit
			// test over bins with at least 5 expected draws (merging the
			// rest into the tails) must not reject at the 0.1 % level.
			h := resp.NPVHistogram
			if len(h.Counts) != histogramBins || len(h.BinEdges) != histogramBins+1 {
				t.Fatalf("histogram has %d bins and %d edges", len(h.Counts), len(h.BinEdges))
			}
			total := 0
			for _, c := range h.Counts {
				total += c
			}
			if total != tc.sims {
				t.Errorf("histogram counts sum to %d, want %d", total, tc.sims)
			}
			if !slices.IsSorted(h.BinEdges) {
				t.Errorf("bin edges not ascending: %v", h.BinEdges)
			}
			var chi2 float64
			cells, obs, exp := 0, 0.0, 0.0
			for k, c := range h.Counts {
				lo, hi := dist.CDF(h.BinEdges[k]), dist.CDF(h.BinEdges[k+1])
				if k == 0 {
					lo = 0
				}
				if k == len(h.Counts)-1 {
					hi = 1
				}
				obs += float64(c)
				exp += (hi - lo) * n
				if exp >= 5 && (k == len(h.Counts)-1 || n*(1-dist.CDF(h.BinEdges[k+1])) >= 5) {
					chi2 += (obs - exp) * (obs - exp) / exp
					cells++
					obs, exp = 0, 0
				}
			}
			// The bins' edges come from the sample (min and max), which costs
			// about one degree of freedom more; cells-1 is the conservative choice.
			pval := 1 - distuv.ChiSquared{K: float64(cells - 1)}.CDF(chi2)
			if pval < 1e-3 {
				t.Errorf("histogram rejects the normal: chi2 %v on %d cells, p = %v", chi2, cells, pval)
			}
		})
	}
}

// TestROIMonteCarloDeterminism: the same request gives the same bytes; a
// different seed gives different draws.
func TestROIMonteCarloDeterminism(t *testing.T) {
	req := `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"expected_lift":0.05,"lift_low":-0.01,"lift_high":0.11,"one_time_cost":50000,"monthly_cost":5000,"seed":%d}`
	a, _ := RunJSON("roi", []byte(fmt.Sprintf(req, 42)))
	b, _ := RunJSON("roi", []byte(fmt.Sprintf(req, 42)))
	if !bytes.Equal(a, b) {
		t.Fatal("the same request gave different responses")
	}
	c, _ := RunJSON("roi", []byte(fmt.Sprintf(req, 43)))
	var ra, rc ROIResponse
	json.Unmarshal(a, &ra)
	json.Unmarshal(c, &rc)
	if *ra.NPVP10 == *rc.NPVP10 && *ra.NPVP90 == *rc.NPVP90 && slices.Equal(ra.NPVHistogram.Counts, rc.NPVHistogram.Counts) {
		t.Error("seeds 42 and 43 gave the same simulation")
	}
	if ra.NPV != rc.NPV || *ra.ProbPositiveNPV == 0 {
		t.Error("the seed changed the closed-form result, or the simulation found no positive NPV")
	}
}

// TestROIGolden pins the exact simulation of the contract's roi-public-2
// request with seed 1. The draws use only IEEE-exact operations (see
// montecarlo.go), so this test must pass bit for bit natively and under
// GOOS=js GOARCH=wasm (run with the Go distribution's go_js_wasm_exec on
// the PATH): a failure on one platform only means the platforms disagree.
func TestROIGolden(t *testing.T) {
	const request = `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"expected_lift":0.05,"lift_low":-0.01,"lift_high":0.11,"addressable_share":0.6,"one_time_cost":50000,"monthly_cost":5000,"horizon_months":36,"discount_rate":0.1,"ramp_months":3,"risk_adjustment":0.1}`
	out, status := RunJSON("roi", []byte(request))
	if status != StatusOK {
		t.Fatalf("status %v: %s", status, out)
	}
	var resp ROIResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"prob_positive_npv": goldenProb,
		"npv_p10":           goldenP10,
		"npv_p50":           goldenP50,
		"npv_p90":           goldenP90,
	}
	got := map[string]float64{"prob_positive_npv": *resp.ProbPositiveNPV, "npv_p10": *resp.NPVP10, "npv_p50": *resp.NPVP50, "npv_p90": *resp.NPVP90}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s = %s, want exactly %s", name, strconv.FormatFloat(got[name], 'g', -1, 64), strconv.FormatFloat(w, 'g', -1, 64))
		}
	}
	if !slices.Equal(resp.NPVHistogram.Counts, goldenCounts) {
		t.Errorf("histogram counts = %#v, want %#v", resp.NPVHistogram.Counts, goldenCounts)
	}
	// Every number of the response but the warnings' wording.
	var m map[string]any
	json.Unmarshal(out, &m)
	delete(m, "warnings")
	canonical, _ := json.Marshal(m)
	sum := sha256.Sum256(canonical)
	if h := hex.EncodeToString(sum[:]); h != goldenSHA256 {
		t.Errorf("response digest %s, want %s", h, goldenSHA256)
	}
}

// The golden values of TestROIGolden: seed 1, amd64, Go 1.26.
const (
	goldenProb   = 0.0903
	goldenP10    = -200170.65772516088
	goldenP50    = -101569.50251436415
	goldenP90    = -5293.5902948429575
	goldenSHA256 = "13317dbf6063ed28f15cb4e5f1c805cc1dcacfef0167918f88c5728f36247cc0"
)

var goldenCounts = []int{2, 2, 7, 5, 20, 53, 73, 117, 206, 285, 417, 529, 693, 844, 973, 969, 985, 928, 801, 676, 457, 320, 260, 166, 94, 62, 30, 14, 10, 2}

// TestNormalQuantile checks the platform-independent AS 241 against R and
// against gonum's mathext.NormalQuantile (the same algorithm with the
// platform's math.Log and possible fused multiply-adds).
func TestNormalQuantile(t *testing.T) {
	// R 4.2.2: print(qnorm(c(2^-53, 1e-10, 0.001, 0.025, 0.075, 0.0750001,
	// 0.3, 0.5+2^-20, 0.925, 0.975, 0.999, 1-1e-10, 1-2^-53)), digits=17)
	tests := []struct{ p, want float64 }{
		{0x1p-53, -8.2095361516013856},
		{1e-10, -6.3613409024040557},
		{0.001, -3.0902323061678132},
		{0.025, -1.9599639845400538},
		{0.075, -1.4395314709384557},
		{0.0750001, -1.4395307645017297},
		{0.3, -0.52440051270804067},
		{0.5, 0},
		{0.5 + 0x1p-20, 2.3905070062955743e-06},
		{0.925, 1.4395314709384559},
		{0.975, 1.9599639845400536},
		{0.999, 3.0902323061678132},
		{1 - 1e-10, 6.3613408896974208},
		{1 - 0x1p-53, 8.2095361516013856},
	}
	for _, tc := range tests {
		if got := normalQuantile(tc.p); !relClose(got, tc.want, 1e-15) && !(tc.want == 0 && got == 0) {
			t.Errorf("normalQuantile(%v) = %v, want %v", tc.p, got, tc.want)
		}
	}
	maxULP := 0.0
	prev := math.Inf(-1)
	for k := 1; k < 100000; k++ {
		p := float64(k) / 100000
		got, want := normalQuantile(p), mathext.NormalQuantile(p)
		if got <= prev {
			t.Fatalf("normalQuantile not increasing at %v", p)
		}
		prev = got
		if want != 0 {
			maxULP = math.Max(maxULP, math.Abs(got-want)/ulp(want))
		}
	}
	if maxULP > 4 {
		t.Errorf("normalQuantile differs from gonum's by up to %v ulp", maxULP)
	}
	t.Logf("largest difference from gonum's mathext.NormalQuantile: %v ulp", maxULP)
}

func ulp(x float64) float64 {
	x = math.Abs(x)
	return math.Nextafter(x, math.Inf(1)) - x
}

// TestDetLog checks the pure-Go logarithm against math.Log over values
// across the range of normal numbers: within 1 ulp.
func TestDetLog(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	inputs := []float64{1, 2, 0.5, math.Sqrt2 / 2, 0.075, 1e-300, 0x1p-53, 1 - 0x1p-53, math.MaxFloat64, math.E}
	for range 200000 {
		inputs = append(inputs, math.Ldexp(1+rng.Float64(), rng.IntN(2000)-1000))
	}
	maxULP := 0.0
	for _, x := range inputs {
		got, want := detLog(x), math.Log(x)
		if got == want {
			continue
		}
		d := math.Abs(got-want) / ulp(want)
		maxULP = math.Max(maxULP, d)
		if d > 1 {
			t.Errorf("detLog(%v) = %v, math.Log = %v", x, got, want)
		}
	}
	t.Logf("largest difference from math.Log: %v ulp", maxULP)
}

// TestTwelfthRoot checks (1+d)^(1/12) against math.Pow for every discount
// rate in steps of 0.0001, within 2 ulp; R 4.2: print(1.1^(1/12),
// digits=17) = 1.0079741404289038.
func TestTwelfthRoot(t *testing.T) {
	if got := twelfthRoot(1.1); !relClose(got, 1.0079741404289038, 2.3e-16) {
		t.Errorf("twelfthRoot(1.1) = %v, want 1.0079741404289038", got)
	}
	if got := twelfthRoot(1); got != 1 {
		t.Errorf("twelfthRoot(1) = %v, want 1", got)
	}
	for k := 0; k <= 10000; k++ {
		a := 1 + float64(k)/10000
		got, want := twelfthRoot(a), math.Pow(a, 1.0/12)
		if math.Abs(got-want) > 2*ulp(want) {
			t.Errorf("twelfthRoot(%v) = %v, math.Pow = %v", a, got, want)
		}
	}
}

// TestUniformOpen: the extremes of the generator's output map inside (0, 1).
func TestUniformOpen(t *testing.T) {
	if u := uniformOpen(0); !(u > 0) || u != 0x1p-53 {
		t.Errorf("uniformOpen(0) = %v, want 2^-53", u)
	}
	if u := uniformOpen(math.MaxUint64); !(u < 1) || u != 1-0x1p-53 {
		t.Errorf("uniformOpen(max) = %v, want 1 - 2^-53", u)
	}
	// The mean of many uniforms is 1/2 within 4 standard errors (1/sqrt(12 n)).
	rng := rand.NewPCG(1, mcStream)
	const n = 100000
	sum := 0.0
	for range n {
		sum += uniformOpen(rng.Uint64())
	}
	if mean := sum / n; math.Abs(mean-0.5) > 4/math.Sqrt(12*n) {
		t.Errorf("mean of %d uniforms %v", n, mean)
	}
}

// TestHistogramDegenerate: when every NPV is the same (nothing
// addressable), the histogram is one bin and the quantiles that value.
func TestHistogramDegenerate(t *testing.T) {
	req := roiMCRequest(0.05, -0.01, 0.11)
	req.AddressableShare = 0
	resp, err := ROI(req)
	if err != nil {
		t.Fatal(err)
	}
	h := resp.NPVHistogram
	if len(h.Counts) != 1 || h.Counts[0] != req.Simulations || h.BinEdges[0] != h.BinEdges[1] || h.BinEdges[0] != resp.NPV {
		t.Errorf("histogram %+v, want one bin of %d at %v", h, req.Simulations, resp.NPV)
	}
	if *resp.ProbPositiveNPV != 0 || *resp.NPVP10 != resp.NPV || *resp.NPVP90 != resp.NPV {
		t.Errorf("prob %v, p10 %v, p90 %v, want 0 and the npv %v", *resp.ProbPositiveNPV, *resp.NPVP10, *resp.NPVP90, resp.NPV)
	}
	// A sorted sample splits into equal-width bins, edges from min to max.
	x := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10}
	h2 := histogram(x, 5)
	if !slices.Equal(h2.Counts, []int{2, 2, 2, 2, 4}) || h2.BinEdges[0] != 0 || h2.BinEdges[5] != 10 {
		t.Errorf("histogram of 0..10 = %+v", h2)
	}
	// The empirical quantile (R type 1) of 1..10: R 4.2 quantile(1:10,
	// c(0.1, 0.5, 0.9), type=1) = 1 5 9.
	s := summarize([]float64{-3, -2, -1, 0, 1, 2, 3, 4, 5, 6})
	if s.p10 != -3 || s.p50 != 1 || s.p90 != 5 || s.probPositive != 0.6 {
		t.Errorf("summary %+v", s)
	}
}

// TestROISensitivity checks the tornado data against the public API: each
// row's NPVs are the npv of the request with that one input moved.
func TestROISensitivity(t *testing.T) {
	ranged := roiMCRequest(0.05, -0.01, 0.11)
	plain := ranged
	plain.LiftLow, plain.LiftHigh = nil, nil
	plain.ExpectedLift = -0.04
	for name, req := range map[string]ROIRequest{"with range": ranged, "without range": plain} {
		t.Run(name, func(t *testing.T) {
			resp, err := ROI(req)
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Sensitivity) != 11 {
				t.Errorf("%d sensitivity rows, want 11", len(resp.Sensitivity))
			}
			prevSwing := math.Inf(1)
			for _, row := range resp.Sensitivity {
				swing := math.Abs(row.NPVHigh - row.NPVLow)
				if swing > prevSwing {
					t.Errorf("%s: swing %v after a smaller one", row.Field, swing)
				}
				prevSwing = swing
				if row.Label == "" || !(row.LowValue <= row.HighValue) {
					t.Errorf("row %+v", row)
				}
				for _, end := range []struct {
					value, npv float64
				}{{row.LowValue, row.NPVLow}, {row.HighValue, row.NPVHigh}} {
					var m map[string]any
					b, _ := json.Marshal(req)
					json.Unmarshal(b, &m)
					m[row.Field] = end.value
					delete(m, "lift_low")
					delete(m, "lift_high")
					b, _ = json.Marshal(m)
					moved, status := runROI(t, string(b))
					if status != StatusOK {
						t.Fatalf("%s = %v: %v", row.Field, end.value, moved)
					}
					if !relClose(end.npv, moved["npv"].(float64), 1e-9) {
						t.Errorf("%s = %v: npv %v, the request gives %v", row.Field, end.value, end.npv, moved["npv"])
					}
				}
			}
			lift := findRow(resp.Sensitivity, "expected_lift")
			wantLo, wantHi := req.ExpectedLift*1.5, req.ExpectedLift*0.5 // ±50 % of a negative lift
			if req.LiftLow != nil {
				wantLo, wantHi = *req.LiftLow, *req.LiftHigh
			}
			if !relClose(lift.LowValue, wantLo, 1e-15) || !relClose(lift.HighValue, wantHi, 1e-15) {
				t.Errorf("lift moves over [%v, %v], want [%v, %v]", lift.LowValue, lift.HighValue, wantLo, wantHi)
			}
			if v := findRow(resp.Sensitivity, "monthly_visitors"); v.LowValue != 160000 || v.HighValue != 240000 {
				t.Errorf("visitors move over [%v, %v], want ±20 %%", v.LowValue, v.HighValue)
			}
		})
	}
	// Shares are capped at 1.
	full := ranged
	full.AddressableShare = 1
	resp, _ := ROI(full)
	if a := findRow(resp.Sensitivity, "addressable_share"); a.LowValue != 0.8 || a.HighValue != 1 {
		t.Errorf("addressable share moves over [%v, %v], want [0.8, 1]", a.LowValue, a.HighValue)
	}
}

// TestROISensitivityMoves checks each move the sensitivity output's Help
// and content/calculators/roi.md state: ±50 % of the lift without a range,
// ±20 % for the rest with the high value capped at 1 for shares and the
// discount rate and at 0.99 for the risk adjustment (never below the input
// itself), ramp months rounded to whole months within the horizon, and an
// input at 0 not moving.
func TestROISensitivityMoves(t *testing.T) {
	base := func() ROIRequest {
		r := NewROIRequest()
		r.MonthlyVisitors, r.ConversionRate, r.ValuePerConversion, r.ExpectedLift = 200000, 0.02, 80, 0.08
		return r
	}
	tests := []struct {
		name      string
		modify    func(*ROIRequest)
		field     string
		low, high float64
	}{
		{"lift ±50 %", func(r *ROIRequest) {}, "expected_lift", 0.04, 0.12},
		{"negative lift ±50 % of its size", func(r *ROIRequest) { r.ExpectedLift = -0.1 }, "expected_lift", -0.15, -0.05},
		{"lift over the range", func(r *ROIRequest) { r.LiftLow, r.LiftHigh = f64(0.02), f64(0.14) }, "expected_lift", 0.02, 0.14},
		{"conversion rate capped at 1", func(r *ROIRequest) { r.ConversionRate = 0.9 }, "conversion_rate", 0.72, 1},
		{"gross margin capped at 1", func(r *ROIRequest) { r.GrossMargin = 1 }, "gross_margin", 0.8, 1},
		{"discount rate capped at 1", func(r *ROIRequest) { r.DiscountRate = 0.9 }, "discount_rate", 0.72, 1},
		{"risk capped at 0.99", func(r *ROIRequest) { r.RiskAdjustment = 0.9 }, "risk_adjustment", 0.72, 0.99},
		{"risk above the cap moves only down", func(r *ROIRequest) { r.RiskAdjustment = 0.995 }, "risk_adjustment", 0.796, 0.995},
		{"cost ±20 %, no cap", func(r *ROIRequest) { r.OneTimeCost = 50000 }, "one_time_cost", 40000, 60000},
		{"cost at 0 stays", func(r *ROIRequest) {}, "one_time_cost", 0, 0},
		{"ramp of 3 months: 2 to 4", func(r *ROIRequest) { r.RampMonths = 3 }, "ramp_months", 2, 4},
		{"ramp of 2 months stays", func(r *ROIRequest) { r.RampMonths = 2 }, "ramp_months", 2, 2},
		{"ramp at most the horizon", func(r *ROIRequest) { r.RampMonths, r.HorizonMonths = 12, 12 }, "ramp_months", 10, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := base()
			tt.modify(&r)
			resp, err := ROI(r)
			if err != nil {
				t.Fatal(err)
			}
			row := findRow(resp.Sensitivity, tt.field)
			if !relClose(row.LowValue, tt.low, 1e-15) || !relClose(row.HighValue, tt.high, 1e-15) {
				t.Errorf("%s moves over [%v, %v], want [%v, %v]", tt.field, row.LowValue, row.HighValue, tt.low, tt.high)
			}
		})
	}
}

func findRow(rows []ROISensitivity, field string) ROISensitivity {
	for _, r := range rows {
		if r.Field == field {
			return r
		}
	}
	return ROISensitivity{}
}

// TestROIWarnings checks the warnings not covered by TestROIClosedForm.
func TestROIWarnings(t *testing.T) {
	resp, err := ROI(roiMCRequest(0.05, 0.0, 0.20))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range resp.Warnings {
		found = found || w.Code == "asymmetric_lift_range"
	}
	if !found {
		t.Errorf("no asymmetric_lift_range warning for a range [0, 0.2] around 0.05: %v", resp.Warnings)
	}
	resp, _ = ROI(roiMCRequest(0.05, -0.01, 0.11))
	for _, w := range resp.Warnings {
		if w.Code == "asymmetric_lift_range" {
			t.Error("asymmetric_lift_range for a centred range")
		}
	}
}

// TestROIInvalid: each invalid input gives an error naming the field.
//
// It is long: a table of invalid requests with the field and code each must
// give.
func TestROIInvalid(t *testing.T) {
	const base = `"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"expected_lift":0.05`
	tests := []struct {
		request string
		field   string
		code    string
	}{
		{`{"conversion_rate":0.02,"value_per_conversion":80,"expected_lift":0.05}`, "monthly_visitors", CodeRequired},
		{`{"monthly_visitors":200000,"value_per_conversion":80,"expected_lift":0.05}`, "conversion_rate", CodeRequired},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"expected_lift":0.05}`, "value_per_conversion", CodeRequired},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80}`, "expected_lift", CodeRequired},
		{`{` + base + `,"monthly_visitors":0}`, "monthly_visitors", CodeOutOfRange},
		{`{"monthly_visitors":2e12,"conversion_rate":0.02,"value_per_conversion":80,"expected_lift":0.05}`, "monthly_visitors", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":2,"value_per_conversion":80,"expected_lift":0.05}`, "conversion_rate", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0,"value_per_conversion":80,"expected_lift":0.05}`, "conversion_rate", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":-1,"expected_lift":0.05}`, "value_per_conversion", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":1e14,"expected_lift":0.05}`, "value_per_conversion", CodeOutOfRange},
		{`{` + base + `,"gross_margin":0}`, "gross_margin", CodeOutOfRange},
		{`{` + base + `,"gross_margin":1.5}`, "gross_margin", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"expected_lift":-1.5}`, "expected_lift", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"expected_lift":11}`, "expected_lift", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.5,"value_per_conversion":80,"expected_lift":1.5}`, "expected_lift", CodeOutOfRange},
		{`{` + base + `,"lift_low":0.01}`, "lift_high", CodeRequired},
		{`{` + base + `,"lift_high":0.1}`, "lift_low", CodeRequired},
		{`{` + base + `,"lift_low":0.1,"lift_high":0.01}`, "lift_high", CodeInconsistent},
		{`{` + base + `,"lift_low":0.06,"lift_high":0.1}`, "lift_low", CodeInconsistent},
		{`{` + base + `,"lift_low":0.01,"lift_high":0.04}`, "lift_high", CodeInconsistent},
		{`{` + base + `,"lift_low":-2,"lift_high":0.1}`, "lift_low", CodeOutOfRange},
		{`{"monthly_visitors":200000,"conversion_rate":0.5,"value_per_conversion":80,"expected_lift":0.5,"lift_low":0.1,"lift_high":1.2}`, "lift_high", CodeOutOfRange},
		{`{` + base + `,"addressable_share":1.1}`, "addressable_share", CodeOutOfRange},
		{`{` + base + `,"addressable_share":-0.1}`, "addressable_share", CodeOutOfRange},
		{`{` + base + `,"one_time_cost":-5}`, "one_time_cost", CodeOutOfRange},
		{`{` + base + `,"one_time_cost":1e14}`, "one_time_cost", CodeOutOfRange},
		{`{` + base + `,"monthly_cost":-5}`, "monthly_cost", CodeOutOfRange},
		{`{` + base + `,"horizon_months":0}`, "horizon_months", CodeOutOfRange},
		{`{` + base + `,"horizon_months":121}`, "horizon_months", CodeOutOfRange},
		{`{` + base + `,"horizon_months":12.5}`, "horizon_months", CodeNotInteger},
		{`{` + base + `,"discount_rate":-0.01}`, "discount_rate", CodeOutOfRange},
		{`{` + base + `,"discount_rate":10}`, "discount_rate", CodeOutOfRange},
		{`{` + base + `,"ramp_months":-1}`, "ramp_months", CodeOutOfRange},
		{`{` + base + `,"ramp_months":1.5}`, "ramp_months", CodeNotInteger},
		{`{` + base + `,"ramp_months":13,"horizon_months":12}`, "ramp_months", CodeInconsistent},
		{`{` + base + `,"risk_adjustment":1}`, "risk_adjustment", CodeOutOfRange},
		{`{` + base + `,"risk_adjustment":-0.1}`, "risk_adjustment", CodeOutOfRange},
		{`{` + base + `,"simulations":999}`, "simulations", CodeOutOfRange},
		{`{` + base + `,"simulations":1000001}`, "simulations", CodeOutOfRange},
		{`{` + base + `,"simulations":5000.5}`, "simulations", CodeNotInteger},
		{`{` + base + `,"seed":-1}`, "seed", CodeOutOfRange},
		{`{` + base + `,"seed":1e300}`, "seed", CodeOutOfRange},
		{`{` + base + `,"seed":"abc"}`, "seed", CodeWrongType},
		{`{` + base + `,"monthly_cost":null}`, "monthly_cost", CodeNull},
		{`{` + base + `,"monthly_cost":"5000"}`, "monthly_cost", CodeWrongType},
		{`{` + base + `,"montly_cost":5000}`, "montly_cost", CodeUnknownField},
	}
	for _, tc := range tests {
		t.Run(tc.field+"/"+tc.code, func(t *testing.T) {
			got, status := runROI(t, tc.request)
			if status != StatusInvalid {
				t.Fatalf("status %v, want invalid: %s -> %v", status, tc.request, got)
			}
			errs := got["errors"].([]any)
			for _, e := range errs {
				e := e.(map[string]any)
				if e["field"] == tc.field {
					if e["code"] != tc.code {
						t.Errorf("code %v, want %s: %v", e["code"], tc.code, e["message"])
					}
					msg := e["message"].(string)
					if len(msg) < 20 || !strings.HasSuffix(msg, ".") && !strings.HasSuffix(msg, "?") && !strings.HasSuffix(msg, "`.") {
						t.Errorf("message %q is not a sentence", msg)
					}
					return
				}
			}
			t.Errorf("no error names %s: %v", tc.field, errs)
		})
	}
	// Every problem is listed, not only the first.
	got, _ := runROI(t, `{"monthly_visitors":-1,"conversion_rate":3,"value_per_conversion":80,"expected_lift":0.05,"horizon_months":0}`)
	if n := len(got["errors"].([]any)); n != 3 {
		t.Errorf("%d errors, want 3: %v", n, got["errors"])
	}
	// The typed function reports the same errors.
	req := NewROIRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion, req.ExpectedLift = 1000, 0.02, 80, 0.05
	req.RampMonths = 40
	if _, err := ROI(req); err == nil || err.(Errors)[0].Field != "ramp_months" {
		t.Errorf("ROI with ramp 40 > horizon 36: %v", err)
	}
}

// TestROIExtremes: absurd but allowed sizes give finite numbers.
func TestROIExtremes(t *testing.T) {
	for _, request := range []string{
		`{"monthly_visitors":1e12,"conversion_rate":0.09,"value_per_conversion":1e13,"expected_lift":9.9,"lift_low":-1,"lift_high":10,"one_time_cost":1e13,"monthly_cost":1e13,"horizon_months":120,"discount_rate":0,"simulations":1000}`,
		`{"monthly_visitors":1e-300,"conversion_rate":1e-300,"value_per_conversion":1e-300,"gross_margin":1e-300,"expected_lift":1e-300,"lift_low":-1e-300,"lift_high":2e-300,"monthly_cost":1e-320,"simulations":1000}`,
		`{"monthly_visitors":1,"conversion_rate":1,"value_per_conversion":1,"expected_lift":-0.5,"lift_low":-1,"lift_high":0,"horizon_months":1,"risk_adjustment":0.999999,"simulations":1000}`,
	} {
		out, status := RunJSON("roi", []byte(request))
		if status != StatusOK {
			t.Errorf("%s: status %v: %s", request, status, out)
		}
	}
}

// FuzzROI runs random requests through RunJSON: no panic, never a
// not-computable error (NaN or Infinity caught on the way out), every error
// names a field, and valid responses are consistent.
func FuzzROI(f *testing.F) {
	f.Add(200000.0, 0.02, 80.0, 0.4, 0.05, -0.01, 0.11, 0.6, 50000.0, 5000.0, 36, 3, 0.1, 0.1, 0, int64(1), true)
	f.Add(200000.0, 0.02, 80.0, 0.4, 0.05, 0.0, 0.0, 1.0, 50000.0, 5000.0, 36, 0, 0.1, 0.0, 0, int64(1), false)
	f.Add(1e12, 1.0, 1e13, 1.0, 0.0, -1.0, 10.0, 1.0, 1e13, 1e13, 120, 120, 1.0, 0.99, 5, int64(1<<53), true)
	f.Add(1e-300, 1e-300, 1e-300, 1e-300, -1.0, -1.0, -0.5, 0.0, 0.0, 0.0, 1, 1, 0.0, 0.0, 3, int64(0), true)
	f.Fuzz(func(t *testing.T, visitors, conv, value, margin, lift, low, high, share, oneTime, monthly float64,
		horizon, ramp int, discount, risk float64, sims int, seed int64, withRange bool) {
		num := func(x float64) string {
			switch {
			case math.IsNaN(x):
				return `"NaN"`
			case math.IsInf(x, 0):
				return "1e999"
			}
			return strconv.FormatFloat(x, 'g', -1, 64)
		}
		if sims >= 0 {
			sims = 1000 + sims%2001 // keep runs short; out-of-range counts are tested above
		}
		req := fmt.Sprintf(`{"monthly_visitors":%s,"conversion_rate":%s,"value_per_conversion":%s,"gross_margin":%s,"expected_lift":%s,"addressable_share":%s,"one_time_cost":%s,"monthly_cost":%s,"horizon_months":%d,"ramp_months":%d,"discount_rate":%s,"risk_adjustment":%s,"simulations":%d,"seed":%d`,
			num(visitors), num(conv), num(value), num(margin), num(lift), num(share), num(oneTime), num(monthly), horizon, ramp, num(discount), num(risk), sims, seed)
		if withRange {
			req += fmt.Sprintf(`,"lift_low":%s,"lift_high":%s`, num(low), num(high))
		}
		req += "}"
		out, status := RunJSON("roi", []byte(req))
		switch status {
		case StatusInvalid:
			var body struct{ Errors Errors }
			if err := json.Unmarshal(out, &body); err != nil || len(body.Errors) == 0 {
				t.Fatalf("invalid without errors: %s", out)
			}
			for _, e := range body.Errors {
				if e.Field == "" || e.Code == CodeNotComputable || e.Message == "" {
					t.Fatalf("%s: error %+v", req, e)
				}
			}
			return
		case StatusOK:
		default:
			t.Fatalf("%s: status %v: %s", req, status, out)
		}
		var resp ROIResponse
		if err := json.Unmarshal(out, &resp); err != nil {
			t.Fatalf("%s: %v", out, err)
		}
		if len(resp.CashFlows) != horizon+1 {
			t.Fatalf("%d cash flows for a horizon of %d", len(resp.CashFlows), horizon)
		}
		if p := resp.PaybackMonth; p != nil && (*p < 1 || *p > horizon) {
			t.Fatalf("payback month %d outside 1..%d", *p, horizon)
		}
		if !withRange {
			if resp.ProbPositiveNPV != nil || resp.NPVHistogram != nil {
				t.Fatal("risk analysis without a lift range")
			}
			return
		}
		if p := *resp.ProbPositiveNPV; !(p >= 0 && p <= 1) {
			t.Fatalf("prob_positive_npv %v", p)
		}
		if !(*resp.NPVP10 <= *resp.NPVP50 && *resp.NPVP50 <= *resp.NPVP90) {
			t.Fatalf("quantiles out of order: %v %v %v", *resp.NPVP10, *resp.NPVP50, *resp.NPVP90)
		}
		total := 0
		for _, c := range resp.NPVHistogram.Counts {
			total += c
		}
		if total != sims || !slices.IsSorted(resp.NPVHistogram.BinEdges) {
			t.Fatalf("histogram %+v for %d simulations", resp.NPVHistogram, sims)
		}
	})
}

var benchROIRequest = func() ROIRequest {
	req := NewROIRequest()
	req.MonthlyVisitors, req.ConversionRate, req.ValuePerConversion, req.GrossMargin = 200000, 0.02, 80, 0.4
	req.ExpectedLift, req.OneTimeCost, req.MonthlyCost = 0.05, 50000, 5000
	return req
}()

// BenchmarkROI is the closed form (36 months, sensitivity), no lift range.
func BenchmarkROI(b *testing.B) {
	for b.Loop() {
		if _, err := ROI(benchROIRequest); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkROIMonteCarlo10k adds the risk analysis with 10,000 draws.
func BenchmarkROIMonteCarlo10k(b *testing.B) {
	req := roiMCRequest(0.05, -0.01, 0.11)
	req.Simulations = 10000
	for b.Loop() {
		if _, err := ROI(req); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSimulateNPV10k is the simulation alone: draws and sort.
func BenchmarkSimulateNPV10k(b *testing.B) {
	for b.Loop() {
		s := simulateNPV(2e6, 2e5, 0.05, 0.036, 10000, 1)
		_ = stat.Quantile(0.5, stat.Empirical, s, nil)
	}
}

// benchROIJSON is benchROIRequest as the front ends send it (WASM, CLI, API).
var benchROIJSON = []byte(`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"expected_lift":0.05,"one_time_cost":50000,"monthly_cost":5000}`)

// BenchmarkROIJSON is BenchmarkROI through the JSON entry point: decoding,
// validation, the closed form and encoding the response.
func BenchmarkROIJSON(b *testing.B) {
	for b.Loop() {
		if out, status := RunJSON("roi", benchROIJSON); status != StatusOK {
			b.Fatal(string(out))
		}
	}
}

// BenchmarkROIMonteCarlo10kJSON is BenchmarkROIMonteCarlo10k through the
// JSON entry point.
func BenchmarkROIMonteCarlo10kJSON(b *testing.B) {
	req, err := json.Marshal(roiMCRequest(0.05, -0.01, 0.11))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if out, status := RunJSON("roi", req); status != StatusOK {
			b.Fatal(string(out))
		}
	}
}
