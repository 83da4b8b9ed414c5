//go:build browser

package browser_test

import (
	"testing"
	"time"
)

// TestURLOptions (issue 15 item 11): every option of an address that the
// docs describe (content/docs/embedding.md: field defaults, theme, accent,
// currency, locale, hide; calculator pages' inputs in the query, with a
// field that excludes another clearing the pre-filled one) is applied by
// the page. One tab for all; each case waits for its condition.
func TestURLOptions(t *testing.T) {
	// ok(sel, want): the value of the input [data-input=sel], digits only.
	const helpers = `const val = (n) => (document.querySelector('section.calc[data-primary] [data-input="' + n + '"]') || {}).value;
	const live = () => (document.querySelector('section.calc[data-primary]') || {}).dataset.state === 'live';
	const root = document.documentElement;
	const accent = () => root.style.getPropertyValue('--accent');`
	cases := []struct{ name, path, cond string }{
		{"field defaults", "/embed/samplesize/?baseline_rate=0.03&mde=0.05&daily_visitors=2000",
			`live() && val("baseline_rate") === "3" && val("mde") === "5" && val("daily_visitors").replace(/\D/g, "") === "2000"`},
		{"theme", "/embed/samplesize/?theme=dark", `root.getAttribute("data-theme") === "dark"`},
		{"accent hex", "/embed/samplesize/?accent=%230b6e4f", `accent() === "#0b6e4f"`},
		{"accent name", "/embed/samplesize/?accent=rebeccapurple", `accent() === "rebeccapurple"`},
		{"accent rgb", "/embed/samplesize/?accent=rgb(11,110,79)", `accent() === "rgb(11,110,79)"`},
		{"accent var() ignored", "/embed/samplesize/?accent=var(--x,url(/favicon.svg))", `live() && accent() === ""`},
		{"accent url() ignored", "/embed/samplesize/?accent=url(/favicon.svg)", `live() && accent() === ""`},
		{"accent with a semicolon ignored", "/embed/samplesize/?accent=red;background:url(/x)", `live() && accent() === ""`},
		{"currency and locale", "/embed/clv/?currency=EUR&locale=de-DE&average_order_value=1234.5",
			`live() && val("average_order_value") === "1.234,5" && /€/.test(document.querySelector("[data-role=results]").textContent)`},
		{"hide", "/embed/samplesize/?hide=alpha,power",
			`live() && ["alpha", "power"].every((n) => document.querySelector('[data-field-wrap="' + n + '"]').hidden)`},
		{"clvfit embed", "/embed/clvfit/?time_unit=day&horizon=13", `val("time_unit") === "day" && val("horizon") === "13"`},
		{"clvfit page", "/calculators/clvfit/?time_unit=day&horizon=13", `val("time_unit") === "day" && val("horizon") === "13"`},
		{"clv lifespan clears the retention", "/calculators/clv/?lifespan_years=2.5",
			`live() && val("lifespan_years") === "2.5" && val("retention_rate") === ""`},
		{"clv retention", "/calculators/clv/?retention_rate=0.7", `live() && val("retention_rate") === "70" && val("lifespan_years") === ""`},
		{"clv embed lifespan", "/embed/clv/?lifespan_years=4", `live() && val("lifespan_years") === "4" && val("retention_rate") === ""`},
		{"calculator page inputs", "/calculators/roi/?monthly_visitors=50000", `live() && val("monthly_visitors").replace(/\D/g, "") === "50000"`},
	}
	tb := newTab(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tb.use(t)
			tb.navigate(c.path)
			poll[bool](tb, c.name+" ("+c.path+")", 20*time.Second, `() => { `+helpers+` return `+c.cond+`; }`)
		})
	}
}
