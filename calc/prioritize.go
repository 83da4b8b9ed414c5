package calc

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// PrioritizeIdea is one idea of the backlog: what roi needs beyond the
// site the ideas share. Pointers are optional fields without a default.
type PrioritizeIdea struct {
	Name             string   `json:"name"`                // unique, 1..80 characters
	AddressableShare float64  `json:"addressable_share"`   // as in roi
	ExpectedLift     float64  `json:"expected_lift"`       // as in roi
	LiftLow          *float64 `json:"lift_low,omitempty"`  // as in roi: both or neither
	LiftHigh         *float64 `json:"lift_high,omitempty"` // as in roi
	OneTimeCost      float64  `json:"one_time_cost"`       // as in roi
	MonthlyCost      float64  `json:"monthly_cost"`        // as in roi
	RampMonths       int      `json:"ramp_months"`         // as in roi
	RiskAdjustment   float64  `json:"risk_adjustment"`     // as in roi
}

// PrioritizeRequest asks which ideas of a backlog to fund first: each idea
// is an roi case on the shared site, and an A/B test of its lift.
type PrioritizeRequest struct {
	MonthlyVisitors    float64          `json:"monthly_visitors"`
	ConversionRate     float64          `json:"conversion_rate"`
	ValuePerConversion float64          `json:"value_per_conversion"`
	GrossMargin        float64          `json:"gross_margin"`
	HorizonMonths      int              `json:"horizon_months"`
	DiscountRate       float64          `json:"discount_rate"`
	Simulations        int              `json:"simulations"`
	Seed               int              `json:"seed"`
	Alpha              float64          `json:"alpha"`
	Power              float64          `json:"power"`
	MaxTestDays        int              `json:"max_test_days"`
	RankBy             string           `json:"rank_by"`
	Budget             *float64         `json:"budget,omitempty"` // present-value currency, absent: no portfolio
	Ideas              []PrioritizeIdea `json:"ideas"`            // 1..20
}

// NewPrioritizeRequest returns a request holding the spec's defaults (Field.Default).
func NewPrioritizeRequest() PrioritizeRequest { return newRequestOf[PrioritizeRequest](prioritizeCalc) }

// PrioritizedIdea is one idea's line of the ranking.
type PrioritizedIdea struct {
	Name            string   `json:"name"`
	Rank            int      `json:"rank"` // 1 = best
	NPV             float64  `json:"npv"`
	PVBenefits      float64  `json:"pv_benefits"`
	PVCosts         float64  `json:"pv_costs"`
	ROI             *float64 `json:"roi"`
	ROIPerDollar    *float64 `json:"roi_per_dollar"`
	PaybackMonth    *int     `json:"payback_month"`
	BreakEvenLift   *float64 `json:"break_even_lift"`
	ProbPositiveNPV *float64 `json:"prob_positive_npv"` // null without a lift range
	NPVP10          *float64 `json:"npv_p10"`           // roi's 10th percentile of the simulated NPV; null without a lift range
	NPVP90          *float64 `json:"npv_p90"`           // roi's 90th percentile; null without a lift range
	TestDays        *int     `json:"test_days"`         // null when the lift is <= 0 or cannot be tested
	Testable        bool     `json:"testable"`          // test_days <= max_test_days
}

// PrioritizePortfolio is the best set of ideas a budget buys.
type PrioritizePortfolio struct {
	Names   []string `json:"names"`    // in rank order
	NPV     float64  `json:"npv"`      // the chosen ideas' total npv
	PVCosts float64  `json:"pv_costs"` // the chosen ideas' total pv_costs
	// PVBenefits is the chosen ideas' total pv_benefits.
	PVBenefits float64 `json:"pv_benefits"`
	// ROIPerDollar is pv_benefits / pv_costs; null when pv_costs is 0.
	ROIPerDollar *float64 `json:"roi_per_dollar"`
	// PaybackMonth is the first month (1..horizon) whose cumulative
	// discounted net, summed over the chosen ideas, is >= 0; null when none.
	PaybackMonth *int `json:"payback_month"`
	// ProbPositiveNPV is the share of simulated portfolios with a total NPV
	// above 0 (portfolioDraws); null when no chosen idea has a lift range.
	ProbPositiveNPV *float64 `json:"prob_positive_npv"`
}

// PrioritizeResponse is the ranked backlog, and the portfolio with a budget.
type PrioritizeResponse struct {
	Ideas     []PrioritizedIdea    `json:"ideas"` // in rank order
	Portfolio *PrioritizePortfolio `json:"portfolio,omitempty"`
	Notes
}

