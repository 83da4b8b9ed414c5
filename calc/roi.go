package calc

import (
	"cmp"
	"fmt"
	"math"
	"slices"
)

// ROIRequest asks whether a personalization program pays for itself. Field
// names and defaults are the contract's; pointers are optional fields
// without a default (nil: absent).
type ROIRequest struct {
	MonthlyVisitors    float64  `json:"monthly_visitors"`     // visitors (or customers) reached per month, > 0
	ConversionRate     float64  `json:"conversion_rate"`      // baseline conversion rate, 0 < p <= 1
	ValuePerConversion float64  `json:"value_per_conversion"` // currency per conversion (AOV or CLV), > 0
	GrossMargin        float64  `json:"gross_margin"`         // share of value kept, 0 < m <= 1
	ExpectedLift       float64  `json:"expected_lift"`        // relative lift in conversion, -1..10
	LiftLow            *float64 `json:"lift_low,omitempty"`   // 5th percentile of the lift
	LiftHigh           *float64 `json:"lift_high,omitempty"`  // 95th percentile of the lift
	AddressableShare   float64  `json:"addressable_share"`    // share of traffic that can be personalized, 0..1
	OneTimeCost        float64  `json:"one_time_cost"`        // currency, paid at month 0
	MonthlyCost        float64  `json:"monthly_cost"`         // currency, paid at the end of every month
	HorizonMonths      int      `json:"horizon_months"`       // 1..120
	DiscountRate       float64  `json:"discount_rate"`        // annual, 0..1
	RampMonths         int      `json:"ramp_months"`          // 0..horizon_months
	RiskAdjustment     float64  `json:"risk_adjustment"`      // share of benefits cut for risk, 0 <= x < 1
	Simulations        int      `json:"simulations"`          // Monte Carlo draws, 1000..1000000
	Seed               int      `json:"seed"`                 // 0..2^53
}

// NewROIRequest returns a request holding the spec's defaults (Field.Default).
func NewROIRequest() ROIRequest { return newRequestOf[ROIRequest](roiCalc) }

// ROICashFlow is one month of the program's cash flow. Month 0 holds the
// one-time cost; months 1..horizon hold benefits and the monthly cost, both
// at the end of the month.
type ROICashFlow struct {
	Month                   int     `json:"month"`
	Benefit                 float64 `json:"benefit"`                   // margin gained this month, after ramp and risk
	Cost                    float64 `json:"cost"`                      // one-time cost (month 0) or monthly cost
	Net                     float64 `json:"net"`                       // benefit - cost
	DiscountedNet           float64 `json:"discounted_net"`            // net / (1 + i)^month
	CumulativeDiscountedNet float64 `json:"cumulative_discounted_net"` // sum of discounted_net up to this month
}

// ROISensitivity is one bar of a tornado chart: the NPV when one input
// moves to its low or high value, all others held at the request's values.
type ROISensitivity struct {
	Field     string  `json:"field"`      // the request field that moves
	Label     string  `json:"label"`      // its form label
	LowValue  float64 `json:"low_value"`  // the input's low value
	HighValue float64 `json:"high_value"` // the input's high value
	NPVLow    float64 `json:"npv_low"`    // NPV with the input at low_value
	NPVHigh   float64 `json:"npv_high"`   // NPV with the input at high_value
}

