//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

// The numbers a reader types mean what they think (issue 10): rates and
// lifts in percent, the effect in percent or points, entries read in the
// page's locale, money in the chosen currency, and the screen reader told
// what the headline says.
func TestUnitsAndLocale(t *testing.T) {
	t.Run("effect in percent", testEffectInPercent)
	t.Run("effect in points", testEffectInPoints)
	t.Run("de-DE entries", testGermanEntries)
	t.Run("EUR on the ROI page", testEuroLabels)
	t.Run("status says the headline", testStatusIsHeadline)
	t.Run("guide copy link", testGuideCopyLink)
}

// coreValue runs the core on a request and returns the value at path.
func coreValue(t *testing.T, name, path string, req map[string]any) any {
	t.Helper()
	raw := map[string]json.RawMessage{}
	for k, v := range req {
		b, _ := json.Marshal(v)
		raw[k] = b
	}
	resp, status := coreRun(t, name, raw)
	if status != calc.StatusOK {
		t.Fatalf("the core rejects %v: %v", req, resp)
	}
	v, ok := lookup(resp, path)
	if !ok {
		t.Fatalf("the core's answer to %v has no %s", req, path)
	}
	return v
}

// fieldValueOf returns a result field's data-value.
func fieldValueOf(t *testing.T, tb *tab, path string) string {
	t.Helper()
	for _, f := range tb.fields(primary) {
		if f.Path == path && f.Value != nil {
			return *f.Value
		}
	}
	t.Fatalf("no value shown for %s", path)
	return ""
}

func wantShown(t *testing.T, tb *tab, where, path string, want any) {
	t.Helper()
	if same, msg := sameValue(fieldValueOf(t, tb, path), want); !same {
		t.Errorf("%s: %s %s", where, path, msg)
	}
}

// The samplesize page's base request (content/calculators/samplesize.md).
var samplesizeBase = map[string]any{"baseline_rate": 0.05, "daily_visitors": 5000}

func with(base map[string]any, kv ...any) map[string]any {
	m := map[string]any{}
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1]
	}
	return m
}

// "10" in the effect field is +10 %, as "10%" and "10 %" are: the issue's
// reproduction gave 41 visitors for a 1000 % effect.
func testEffectInPercent(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("samplesize"))
	runs := tb.waitLive()
	unit := eval[string](tb, `document.querySelector('label[for="samplesize-mde"] [data-unit-label]').textContent`)
	if unit != "(%)" {
		t.Errorf("the effect's label says %q, want (%%)", unit)
	}
	for _, typed := range []string{"20", "20%", "20 %"} {
		tb.setInputs(primary, ptrs(map[string]string{"mde": typed}))
		runs = tb.waitState(primary, "live", runs)
		want := coreValue(t, "samplesize", "n_per_treatment", with(samplesizeBase, "mde", 0.2))
		wantShown(t, tb, "mde "+typed, "n_per_treatment", want)
		if q := tb.query().Get("mde"); q != "0.2" {
			t.Errorf("mde %q: the URL carries mde=%q, want 0.2 (the contract's fraction)", typed, q)
		}
	}
	// A relative effect over 100 % is warned about, naming the likely mistake.
	tb.setInputs(primary, ptrs(map[string]string{"mde": "1000"}))
	runs = tb.waitState(primary, "live", runs)
	warn := eval[string](tb, `(document.querySelector('section.calc[data-primary] [data-role="warnings"] li[data-code="mde_over_100_percent"]') || {}).textContent || ""`)
	if !strings.Contains(warn, "10 on the page") {
		t.Errorf("a 1000 %% effect warns %q, want the likely mistake named", warn)
	}
	// An out-of-range entry is phrased in percent, never "as a fraction".
	tb.setInputs(primary, ptrs(map[string]string{"baseline_rate": "150"}))
	tb.waitState(primary, "invalid", runs)
	msg := call[errorInfo](tb, jsFieldError, primary, "baseline_rate").Text
	if !strings.Contains(msg, "100 %") || strings.Contains(msg, "fraction") {
		t.Errorf("baseline 150 %% says %q", msg)
	}
}