// maxIdeas is the most ideas a request may hold: the budget's subset search
// is exact, over at most 2^20 subsets.
const maxIdeas = 20

// sharedROI returns roi's spec of a field the ideas share: the same range,
// help and default, always shown (roi shows its simulation fields only
// with a lift range; here any idea may have one).
func sharedROI(name string) Field {
	f := *roiField(name)
	f.ShowWhen = Cond{}
	return f
}

// ideaROI returns roi's spec of a field each idea has.
func ideaROI(name string) Field { return *roiField(name) }

// prioritizeFields are prioritize's request fields: the site's and the
// test's, shared by every idea, then the ideas with roi's own field specs.
var prioritizeFields = []Field{
	sharedROI("monthly_visitors"),
	sharedROI("conversion_rate"),
	sharedROI("value_per_conversion"),
	sharedROI("gross_margin"),
	sharedROI("horizon_months"),
	sharedROI("discount_rate"),
	sharedROI("simulations"),
	sharedROI("seed"),
	*fieldIn(sampleSizeCalc.Fields, "alpha"),
	*fieldIn(sampleSizeCalc.Fields, "power"),
	{Name: "max_test_days", Label: "Longest test", Type: Integer, Unit: Days, Default: 56,
		Min: ptr(1), Max: ptr(3650), Advanced: true,
		Help: "An idea is testable when its A/B test needs at most this many days at its share of traffic. Eight weeks (56 days) is a usual limit."},
	{Name: "rank_by", Label: "Rank by", Type: String, Default: "npv", Enum: []string{"npv", "roi_per_dollar", "prob_positive_npv"},
		EnumLabels: []string{"Net present value", "Return per dollar spent", "Chance of a positive NPV"},
		Help:       "What puts an idea first: the money it adds, the return on each dollar it costs, or the odds that it pays back. Ideas without a value sort last."},
	{Name: "budget", Label: "Budget", Type: Number, Unit: Currency, Example: 100000,
		Min: ptr(0), Max: ptr(1e15),
		Help: "The most the chosen ideas may cost together, in today's money (present value). Gives the set of ideas with the highest total net present value that fits."},
	{Name: "ideas", Label: "Ideas", Type: Array, Required: true, MinItems: 1, MaxItems: maxIdeas, ItemNoun: "idea",
		Example: []any{map[string]any{"name": "Recommendations", "expected_lift": 0.05, "lift_low": 0.01, "lift_high": 0.09, "one_time_cost": 50000, "monthly_cost": 2000}},
		Help:    "The backlog, one object per idea (1 to 20): its name, the lift you expect and its range, its costs and the share of traffic it reaches.",
		Items: []Field{
			{Name: "name", Label: "Name", Type: String, Required: true, MinLength: 1, MaxLength: 80, Example: "Recommendations",
				Help: "What the idea is called; each idea needs its own name."},
			ideaROI("addressable_share"),
			ideaROI("expected_lift"),
			ideaROI("lift_low"),
			ideaROI("lift_high"),
			ideaROI("one_time_cost"),
			ideaROI("monthly_cost"),
			ideaROI("ramp_months"),
			ideaROI("risk_adjustment"),
		}},
}

var prioritizeCalc = define(Calculator{
	Name:        "prioritize",
	Title:       "Rank the idea backlog",
	Description: "Which personalization ideas to fund first: each idea's net present value, return per dollar, payback and A/B test duration, ranked, with the best set of ideas a budget buys.",
	// Up to 20 ideas of 80-character names and nine numbers each, as
	// pretty-printed JSON with escaped names: about 16 KB; four times that.
	MaxBody: 64 << 10,
	Fields:  prioritizeFields,
	Outputs: []Output{
		{Name: "ideas", Label: "Ranked ideas", Help: "One line per idea, best first: rank, net present value and its 80 % range, return per dollar, payback month, chance of a positive NPV, the days its test needs and whether that fits the longest test."},
		{Name: "portfolio", Label: "Portfolio within the budget", Unit: Currency, Help: "With a budget: the ideas with a positive net present value whose costs fit the budget together and add the most value, with their total NPV, cost, benefits, return per dollar, payback month and chance of a positive NPV."},
	},
}, withoutHooks(computePrioritize))

// Prioritize ranks a backlog of ideas. The error, when not nil, is Errors
// listing every problem with the request.
func Prioritize(req PrioritizeRequest) (*PrioritizeResponse, error) {
	return runTyped[PrioritizeRequest, *PrioritizeResponse](prioritizeCalc, req, Hooks{})
}