// ROIResponse is the program's business case: present values, NPV, ROI,
// payback, break-even lift, monthly cash flows, sensitivity and, with a lift
// range, the Monte Carlo risk analysis.
type ROIResponse struct {
	PVBenefits          float64          `json:"pv_benefits"`           // present value of benefits
	PVCosts             float64          `json:"pv_costs"`              // present value of costs
	NPV                 float64          `json:"npv"`                   // pv_benefits - pv_costs
	ROI                 *float64         `json:"roi"`                   // npv / pv_costs; null when pv_costs is 0
	ROIPerDollar        *float64         `json:"roi_per_dollar"`        // pv_benefits / pv_costs; null when pv_costs is 0
	PaybackMonth        *int             `json:"payback_month"`         // first month with cumulative discounted net >= 0
	BreakEvenLift       *float64         `json:"break_even_lift"`       // expected_lift at which npv = 0
	MonthlyBenefit      float64          `json:"monthly_benefit"`       // benefit of a month at full effect, after risk
	MonthlyDiscountRate float64          `json:"monthly_discount_rate"` // i = (1 + d)^(1/12) - 1
	CashFlows           []ROICashFlow    `json:"cash_flows"`            // months 0..horizon
	Sensitivity         []ROISensitivity `json:"sensitivity"`           // largest NPV swing first

	// The risk analysis, present only with lift_low and lift_high.
	LiftSD          *float64      `json:"lift_sd,omitempty"`           // (lift_high - lift_low) / (2 x 1.6449)
	ProbPositiveNPV *float64      `json:"prob_positive_npv,omitempty"` // share of draws with npv > 0
	NPVP10          *float64      `json:"npv_p10,omitempty"`
	NPVP50          *float64      `json:"npv_p50,omitempty"`
	NPVP90          *float64      `json:"npv_p90,omitempty"`
	NPVHistogram    *ROIHistogram `json:"npv_histogram,omitempty"`
	Notes
}

// maxSeed is the largest seed: 2^53, the largest integer a JSON number holds exactly.
const maxSeed = 1 << 53

// criticalMassShare is the addressable share below which roikit warns.
const criticalMassShare = 0.25

// roiFields are the roi calculator's request fields. They are a variable of
// their own so that computeROI can read labels without an initialization cycle.
var roiFields = []Field{
	{Name: "monthly_visitors", Label: "Visitors per month", Type: Number, Unit: Count, Required: true, Example: 200000,
		Min: ptr(0), Max: ptr(1e12), MinExclusive: true,
		Help: "Visitors (or customers) your site or program reaches each month."},
	{Name: "conversion_rate", Label: "Conversion rate", Type: Number, Unit: Fraction, Required: true, Example: 0.02,
		Min: ptr(0), Max: ptr(1), MinExclusive: true,
		Help: "The share of those visitors who convert today, as a fraction: 0.02 for 2 %."},
	{Name: "value_per_conversion", Label: "Value per conversion", Type: Number, Unit: Currency, Required: true, Example: 80,
		Min: ptr(0), Max: ptr(1e13), MinExclusive: true,
		Help: "What one conversion is worth: the average order value, or a customer lifetime value when personalization wins customers."},
	grossMarginField("that value", "0.4", "if the value is already a margin"),
	{Name: "expected_lift", Label: "Expected lift", Type: Number, Unit: Fraction, Required: true, Example: 0.05,
		Min: ptr(-1), Max: ptr(10),
		Help: "How much personalization raises the conversion rate, relative to today: 0.05 means +5 % (a 2 % rate becomes 2.1 %). May be negative."},
	{Name: "lift_low", Label: "Lift, pessimistic case", Type: Number, Unit: Fraction, Example: -0.01,
		Min: ptr(-1), Max: ptr(10), RequiredWhen: given("lift_high"),
		RequiredMessage: "with the optimistic case: give both ends of the lift range, or neither.",
		Help:            "A lift you are 95 % sure to beat (the 5th percentile). Give it with the optimistic case to get the odds that the program pays back."},
	{Name: "lift_high", Label: "Lift, optimistic case", Type: Number, Unit: Fraction, Example: 0.11,
		Min: ptr(-1), Max: ptr(10), RequiredWhen: given("lift_low"),
		RequiredMessage: "with the pessimistic case: give both ends of the lift range, or neither.",
		Help:            "A lift you are 95 % sure not to exceed (the 95th percentile). Give it with the pessimistic case."},
	{Name: "addressable_share", Label: "Addressable share", Type: Number, Unit: Fraction, Default: 1.0,
		Min: ptr(0), Max: ptr(1),
		Help: "The share of traffic the program can act on, weighted by orders: 1 if it uses only the visit itself; if it must recognize the customer, the share of site orders from customers recognized during the visit. As a rule of thumb (Valdez Mendia, Mexico Business News, 2023), under a quarter of transactions from known customers makes a positive return unlikely."},
	{Name: "one_time_cost", Label: "One-time cost", Type: Number, Unit: Currency, Default: 0.0,
		Min: ptr(0), Max: ptr(1e13),
		Help: "Set-up cost paid up front: integration, implementation, consulting."},
	{Name: "monthly_cost", Label: "Monthly cost", Type: Number, Unit: Currency, Default: 0.0,
		Min: ptr(0), Max: ptr(1e13),
		Help: "Running cost per month: licences, people, content production."},
	{Name: "horizon_months", Label: "Time horizon", Type: Integer, Unit: Months, Default: 36,
		Min: ptr(1), Max: ptr(120),
		Help: "How many months of benefits and costs to count. Three years (36 months) is usual for a software business case."},
	discountRateField(""),
	{Name: "ramp_months", Label: "Ramp-up period", Type: Integer, Unit: Months, Default: 0,
		Min: ptr(0), Max: ptr(120), Advanced: true,
		Help: "Months until personalization reaches its full effect; benefits grow in a straight line until then. 0 means full effect from the first month."},
	{Name: "risk_adjustment", Label: "Risk adjustment", Type: Number, Unit: Fraction, Default: 0.0,
		Min: ptr(0), Max: ptr(1), MaxExclusive: true, Advanced: true,
		Help: "A haircut on benefits for risk, as in Forrester's Total Economic Impact method: 0.1 cuts every benefit by 10 %."},
	{Name: "simulations", Label: "Simulations", Type: Integer, Default: 10000,
		Min: ptr(1000), Max: ptr(1000000), Advanced: true, ShowWhen: given("lift_low"),
		Help: "How many random lifts the risk analysis draws from your range: more draws give steadier odds."},
	{Name: "seed", Label: "Random seed", Type: Integer, Unit: Plain, Default: 1,
		Min: ptr(0), Max: ptr(maxSeed), Advanced: true, ShowWhen: given("lift_low"),
		Help: "Fixes the random draws, so the same inputs always give the same answer. Change it to see how much the odds move by chance."},
}

