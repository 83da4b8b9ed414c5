package calc

import (
	"math"
)

// maxCLVYears bounds the yearly series of the retention formula; the
// series stops earlier once 99.9 % of the lifetime value is reached.
const maxCLVYears = 50

// CLVRequest asks for a simple customer lifetime value. Give either
// LifespanYears or RetentionRate (with DiscountRate), not both.
type CLVRequest struct {
	AverageOrderValue float64  `json:"average_order_value"` // currency per order, > 0
	PurchasesPerYear  float64  `json:"purchases_per_year"`  // orders per customer per year, > 0
	GrossMargin       float64  `json:"gross_margin"`        // share of revenue kept, 0 < m <= 1
	LifespanYears     *float64 `json:"lifespan_years,omitempty"`
	RetentionRate     *float64 `json:"retention_rate,omitempty"` // annual, 0 <= r < 1
	DiscountRate      *float64 `json:"discount_rate,omitempty"`  // annual, default defaultDiscountRate
}

// NewCLVRequest returns a request holding the spec's defaults (Field.Default).
func NewCLVRequest() CLVRequest { return newRequestOf[CLVRequest](clvCalc) }

// CLVResponse is a customer's lifetime value by the lifespan or the
// retention formula.
type CLVResponse struct {
	Method                string    `json:"method"`         // "lifespan" or "retention"
	AnnualRevenue         float64   `json:"annual_revenue"` // AOV x purchases per year
	AnnualMargin          float64   `json:"annual_margin"`  // annual revenue x gross margin
	CLV                   float64   `json:"clv"`            // margin-based lifetime value
	RevenueCLV            float64   `json:"revenue_clv"`    // the same on revenue
	ExpectedLifetimeYears float64   `json:"expected_lifetime_years"`
	CumulativeCLV         []float64 `json:"cumulative_clv"` // margin CLV accumulated by the end of year 1, 2, ...
	Notes
}

var clvCalc = define(Calculator{
	Name:        "clv",
	Title:       "Customer lifetime value",
	Description: "What a customer is worth over their relationship with you, from order value, purchase frequency and either lifespan or retention.",
	MaxBody:     closedFormMaxBody,
	Fields: []Field{
		{Name: "average_order_value", Label: "Average order value", Type: Number, Unit: Currency, Required: true, Example: 75,
			Min: ptr(0), Max: ptr(1e9), MinExclusive: true,
			Help: "What a customer spends per order, on average."},
		{Name: "purchases_per_year", Label: "Purchases per year", Type: Number, Required: true, Example: 3,
			Min: ptr(0), Max: ptr(1e5), MinExclusive: true,
			Help: "How many orders a customer places per year, on average."},
		grossMarginField("revenue", "0.6", "for a revenue-based value"),
		{Name: "lifespan_years", Label: "Customer lifespan", Type: Number, Unit: Years, Example: 2.5,
			Min: ptr(0), Max: ptr(200), MinExclusive: true,
			Help: "How many years a customer keeps buying. Give this or an annual retention rate."},
		{Name: "retention_rate", Label: "Annual retention rate", Type: Number, Unit: Fraction, Example: 0.8,
			Min: ptr(0), Max: ptr(1), MaxExclusive: true,
			Help: "The share of customers still buying a year later: 0.8 for 80 %. Give this or a lifespan."},
		shownWhen(discountRateField("Used with the retention rate."), given("retention_rate")),
	},
	Outputs: []Output{
		{Name: "clv", Label: "Lifetime value (margin)", Unit: Currency, Help: "The margin a customer brings over their lifetime."},
		{Name: "revenue_clv", Label: "Lifetime revenue", Unit: Currency, Help: "The revenue a customer brings over their lifetime."},
		{Name: "annual_revenue", Label: "Revenue per year", Unit: Currency, Help: "Average order value times purchases per year."},
		{Name: "annual_margin", Label: "Margin per year", Unit: Currency, Help: "Revenue per year times gross margin."},
		{Name: "expected_lifetime_years", Label: "Expected lifetime", Unit: Years, Help: "The lifespan given, or 1/(1 - retention rate)."},
		{Name: "cumulative_clv", Label: "Value by year", Unit: Currency, Help: "The margin lifetime value accumulated by the end of each year."},
	},
}, withoutHooks(computeCLV))

// CLV returns a customer's lifetime value. The error, when not nil, is
// Errors listing every problem with the request.
func CLV(req CLVRequest) (*CLVResponse, error) {
	return runTyped[CLVRequest, *CLVResponse](clvCalc, req, Hooks{})
}

func (r *CLVRequest) check(p *problems) {
	switch {
	case r.LifespanYears == nil && r.RetentionRate == nil:
		p.add("lifespan_years", CodeRequired, "Give either a customer lifespan in years (lifespan_years) or an annual retention rate (retention_rate).")
	case r.LifespanYears != nil && r.RetentionRate != nil:
		p.add("retention_rate", CodeInconsistent, "Give either a customer lifespan in years or an annual retention rate, not both: they are two ways to say how long customers stay.")
	}
}

// computeCLV implements the contract's two formulas, with m the annual
// margin (AOV x purchases per year x gross margin):
//
//	lifespan:  clv = m x L                     (undiscounted)
//	retention: clv = m r / (1 + d - r)         (Gupta & Lehmann 2003)
//
// The retention formula is the sum over years t >= 1 of m r^t / (1+d)^t:
// margin arrives at the end of each year the customer is still there.
func computeCLV(r *CLVRequest) (*CLVResponse, error) {
	resp := &CLVResponse{}
	resp.AnnualRevenue = r.AverageOrderValue * r.PurchasesPerYear
	resp.AnnualMargin = resp.AnnualRevenue * r.GrossMargin
	if r.LifespanYears != nil {
		life := *r.LifespanYears
		resp.Method = "lifespan"
		resp.CLV = resp.AnnualMargin * life
		resp.RevenueCLV = resp.AnnualRevenue * life
		resp.ExpectedLifetimeYears = life
		years := int(math.Ceil(life))
		resp.CumulativeCLV = make([]float64, years)
		for y := 1; y <= years; y++ {
			resp.CumulativeCLV[y-1] = resp.AnnualMargin * math.Min(float64(y), life)
		}
		if r.DiscountRate != nil {
			resp.warn("discount_rate_unused", "The discount rate is not used with a lifespan: the lifespan formula is undiscounted. Give a retention rate to discount future years.")
		}
		return resp, nil
	}
	ret := *r.RetentionRate
	d := defaultDiscountRate
	if r.DiscountRate != nil {
		d = *r.DiscountRate
	}
	resp.Method = "retention"
	resp.CLV = resp.AnnualMargin * ret / (1 + d - ret)
	resp.RevenueCLV = resp.AnnualRevenue * ret / (1 + d - ret)
	resp.ExpectedLifetimeYears = 1 / (1 - ret)
	q := ret / (1 + d) // the yearly factor: survival times discount
	sum, term := 0.0, resp.AnnualMargin
	for y := 1; y <= maxCLVYears; y++ {
		term *= q
		sum += term
		resp.CumulativeCLV = append(resp.CumulativeCLV, sum)
		if sum >= 0.999*resp.CLV {
			break
		}
	}
	return resp, nil
}