// roiRequest is the roi request of idea k: the shared fields plus the idea's.
func (r *PrioritizeRequest) roiRequest(k int) ROIRequest {
	idea := &r.Ideas[k]
	return ROIRequest{
		MonthlyVisitors: r.MonthlyVisitors, ConversionRate: r.ConversionRate, ValuePerConversion: r.ValuePerConversion,
		GrossMargin: r.GrossMargin, HorizonMonths: r.HorizonMonths, DiscountRate: r.DiscountRate,
		Simulations: r.Simulations, Seed: r.Seed,
		ExpectedLift: idea.ExpectedLift, LiftLow: idea.LiftLow, LiftHigh: idea.LiftHigh,
		AddressableShare: idea.AddressableShare, OneTimeCost: idea.OneTimeCost, MonthlyCost: idea.MonthlyCost,
		RampMonths: idea.RampMonths, RiskAdjustment: idea.RiskAdjustment,
	}
}

// sampleSizeRequest is the samplesize request of idea k's test: the
// conversion rate as the baseline, the expected lift as a relative effect,
// two arms split evenly, two sides, the site's daily visitors (monthly x
// 12 / 365) with the idea's addressable share of them in the test.
func (r *PrioritizeRequest) sampleSizeRequest(k int) SampleSizeRequest {
	q := NewSampleSizeRequest()
	base, daily := r.ConversionRate, r.MonthlyVisitors*12/365
	q.Metric, q.BaselineRate, q.MDE, q.MDEType = "proportion", &base, r.Ideas[k].ExpectedLift, "relative"
	q.Alpha, q.Power, q.Sides, q.Variants = r.Alpha, r.Power, 2, 2
	q.DailyVisitors, q.TrafficShare = &daily, r.Ideas[k].AddressableShare
	return q
}

// check applies roi's own cross-field checks to each idea (the lift range
// around the expected lift, the ramp within the horizon, the lifted rate
// at most 100 %), naming the idea's fields, and rejects a name used by an
// earlier idea.
func (r *PrioritizeRequest) check(p *problems) {
	seen := map[string]int{}
	for k := range r.Ideas {
		sc := scope{}.item(fieldIn(prioritizeFields, "ideas"), k)
		if p.has(strings.TrimSuffix(sc.path, ".")) {
			continue // not an object
		}
		var sub problems
		for _, shared := range []string{"conversion_rate", "horizon_months"} {
			if p.has(shared) {
				sub.add(shared, CodeInternal, "") // skips the checks that read it
			}
		}
		for _, f := range roiFields {
			if p.has(sc.path + f.Name) {
				sub.add(f.Name, CodeInternal, "")
			}
		}
		q := r.roiRequest(k)
		q.check(&sub)
		for _, e := range sub.list {
			if e.Code != CodeInternal {
				p.add(sc.path+e.Field, e.Code, fmt.Sprintf("Idea %d: %s", k+1, e.Message))
			}
		}
		name := r.Ideas[k].Name
		if j, dup := seen[name]; dup && !p.has(sc.path+"name") {
			p.add(sc.path+"name", CodeInconsistent, fmt.Sprintf("Name of idea %d (%q) is already the name of idea %d: give each idea its own name.", k+1, truncate(name, 40), j+1))
		} else if !dup {
			seen[name] = k
		}
	}
}