var roiCalc = define(Calculator{
	Name:        "roi",
	Title:       "Personalization ROI",
	Description: "Whether a personalization program pays for itself: net present value, ROI, payback month and break-even lift, with the odds of a positive return when you give a range for the lift.",
	MaxBody:     closedFormMaxBody,
	Fields:      roiFields,
	Outputs: []Output{
		{Name: "npv", Label: "Net present value", Unit: Currency, Help: "Present value of benefits minus present value of costs: what the program adds, in today's money."},
		{Name: "roi", Label: "ROI", Unit: Fraction, Help: "Net present value divided by the present value of costs: 0.5 means 50 % return on what you spend."},
		{Name: "roi_per_dollar", Label: "Return per dollar spent", Help: "Present-value benefits per present-value dollar of cost: above 1 the program pays for itself."},
		{Name: "payback_month", Label: "Payback month", Unit: Months, Help: "The first month in which the cumulative discounted cash flow turns non-negative; empty when it never does within the horizon."},
		{Name: "break_even_lift", Label: "Break-even lift", Unit: Fraction, Help: "The smallest lift at which the program pays for itself (NPV = 0)."},
		{Name: "pv_benefits", Label: "Present value of benefits", Unit: Currency, Help: "The extra margin over the horizon, discounted to today."},
		{Name: "pv_costs", Label: "Present value of costs", Unit: Currency, Help: "The one-time cost plus the monthly costs discounted to today."},
		{Name: "monthly_benefit", Label: "Monthly benefit at full effect", Unit: Currency, Help: "The extra margin of one month once the ramp-up is over, after the risk adjustment."},
		{Name: "monthly_discount_rate", Label: "Monthly discount rate", Unit: Fraction, Help: "The annual discount rate spread over months: (1 + annual rate)^(1/12) - 1."},
		{Name: "cash_flows", Label: "Cash flow by month", Unit: Currency, Help: "Benefit, cost, net and cumulative discounted net for month 0 (the one-time cost) to the horizon."},
		{Name: "sensitivity", Label: "What moves the result", Unit: Currency, Help: "The net present value when each input in turn moves to a low and a high value while the others stay at yours, largest swing first. The lift moves over your pessimistic-to-optimistic range, or without one by half its size either way (±50 %: a lift of 8 % moves from 4 % to 12 %). Ramp-up months move ±20 % rounded to whole months, at most the horizon (so a ramp of 1 or 2 months stays put). Every other input moves ±20 %, its high value capped at 1 (100 %) for the conversion rate, gross margin, addressable share and discount rate and at 0.99 for the risk adjustment, never below the input itself. An input at 0 does not move."},
		{Name: "prob_positive_npv", Label: "Chance of a positive NPV", Unit: Fraction, Help: "The share of simulated lifts, drawn from your range, for which the program pays for itself."},
		{Name: "npv_p10", Label: "NPV, pessimistic (10th percentile)", Unit: Currency, Help: "Nine in ten simulated outcomes are better than this."},
		{Name: "npv_p50", Label: "NPV, median", Unit: Currency, Help: "Half the simulated outcomes are better than this."},
		{Name: "npv_p90", Label: "NPV, optimistic (90th percentile)", Unit: Currency, Help: "One in ten simulated outcomes is better than this."},
		{Name: "npv_histogram", Label: "Spread of simulated NPV", Unit: Currency, Help: "How many simulated outcomes fall in each NPV range."},
		{Name: "lift_sd", Label: "Lift standard deviation", Unit: Fraction, Help: "The spread of the simulated lift: (optimistic - pessimistic) / (2 x 1.6449)."},
	},
}, withoutHooks(computeROI))