// With an absolute effect on a rate, the field is in percentage points.
func testEffectInPoints(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("samplesize"))
	runs := tb.waitLive()
	tb.setInputs(primary, ptrs(map[string]string{"mde_type": "absolute", "mde": "0.5"}))
	runs = tb.waitState(primary, "live", runs)
	unit := eval[string](tb, `document.querySelector('label[for="samplesize-mde"] [data-unit-label]').textContent`)
	if unit != "(points)" {
		t.Errorf("the absolute effect's label says %q, want (points)", unit)
	}
	want := coreValue(t, "samplesize", "n_per_treatment", with(samplesizeBase, "mde", 0.005, "mde_type", "absolute"))
	wantShown(t, tb, "0.5 points", "n_per_treatment", want)
	if q := tb.query().Get("mde"); q != "0.005" {
		t.Errorf("0.5 points: the URL carries mde=%q, want 0.005", q)
	}
	// The URL's contract value comes back as points.
	tb.navigate(calcPath("samplesize") + "?mde_type=absolute&mde=0.005")
	tb.waitLive()
	if v := eval[string](tb, `document.getElementById("samplesize-mde").value`); v != "0.5" {
		t.Errorf("mde=0.005 absolute shows %q, want 0.5 (points)", v)
	}
	// An absolute mean effect is in the metric's units: no unit, no scale.
	runs = tb.waitLive()
	tb.setInputs(primary, ptrs(map[string]string{"metric": "mean", "baseline_mean": "2.5", "baseline_sd": "12", "mde": "0.5"}))
	tb.waitState(primary, "live", runs)
	scale := eval[string](tb, `document.getElementById("samplesize-mde").getAttribute("data-scale") || ""`)
	hidden := eval[bool](tb, `document.querySelector('label[for="samplesize-mde"] [data-unit-label]').hidden`)
	if scale != "" || !hidden {
		t.Errorf("an absolute mean effect has data-scale %q and a unit label shown=%v", scale, !hidden)
	}
	want = coreValue(t, "samplesize", "n_per_treatment", map[string]any{"metric": "mean", "baseline_mean": 2.5, "baseline_sd": 12, "mde": 0.5, "mde_type": "absolute", "daily_visitors": 5000})
	wantShown(t, tb, "mean +0.5", "n_per_treatment", want)
}

// In de-DE, "200.000" is two hundred thousand and "2,5" is two and a half,
// and the page echoes what it read.
func testGermanEntries(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("roi") + "?locale=de-DE")
	runs := tb.waitLive()
	if v := eval[string](tb, `document.getElementById("roi-monthly_visitors").value`); v != "200.000" {
		t.Errorf("de-DE writes the starting visitors as %q, want 200.000", v)
	}
	tb.setInputs(primary, ptrs(map[string]string{"monthly_visitors": "300.000", "conversion_rate": "2,5"}))
	tb.waitState(primary, "live", runs)
	q := tb.query()
	if q.Get("monthly_visitors") != "300000" || q.Get("conversion_rate") != "0.025" {
		t.Errorf("de-DE 300.000 and 2,5 went into the URL as %v and %v", q.Get("monthly_visitors"), q.Get("conversion_rate"))
	}
	var req map[string]any // the page's starting request, with the two entries
	json.Unmarshal([]byte(tb.widget(primary).Request), &req)
	req["monthly_visitors"], req["conversion_rate"] = 300000, 0.025
	wantShown(t, tb, "de-DE", "npv", coreValue(t, "roi", "npv", req))
	echo := eval[string](tb, `document.getElementById("roi-monthly_visitors-echo").textContent`)
	if !strings.Contains(echo, "300.000") {
		t.Errorf("the echo of 300.000 says %q", echo)
	}
	// Results in German: a decimal comma in the ROI per unit spent.
	if got := eval[string](tb, `document.querySelector('section.calc[data-primary] [data-field="roi_per_dollar"]').textContent`); !strings.Contains(got, ",") {
		t.Errorf("de-DE writes the return per euro as %q", got)
	}
}