// computePrioritize runs roi (computeROI, the code of the roi calculator)
// on each idea with the shared fields, and samplesize (SampleSize) on its
// test; ranks the ideas by rank_by, best first, a null last and ties in
// the request's order; and with a budget picks the portfolio (bestSubset).
func computePrioritize(r *PrioritizeRequest) (*PrioritizeResponse, error) {
	out := make([]PrioritizedIdea, len(r.Ideas))
	cashFlows := make([][]ROICashFlow, len(r.Ideas))
	var untestable []string
	for k := range r.Ideas {
		q := r.roiRequest(k)
		roi, err := computeROI(&q)
		if err != nil {
			return nil, err
		}
		cashFlows[k] = roi.CashFlows
		idea := PrioritizedIdea{Name: r.Ideas[k].Name, NPV: roi.NPV, PVBenefits: roi.PVBenefits, PVCosts: roi.PVCosts,
			ROI: roi.ROI, ROIPerDollar: roi.ROIPerDollar, PaybackMonth: roi.PaybackMonth, BreakEvenLift: roi.BreakEvenLift,
			ProbPositiveNPV: roi.ProbPositiveNPV, NPVP10: roi.NPVP10, NPVP90: roi.NPVP90}
		if r.Ideas[k].ExpectedLift > 0 {
			if ss, err := SampleSize(r.sampleSizeRequest(k)); err == nil {
				idea.TestDays = ss.Days
			} else {
				untestable = append(untestable, fmt.Sprintf("%q", truncate(idea.Name, 40)))
			}
		}
		idea.Testable = idea.TestDays != nil && *idea.TestDays <= r.MaxTestDays
		out[k] = idea
	}
	resp := &PrioritizeResponse{}
	if len(untestable) > 0 {
		resp.warn("test_not_computable", fmt.Sprintf("No A/B test can detect the lift of %s at this traffic (the lift is too small, or the lifted rate reaches 100 %%): its test days are left empty.", strings.Join(untestable, ", ")))
	}
	if r.Budget != nil {
		var chosen []int
		resp.Portfolio, chosen = bestSubset(out, *r.Budget)
		r.portfolioTotals(resp.Portfolio, chosen, out, cashFlows)
	}
	order := rankOrder(out, r.RankBy)
	resp.Ideas = make([]PrioritizedIdea, len(out))
	for rank, k := range order {
		out[k].Rank = rank + 1
		resp.Ideas[rank] = out[k]
	}
	if resp.Portfolio != nil {
		chosen := resp.Portfolio.Names
		resp.Portfolio.Names = []string{}
		for _, idea := range resp.Ideas {
			if slices.Contains(chosen, idea.Name) {
				resp.Portfolio.Names = append(resp.Portfolio.Names, idea.Name)
			}
		}
	}
	return resp, nil
}

// rankOrder returns the request positions of ideas best first by the
// rank_by output (larger is better), a null after every number, and equal
// values (two nulls included) in the request's order.
func rankOrder(ideas []PrioritizedIdea, rankBy string) []int {
	key := func(i *PrioritizedIdea) *float64 {
		switch rankBy {
		case "roi_per_dollar":
			return i.ROIPerDollar
		case "prob_positive_npv":
			return i.ProbPositiveNPV
		}
		return &i.NPV
	}
	order := make([]int, len(ideas))
	for k := range order {
		order[k] = k
	}
	slices.SortStableFunc(order, func(a, b int) int {
		x, y := key(&ideas[a]), key(&ideas[b])
		switch {
		case x == nil && y == nil:
			return 0
		case x == nil:
			return 1
		case y == nil:
			return -1
		}
		return cmp.Compare(*y, *x)
	})
	return order
}

// bestSubset is the portfolio of ideas (in the request's order) that a
// budget buys: among the ideas with npv > 0, the subset whose total
// pv_costs is at most budget with the highest total npv; of equal totals,
// the one with fewer ideas, then the lexicographically smallest list of
// request positions. Totals are summed in the request's order. The search
// is exact: a depth-first walk over every subset (at most 2^20), cut where
// the costs already pass the budget (costs are >= 0, so adding ideas
// cannot bring them back). Names are returned in the request's order.
func bestSubset(ideas []PrioritizedIdea, budget float64) (*PrioritizePortfolio, []int) {
	var cand []int
	for k := range ideas {
		if ideas[k].NPV > 0 {
			cand = append(cand, k)
		}
	}
	var best, cur []int
	bestNPV, bestCost := 0.0, 0.0
	better := func(npv float64) bool {
		switch {
		case npv != bestNPV:
			return npv > bestNPV
		case len(cur) != len(best):
			return len(cur) < len(best)
		}
		return slices.Compare(cur, best) < 0
	}
	var walk func(i int, npv, cost float64)
	walk = func(i int, npv, cost float64) {
		if i == len(cand) {
			if better(npv) {
				best, bestNPV, bestCost = append(best[:0], cur...), npv, cost
			}
			return
		}
		k := cand[i]
		if c := cost + ideas[k].PVCosts; c <= budget {
			cur = append(cur, k)
			walk(i+1, npv+ideas[k].NPV, c)
			cur = cur[:len(cur)-1]
		}
		walk(i+1, npv, cost)
	}
	walk(0, 0, 0)
	names := make([]string, len(best))
	for i, k := range best {
		names[i] = ideas[k].Name
	}
	return &PrioritizePortfolio{Names: names, NPV: bestNPV, PVCosts: bestCost}, best
}