// ROI returns the business case of a personalization program. The error,
// when not nil, is Errors listing every problem with the request.
func ROI(req ROIRequest) (*ROIResponse, error) {
	return runTyped[ROIRequest, *ROIResponse](roiCalc, req, Hooks{})
}

func (r *ROIRequest) check(p *problems) {
	lowField, highField := roiField("lift_low"), roiField("lift_high")
	switch {
	case r.LiftLow != nil && r.LiftHigh != nil && !p.has("lift_low") && !p.has("lift_high"):
		low, high := *r.LiftLow, *r.LiftHigh
		if !(low < high) {
			p.add("lift_high", CodeInconsistent, fmt.Sprintf("%s (%s) must be greater than the pessimistic case (%s).",
				highField.Label, formatShare(high), formatShare(low)))
			break
		}
		if p.has("expected_lift") {
			break
		}
		if !(low < r.ExpectedLift) {
			p.add("lift_low", CodeInconsistent, fmt.Sprintf("%s (%s) must be below the expected lift (%s): the range should contain the lift you expect.",
				lowField.Label, formatShare(low), formatShare(r.ExpectedLift)))
		}
		if !(r.ExpectedLift < high) {
			p.add("lift_high", CodeInconsistent, fmt.Sprintf("%s (%s) must be above the expected lift (%s): the range should contain the lift you expect.",
				highField.Label, formatShare(high), formatShare(r.ExpectedLift)))
		}
	}
	if !p.has("ramp_months") && !p.has("horizon_months") && r.RampMonths > r.HorizonMonths {
		p.add("ramp_months", CodeInconsistent, fmt.Sprintf("The ramp-up period must be at most the time horizon (%d months).", r.HorizonMonths))
	}
	if p.has("conversion_rate") {
		return
	}
	// The lifted conversion rate cannot pass 100 %.
	maxLift := (1 - r.ConversionRate) / r.ConversionRate
	tooHigh := func(field, label string, lift float64) {
		if !p.has(field) && float64(r.ConversionRate*lift)+r.ConversionRate > 1 {
			p.add(field, CodeOutOfRange, fmt.Sprintf("%s is too large for a conversion rate of %s: the conversion rate would pass 100 %%. Use a lift of at most %s (+%s).",
				label, formatShare(r.ConversionRate), formatNumber(maxLift), formatShare(maxLift)))
		}
	}
	tooHigh("expected_lift", "Expected lift", r.ExpectedLift)
	if r.LiftHigh != nil {
		tooHigh("lift_high", highField.Label, *r.LiftHigh)
	}
}

