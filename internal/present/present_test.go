package present_test

import (
	"html/template"
	"slices"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
	"github.com/roikit/roikit/internal/present"
	"github.com/roikit/roikit/internal/present/results"
)

// TestEveryCalculatorIsPresented: every calculator of calc's registry has a
// headline, charts that internal/charts can draw, an embed height and a
// results template, and no presentation is left without a calculator.
func TestEveryCalculatorIsPresented(t *testing.T) {
	ids := map[string]string{}
	for _, c := range calc.Calculators() {
		p := present.For(c.Name)
		if p == nil {
			t.Errorf("%s has no presentation", c.Name)
			continue
		}
		if p.Headline == nil || len(p.Charts) == 0 || p.EmbedHeight <= 0 || p.Results == "" {
			t.Errorf("%s: headline %v, %d charts, embed height %d, results %q", c.Name, p.Headline != nil, len(p.Charts), p.EmbedHeight, p.Results)
		}
		for _, ch := range p.Charts {
			if !charts.Has(ch.ID) || ch.Title == "" {
				t.Errorf("%s: chart %q has no builder or no title", c.Name, ch.ID)
			}
			if other, dup := ids[ch.ID]; dup {
				t.Errorf("chart %q is %s's and %s's: DOM ids must differ", ch.ID, other, c.Name)
			}
			ids[ch.ID] = c.Name
		}
		src, err := results.Templates.ReadFile(p.Results)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		funcs := template.FuncMap{}
		for _, name := range []string{"val", "when", "unless", "has", "label", "help", "note", "noteTexts"} {
			funcs[name] = func(...any) string { return "" }
		}
		if _, err := template.New(p.Results).Funcs(funcs).Parse(string(src)); err != nil {
			t.Errorf("%s: %v", c.Name, err)
		}
	}
	for _, name := range present.Names() {
		if !slices.Contains(calc.Names(), name) {
			t.Errorf("%s is presented but not registered in calc", name)
		}
	}
}

// TestHeadlines: each headline is one sentence from the typed result.
func TestHeadlines(t *testing.T) {
	for _, tt := range []struct{ calc, request, want string }{
		// R 4.2.2 power.prop.test(p1 = .05, p2 = .055, power = .8): 31233.4 per group; 62,468 / 5,000 a day = 13 days.
		{"samplesize", `{"baseline_rate": 0.05, "mde": 0.1, "daily_visitors": 5000}`, "You need 31,234 visitors per variant, 62,468 in total: 13 days (2 weeks)."},
		// Pooled two-proportion z = 0.005 / sqrt(0.0225 x 0.9775 x 2/10000) = 2.384, two-sided p = 0.0171 (R prop.test(correct = FALSE)).
		{"significance", `{"control_visitors": 10000, "control_conversions": 200, "treatment_visitors": 10000, "treatment_conversions": 250}`, "The difference is statistically significant (p = 0.0171)."},
		{"significance", `{"control_visitors": 10000, "control_conversions": 200, "treatment_visitors": 10000, "treatment_conversions": 250, "sequential": true}`,
			"Always-valid (sequential) result: the difference is not statistically significant (p = 0.3637; read once, the fixed-horizon test would give p = 0.0171)."},
		// 75 x 3 a year for 2 years, at a margin of 1.
		{"clv", `{"average_order_value": 75, "purchases_per_year": 3, "lifespan_years": 2}`, "Each customer is worth 450.00 in margin over their lifetime."},
		// Benefits of 20 x 0.02 x 80 x 0.05 = 1.60 a month, 49.8 over 36 months discounted at 10 %, against 50,000.
		{"roi", `{"monthly_visitors": 20, "conversion_rate": 0.02, "value_per_conversion": 80, "expected_lift": 0.05, "one_time_cost": 50000}`, "Net present value -49,950: 0.00 back per dollar spent (present value), not paid back within the horizon."},
		// 110 of 410 customers repeat: enough for a fit (10 or more), with the uncertain_fit warning (fewer than 100 would not do).
		{"clvfit", `{"summary_csv": "frequency,recency,T,count\n0,0,30,300\n1,10,30,40\n2,20,30,40\n3,25,30,20\n5,28,30,10\n"}`, "410 customers (110 bought more than once), 5 distinct purchase patterns."},
		// The closed form of the reference case prioritize-public-1: npv 87,220 for Recommendations;
		// R power.prop.test(p1 = .02, p2 = .021, power = .8): 315,206 per arm, 630,412 / 6,575.3 a day = 96 days.
		// Within 70,000: Search and Email together (51,186 + 10,000), npv 20,667 + 13,951 = 34,618.
		{"prioritize", `{"monthly_visitors": 200000, "conversion_rate": 0.02, "value_per_conversion": 80, "gross_margin": 0.4, "budget": 70000, "ideas": [{"name": "Recommendations", "expected_lift": 0.05, "one_time_cost": 50000, "monthly_cost": 2000}, {"name": "Search", "expected_lift": 0.03, "addressable_share": 0.6, "one_time_cost": 20000, "monthly_cost": 1000}, {"name": "Email", "expected_lift": 0.02, "addressable_share": 0.3, "one_time_cost": 10000}]}`,
			"3 ideas ranked: \"Recommendations\" comes first, with a net present value of 87,220 but a test of 96 days, longer than your limit. The budget buys 2 ideas, net present value 34,618."},
	} {
		res := calc.Run(tt.calc, []byte(tt.request), calc.Hooks{})
		if got := present.Headline(res); got != tt.want {
			t.Errorf("%s %s:\n got %q\nwant %q", tt.calc, tt.request, got, tt.want)
		}
	}
	// An unequal split names both arms.
	res := calc.Run("samplesize", []byte(`{"baseline_rate": 0.05, "mde": 0.1, "variants": 3, "control_share": 0.5}`), calc.Hooks{})
	r := res.Response.(*calc.SampleSizeResponse)
	want := "You need " + calc.FormatCount(float64(r.NControl)) + " visitors in control and " + calc.FormatCount(float64(r.NPerTreatment)) +
		" per treatment, " + calc.FormatCount(float64(r.NTotal)) + " in total."
	if got := present.Headline(res); got != want || r.NControl == r.NPerTreatment {
		t.Errorf("unequal split: %q, want %q", got, want)
	}
	if present.Headline(calc.Run("samplesize", []byte(`{}`), calc.Hooks{})) != "" {
		t.Error("an error result has a headline")
	}
}
