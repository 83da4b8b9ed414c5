package calc

import (
	"encoding/json"
	"math"
	"testing"
)

// TestCLVFormulas checks both formulas against hand computations of the
// closed forms (Gupta & Lehmann 2003 for retention: m r / (1 + d - r)).
func TestCLVFormulas(t *testing.T) {
	tests := []struct {
		name    string
		request string
		clv     float64
		revenue float64
		life    float64
	}{
		// 75 x 3 x 0.6 x 2.5 = 337.5; revenue 75 x 3 x 2.5 = 562.5
		{"lifespan", `{"average_order_value":75,"purchases_per_year":3,"lifespan_years":2.5,"gross_margin":0.6}`, 337.5, 562.5, 2.5},
		// 100 x 0.8 / (1 + 0.1 - 0.8) = 266.667; lifetime 1 / (1 - 0.8) = 5
		{"retention", `{"average_order_value":100,"purchases_per_year":1,"retention_rate":0.8}`, 80.0 / 0.3, 80.0 / 0.3, 5},
		// content brief guide 2: margin 80 x 2.5 x 0.4 = 80; 80 x 0.6 / 0.5 = 96
		{"brief average customer", `{"average_order_value":80,"purchases_per_year":2.5,"gross_margin":0.4,"retention_rate":0.6,"discount_rate":0.1}`, 96, 240, 2.5},
		// content brief guide 8: margin 120 x 4 x 0.4 = 192; 192 x 0.75 / 0.35 = 411.43
		{"brief best segment", `{"average_order_value":120,"purchases_per_year":4,"gross_margin":0.4,"retention_rate":0.75,"discount_rate":0.1}`, 192 * 0.75 / 0.35, 480 * 0.75 / 0.35, 4},
		// no discounting: m r / (1 - r) = 50 x 0.5 / 0.5 = 50
		{"zero discount", `{"average_order_value":50,"purchases_per_year":1,"retention_rate":0.5,"discount_rate":0}`, 50, 50, 2},
		// nobody stays: value 0, lifetime 1 year
		{"zero retention", `{"average_order_value":50,"purchases_per_year":1,"retention_rate":0}`, 0, 0, 1},
	}
	for _, tt := range tests {
		body, status := RunJSON("clv", []byte(tt.request))
		if status != StatusOK {
			t.Fatalf("%s: %s", tt.name, body)
		}
		var got CLVResponse
		json.Unmarshal(body, &got)
		if !closeTo(got.CLV, tt.clv, 1e-12) || !closeTo(got.RevenueCLV, tt.revenue, 1e-12) || !closeTo(got.ExpectedLifetimeYears, tt.life, 1e-12) {
			t.Errorf("%s: clv %v revenue %v life %v; want %v %v %v", tt.name, got.CLV, got.RevenueCLV, got.ExpectedLifetimeYears, tt.clv, tt.revenue, tt.life)
		}
		n := len(got.CumulativeCLV)
		if n == 0 || got.CumulativeCLV[n-1] > got.CLV*(1+1e-12) {
			t.Errorf("%s: cumulative %v ends above clv %v", tt.name, got.CumulativeCLV, got.CLV)
		}
		for i := 1; i < n; i++ {
			if got.CumulativeCLV[i] < got.CumulativeCLV[i-1] {
				t.Errorf("%s: cumulative value falls in year %d", tt.name, i+1)
			}
		}
	}
}

// TestCLVCumulativeConverges checks the yearly series of the retention
// formula: partial sums of m q^t (q = r / (1 + d)) reach 99.9 % of the
// closed form within 50 years.
func TestCLVCumulativeConverges(t *testing.T) {
	got, err := CLV(CLVRequest{AverageOrderValue: 100, PurchasesPerYear: 1, GrossMargin: 1, RetentionRate: f64(0.9), DiscountRate: f64(0.05)})
	if err != nil {
		t.Fatal(err)
	}
	q := 0.9 / 1.05
	// year 1 = 100 q; year 2 = 100 (q + q^2)
	if !closeTo(got.CumulativeCLV[0], 100*q, 1e-12) || !closeTo(got.CumulativeCLV[1], 100*(q+q*q), 1e-12) {
		t.Errorf("first years %v", got.CumulativeCLV[:2])
	}
	last := got.CumulativeCLV[len(got.CumulativeCLV)-1]
	if last < 0.999*got.CLV || len(got.CumulativeCLV) > maxCLVYears {
		t.Errorf("series ends at %v of %v after %d years", last, got.CLV, len(got.CumulativeCLV))
	}
}

func TestCLVInvalid(t *testing.T) {
	tests := []struct{ request, field, code string }{
		{`{"purchases_per_year":1,"lifespan_years":2}`, "average_order_value", CodeRequired},
		{`{"average_order_value":10,"purchases_per_year":1}`, "lifespan_years", CodeRequired},
		{`{"average_order_value":10,"purchases_per_year":1,"lifespan_years":2,"retention_rate":0.5}`, "retention_rate", CodeInconsistent},
		{`{"average_order_value":10,"purchases_per_year":1,"retention_rate":1}`, "retention_rate", CodeOutOfRange},
		{`{"average_order_value":0,"purchases_per_year":1,"lifespan_years":2}`, "average_order_value", CodeOutOfRange},
		{`{"average_order_value":10,"purchases_per_year":1,"lifespan_years":2,"gross_margin":1.5}`, "gross_margin", CodeOutOfRange},
		{`{"average_order_value":10,"purchases_per_year":1,"lifespan_years":2,"gross_margin":null}`, "gross_margin", CodeNull},
		{`{"average_order_value":10,"purchases_per_year":true,"lifespan_years":2}`, "purchases_per_year", CodeWrongType},
	}
	for _, tt := range tests {
		body, status := RunJSON("clv", []byte(tt.request))
		var got errorsBody
		json.Unmarshal(body, &got)
		if status != StatusInvalid || len(got.Errors) == 0 || got.Errors[0].Field != tt.field || got.Errors[0].Code != tt.code {
			t.Errorf("%s: %s, want %s/%s", tt.request, body, tt.field, tt.code)
		}
	}
}

// TestCLVWarnsUnusedDiscount: the lifespan formula is undiscounted, so a
// discount rate given with it is reported, not silently ignored.
func TestCLVWarnsUnusedDiscount(t *testing.T) {
	got, err := CLV(CLVRequest{AverageOrderValue: 10, PurchasesPerYear: 1, GrossMargin: 1, LifespanYears: f64(3), DiscountRate: f64(0.1)})
	if err != nil || len(got.Warnings) != 1 || got.Warnings[0].Code != "discount_rate_unused" {
		t.Errorf("got %+v, %v", got, err)
	}
}

func closeTo(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-12)
}

func BenchmarkCLV(b *testing.B) {
	req := []byte(`{"average_order_value":100,"purchases_per_year":1,"retention_rate":0.8}`)
	for b.Loop() {
		RunJSON("clv", req)
	}
}