// maxHorizon is the largest horizon_months: the model's per-month arrays
// fit in fixed-size buffers of maxHorizon+1 values, so that a call of the
// calculator allocates none of them.
const maxHorizon = 120

// roiModel holds what the NPV of a request depends on, so that the NPV for
// any lift is one multiply: npv(L) = perLift x L - costs.
type roiModel struct {
	discount []float64 // discount[m] = (1 + i)^-m for m = 0..horizon
	full     float64   // benefit of a month at full effect per unit of lift, after risk (currency)
	perLift  float64   // present value of benefits per unit of lift (currency)
	costs    float64   // present value of costs (currency)
	growth   float64   // 1 + i, the monthly growth factor of money
}

// newROIModel computes discount factors, per-lift benefits and present values:
//
//	i        = (1 + d)^(1/12) - 1
//	unit(m)  = full x ramp(m)
//	full     = visitors x addressable share x conversion rate x value x margin x (1 - risk)
//	ramp(m)  = min(1, m / ramp_months)   (1 when ramp_months = 0)
//	perLift  = Σ_{m=1..H} unit(m) / (1 + i)^m
//	costs    = one_time_cost + Σ_{m=1..H} monthly_cost / (1 + i)^m
//
// so that pv_benefits = perLift x expected_lift and npv = perLift x L - costs.
func newROIModel(r *ROIRequest) *roiModel {
	m := buildROIModel(r, nil)
	return &m
}

// buildROIModel is newROIModel with the discount factors appended to
// buf[:0]: a buffer of capacity horizon+1 or more spares their allocation.
func buildROIModel(r *ROIRequest, buf []float64) roiModel {
	m := roiModel{growth: twelfthRoot(1 + r.DiscountRate), full: fullBenefit(r)}
	m.discount = discountFactors(buf[:0], m.growth, r.HorizonMonths)
	m.perLift = pvPerLift(m.full, r.RampMonths, m.discount)
	m.costs = pvCosts(r.OneTimeCost, r.MonthlyCost, m.discount)
	return m
}

// npv is the net present value at lift L.
func (m *roiModel) npv(lift float64) float64 { return float64(m.perLift*lift) - m.costs }

// fullBenefit is the benefit of a month at full effect per unit of lift,
// after risk, in currency:
//
//	visitors x addressable share x conversion rate x value x margin x (1 - risk)
func fullBenefit(r *ROIRequest) float64 {
	return r.MonthlyVisitors * r.AddressableShare * r.ConversionRate * r.ValuePerConversion * r.GrossMargin * (1 - r.RiskAdjustment)
}

// rampShare is the share of the full effect reached in month m >= 1 with a
// ramp of rampMonths >= 0 months: m / rampMonths before the ramp's end, 1
// from month rampMonths on (and always 1 when rampMonths = 0).
func rampShare(m, rampMonths int) float64 {
	if m < rampMonths {
		return float64(m) / float64(rampMonths)
	}
	return 1
}

// discountFactors appends to dst the discount factors (1 + i)^-m for
// months m = 0..h, with growth = 1 + i > 0, and returns the slice. Each is
// 1 / (1 + i)^m with the power built by repeated multiplication, so that
// every factor is the same wherever it is computed.
func discountFactors(dst []float64, growth float64, h int) []float64 {
	dst = append(dst, 1)
	compound := 1.0
	for range h {
		compound *= growth
		dst = append(dst, 1/compound)
	}
	return dst
}

// pvPerLift is the present value of benefits per unit of lift, in currency:
// Σ_{m=1..H} (full x ramp(m)) x discount[m], with H = len(discount) - 1.
// Months at full effect need no ramp: full x 1 = full.
func pvPerLift(full float64, rampMonths int, discount []float64) float64 {
	sum := 0.0
	k := 1
	for ; k < len(discount) && k < rampMonths; k++ {
		sum += float64(float64(full*rampShare(k, rampMonths)) * discount[k])
	}
	for ; k < len(discount); k++ {
		sum += float64(full * discount[k])
	}
	return sum
}