// With EUR, labels, defaults, values and the return's name are in euros.
func testEuroLabels(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("roi") + "?currency=EUR&locale=de-DE")
	tb.waitLive()
	got := eval[[]string](tb, `Array.from(document.querySelectorAll('section.calc[data-primary] [data-currency-symbol]')).map(e => e.textContent)`)
	if len(got) < 3 {
		t.Fatalf("only %d currency labels", len(got))
	}
	for _, s := range got {
		if s != "€" {
			t.Errorf("a money field's label says %q", s)
		}
	}
	text := eval[string](tb, `document.querySelector('section.calc[data-primary] form').textContent + "\n" + document.querySelector('section.calc[data-primary] [data-role="results"]').innerText`)
	for _, want := range []string{"Return per euro spent", "Default: 0\u00a0€"} {
		if !strings.Contains(text, want) {
			t.Errorf("the ROI page in EUR lacks %q", want)
		}
	}
	if strings.Contains(text, "$") || strings.Contains(strings.ToLower(text), "dollar") {
		t.Errorf("the ROI page in EUR still says $ or dollar:\n%s", text)
	}
	money := eval[[]string](tb, `Array.from(document.querySelectorAll('section.calc[data-primary] [data-format="money"], section.calc[data-primary] [data-format="k"]')).filter(e => !e.closest("[hidden]")).map(e => e.textContent)`)
	for _, m := range money {
		if !strings.Contains(m, "€") {
			t.Errorf("a money value reads %q", m)
		}
	}
	// The currency picker sits where money is, and only there.
	if n := eval[int](tb, `document.querySelectorAll('select[data-setting="currency"]').length`); n != 1 {
		t.Errorf("the ROI page has %d currency pickers", n)
	}
	tb.navigate(calcPath("clvfit")) // its CLV is money inside an object output
	if n := eval[int](tb, `document.querySelectorAll('select[data-setting="currency"]').length`); n != 1 {
		t.Errorf("the clvfit page has %d currency pickers, want 1", n)
	}
	tb.navigate(calcPath("significance"))
	if n := eval[int](tb, `document.querySelectorAll('select[data-setting="currency"]').length + 10 * document.querySelectorAll('select[data-setting="locale"]').length`); n != 10 {
		t.Errorf("the significance page has %d currency and %d locale pickers, want 0 and 1", n%10, n/10)
	}
}

// jsStatusAndHeadline returns the live status and the visible headline's text.
const jsStatusAndHeadline = `function () {
  const s = document.querySelector('section.calc[data-primary]');
  const h = Array.from(s.querySelectorAll('.headline')).find(e => !e.hidden);
  return [s.querySelector('[data-role="status"]').textContent.trim(), h ? h.innerText.replace(/\s+/g, " ").trim() : ""];
}`

// The screen reader hears what the headline shows, significant or not.
func testStatusIsHeadline(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("clvfit")) // its CLV is money inside an object output
	if n := eval[int](tb, `document.querySelectorAll('select[data-setting="currency"]').length`); n != 1 {
		t.Errorf("the clvfit page has %d currency pickers, want 1", n)
	}
	tb.navigate(calcPath("significance"))
	runs := tb.waitLive()
	for _, conv := range []string{"200", "260", "205", "300"} {
		tb.setInputs(primary, ptrs(map[string]string{"treatment_conversions": conv}))
		runs = tb.waitState(primary, "live", runs)
		got := call[[]string](tb, jsStatusAndHeadline)
		if got[0] != got[1] || got[0] == "" {
			t.Errorf("treatment conversions %s: the status says %q, the headline %q", conv, got[0], got[1])
		}
	}
}

// Copy link in a guide copies the calculator's page with the widget's inputs.
func testGuideCopyLink(t *testing.T) {
	tb := newTab(t)
	tb.navigate("/guides/ab-test-design/")
	n := eval[int](tb, `window.roikitPage ? window.roikitPage.widgets.length : 0`)
	if n == 0 {
		t.Fatal("the guide has no calculator widget")
	}
	link := eval[string](tb, `window.roikitPage.widgets[0].link()`)
	name := eval[string](tb, `window.roikitPage.widgets[0].name`)
	if !strings.Contains(link, fmt.Sprintf("/calculators/%s/?", name)) {
		t.Errorf("a guide's Copy link gives %q, want the %s calculator page with the inputs", link, name)
	}
}