// pvCosts is the present value of costs, in currency: the one-time cost at
// month 0 plus Σ_{m=1..H} monthlyCost x discount[m], with H = len(discount) - 1.
func pvCosts(oneTimeCost, monthlyCost float64, discount []float64) float64 {
	sum := oneTimeCost
	for _, d := range discount[1:] {
		sum += float64(monthlyCost * d)
	}
	return sum
}

// computeROI implements the contract's roi model. Benefits and monthly
// costs arrive at the end of each month m = 1..H and are discounted by
// (1 + i)^m with i = (1 + d)^(1/12) - 1; the one-time cost is paid at month
// 0, undiscounted. With B(m) = unit(m) x expected_lift (see newROIModel):
//
//	pv_benefits = Σ B(m) / (1 + i)^m
//	pv_costs    = one_time_cost + Σ monthly_cost / (1 + i)^m
//	npv         = pv_benefits - pv_costs,  roi = npv / pv_costs,  roi_per_dollar = pv_benefits / pv_costs
//	break_even_lift = pv_costs / perLift   (npv is linear in the lift)
//
// With lift_low and lift_high, the lift is drawn from Normal(expected_lift,
// (lift_high - lift_low) / (2 x 1.6449)), the normal whose 5th and 95th
// percentiles are the range when the range is centred on expected_lift.
func computeROI(r *ROIRequest) (*ROIResponse, error) {
	var buf [maxHorizon + 1]float64
	m := buildROIModel(r, buf[:])
	resp := &ROIResponse{MonthlyDiscountRate: m.growth - 1}
	resp.MonthlyBenefit = m.full * r.ExpectedLift

	// Cash flows, month 0 (the one-time cost) to the horizon.
	h := r.HorizonMonths
	resp.CashFlows = make([]ROICashFlow, h+1)
	resp.CashFlows[0] = ROICashFlow{Cost: r.OneTimeCost, Net: -r.OneTimeCost, DiscountedNet: -r.OneTimeCost, CumulativeDiscountedNet: -r.OneTimeCost}
	cumulative := -r.OneTimeCost
	for k := 1; k <= h; k++ {
		benefit := float64(float64(m.full*rampShare(k, r.RampMonths)) * r.ExpectedLift)
		net := benefit - r.MonthlyCost
		disc := float64(net * m.discount[k])
		cumulative += disc
		resp.CashFlows[k] = ROICashFlow{Month: k, Benefit: benefit, Cost: r.MonthlyCost, Net: net,
			DiscountedNet: disc, CumulativeDiscountedNet: cumulative}
		resp.PVBenefits += float64(benefit * m.discount[k])
		if resp.PaybackMonth == nil && cumulative >= 0 {
			month := k
			resp.PaybackMonth = &month
		}
	}
	resp.PVCosts = m.costs
	resp.NPV = resp.PVBenefits - resp.PVCosts

	if resp.PVCosts > 0 {
		resp.ROI = finiteOrNil(resp.NPV / resp.PVCosts)
		resp.ROIPerDollar = finiteOrNil(resp.PVBenefits / resp.PVCosts)
	}
	if resp.ROI == nil || resp.ROIPerDollar == nil {
		resp.warn("roi_undefined", "ROI is not shown because the program has no costs (or costs too small to divide by): enter the one-time and monthly costs to compare the return with the spend.")
	}
	if m.perLift > 0 {
		resp.BreakEvenLift = finiteOrNil(m.costs / m.perLift)
	}
	if resp.BreakEvenLift == nil {
		resp.warn("break_even_undefined", "The break-even lift is not shown because the program reaches no value to lift (check the addressable share): no lift can pay back the costs.")
	} else if be := *resp.BreakEvenLift; float64(r.ConversionRate*be)+r.ConversionRate > 1 {
		resp.warn("break_even_unreachable", fmt.Sprintf("To break even the conversion rate would have to rise above 100 %% (a lift of %s): no realistic lift pays back these costs.", formatShare(be)))
	}

	if r.AddressableShare < criticalMassShare {
		resp.warn("low_addressable_share", fmt.Sprintf("Only %s of traffic can be personalized. As a rule of thumb, programs that can tie under a quarter of transactions to known customers rarely pay back: grow the share of recognized visitors first.", formatShare(r.AddressableShare)))
	}
	if r.ExpectedLift < 0 {
		resp.warn("negative_lift", "The expected lift is negative: personalization is expected to lower conversion, so it costs margin every month on top of the program's costs.")
	}
	if resp.PaybackMonth == nil {
		resp.warn("no_payback", fmt.Sprintf("The program does not pay back within %d months: the cumulative discounted cash flow stays below zero.", h))
	}

	resp.Sensitivity = sensitivity(r, &m)

	if r.LiftLow != nil && r.LiftHigh != nil {
		low, high := *r.LiftLow, *r.LiftHigh
		sd := (high - low) / (2 * liftZ90)
		draws := simulateNPV(m.perLift, m.costs, r.ExpectedLift, sd, r.Simulations, uint64(r.Seed))
		s := summarize(draws)
		resp.LiftSD = &sd
		resp.ProbPositiveNPV, resp.NPVP10, resp.NPVP50, resp.NPVP90 = &s.probPositive, &s.p10, &s.p50, &s.p90
		resp.NPVHistogram = &s.histogram
		if mid := (low + high) / 2; math.Abs(mid-r.ExpectedLift) > 0.1*(high-low) {
			resp.warn("asymmetric_lift_range", fmt.Sprintf("The lift range is not centred on the expected lift (its midpoint is %s). The simulation draws a symmetric bell curve around the expected lift with the range's width, so its 5th and 95th percentiles differ from the range you gave.", formatShare(mid)))
		}
	}
	return resp, nil
}

// roiField returns the spec of the named roi request field.
func roiField(name string) *Field { return fieldIn(roiFields, name) }

// finiteOrNil returns a pointer to x, or nil when x is NaN or infinite.
func finiteOrNil(x float64) *float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nil
	}
	return &x
}

// sensitivity moves each uncertain input to a low and a high value, the
// others held, and returns the NPVs sorted by swing |npv_high - npv_low|,
// largest first (ties in field order). The expected lift moves over the
// lift range when given, else ±50 % of its absolute value; ramp_months
// moves ±20 % rounded to whole months, the high value at most the horizon;
// every other input ±20 %, its high value capped (never below the input
// itself) at 1 for the shares and the discount rate and at 0.99 for the
// risk adjustment, which must stay below 1. The cap applies to the high
// value only: 0.8 v is always inside the allowed range. The sensitivity
// output's Help and content/calculators/roi.md say the same to readers.
//
// base is the model of r. Each NPV is the one newROIModel gives for the
// moved request, to the bit, but only the sums the moved input enters are
// recomputed (see roiDependency): the lift reuses both of base's sums, the
// inputs of the monthly benefit and the ramp recompute perLift over base's
// discount factors, the costs recompute the costs' sum, and only the
// discount rate builds discount factors of its own.
func sensitivity(r *ROIRequest, base *roiModel) []ROISensitivity {
	type input struct {
		field     string
		low, high float64
		moves     roiDependency
	}
	// pct returns v x (1 ∓ share), the high value capped at limit.
	pct := func(v, share, limit float64) (float64, float64) {
		return v * (1 - share), math.Max(math.Min(v*(1+share), limit), v)
	}
	// in returns the input moving ±20 % of v, capped at limit.
	in := func(field string, v, limit float64, moves roiDependency) input {
		lo, hi := pct(v, 0.2, limit)
		return input{field, lo, hi, moves}
	}
	half := 0.5 * math.Abs(r.ExpectedLift)
	liftLo, liftHi := r.ExpectedLift-half, r.ExpectedLift+half
	if r.LiftLow != nil && r.LiftHigh != nil {
		liftLo, liftHi = *r.LiftLow, *r.LiftHigh
	}
	inf := math.Inf(1)
	ramp := float64(r.RampMonths)
	inputs := [...]input{
		{"expected_lift", liftLo, liftHi, movesLift},
		in("monthly_visitors", r.MonthlyVisitors, inf, movesBenefits),
		in("conversion_rate", r.ConversionRate, 1, movesBenefits),
		in("value_per_conversion", r.ValuePerConversion, inf, movesBenefits),
		in("gross_margin", r.GrossMargin, 1, movesBenefits),
		in("addressable_share", r.AddressableShare, 1, movesBenefits),
		in("one_time_cost", r.OneTimeCost, inf, movesCosts),
		in("monthly_cost", r.MonthlyCost, inf, movesCosts),
		in("discount_rate", r.DiscountRate, 1, movesAll),
		in("risk_adjustment", r.RiskAdjustment, 0.99, movesBenefits),
		{"ramp_months", math.Round(0.8 * ramp), math.Min(math.Round(1.2*ramp), float64(r.HorizonMonths)), movesBenefits},
	}

	var buf [maxHorizon + 1]float64 // discount factors at a moved discount rate
	rows := make([]ROISensitivity, len(inputs))
	for k, in := range inputs {
		row := ROISensitivity{Field: in.field, Label: roiField(in.field).Label, LowValue: in.low, HighValue: in.high}
		q := *r
		q.setInput(in.field, in.low)
		row.NPVLow = base.npvMoved(&q, in.moves, buf[:])
		q = *r
		q.setInput(in.field, in.high)
		row.NPVHigh = base.npvMoved(&q, in.moves, buf[:])
		rows[k] = row
	}
	slices.SortStableFunc(rows, func(a, b ROISensitivity) int {
		return cmp.Compare(math.Abs(b.NPVHigh-b.NPVLow), math.Abs(a.NPVHigh-a.NPVLow))
	})
	return rows
}

// roiDependency says which of the model's sums an input of the request
// enters, and so which a change of that input makes stale.
type roiDependency int

const (
	movesLift     roiDependency = iota // expected_lift: neither sum, npv = perLift x L - costs
	movesBenefits                      // the monthly benefit or the ramp: perLift
	movesCosts                         // one_time_cost, monthly_cost: costs
	movesAll                           // discount_rate: the discount factors, so both sums
)

// npvMoved returns newROIModel(q).npv(q.ExpectedLift), bit for bit, for a
// request q that differs from m's only in inputs with dependency moves:
// it recomputes only the sums that depend on them, over m's discount
// factors unless the discount rate moved. buf is scratch space for the
// discount factors of a moved discount rate.
func (m *roiModel) npvMoved(q *ROIRequest, moves roiDependency, buf []float64) float64 {
	moved := *m
	switch moves {
	case movesBenefits:
		moved.perLift = pvPerLift(fullBenefit(q), q.RampMonths, m.discount)
	case movesCosts:
		moved.costs = pvCosts(q.OneTimeCost, q.MonthlyCost, m.discount)
	case movesAll:
		moved = buildROIModel(q, buf)
	}
	return moved.npv(q.ExpectedLift)
}

// setInput sets the named field of the sensitivity analysis to v (a whole
// number of months for ramp_months).
func (r *ROIRequest) setInput(field string, v float64) {
	switch field {
	case "expected_lift":
		r.ExpectedLift = v
	case "monthly_visitors":
		r.MonthlyVisitors = v
	case "conversion_rate":
		r.ConversionRate = v
	case "value_per_conversion":
		r.ValuePerConversion = v
	case "gross_margin":
		r.GrossMargin = v
	case "addressable_share":
		r.AddressableShare = v
	case "one_time_cost":
		r.OneTimeCost = v
	case "monthly_cost":
		r.MonthlyCost = v
	case "discount_rate":
		r.DiscountRate = v
	case "risk_adjustment":
		r.RiskAdjustment = v
	case "ramp_months":
		r.RampMonths = int(v)
	default:
		panic("calc: no roi sensitivity input " + field) // unreachable: names are constants of this file
	}
}
