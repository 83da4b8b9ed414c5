//go:build browser

package browser_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// sigView is what the significance page shows of a result: the headline,
// the relative interval's data-values and the peeking demonstration.
type sigView struct {
	Headline   string `json:"headline"`
	RelLo      string `json:"relLo"`
	RelHi      string `json:"relHi"`
	Peeking    string `json:"peeking"`
	PeekRuns   int    `json:"peekRuns"`
	PeekMS     int    `json:"peekMS"`
	ChartShown bool   `json:"chartShown"`
	ChartSVG   bool   `json:"chartSVG"`
}

const jsSigView = `function () {
  const s = document.querySelector("section.calc[data-primary]");
  const head = Array.from(s.querySelectorAll(".headline")).find(el => !el.hidden);
  const v = sel => { const el = s.querySelector(sel); return el ? el.getAttribute("data-value") || "" : ""; };
  const box = document.querySelector("[data-peeking]");
  const fig = box.querySelector('figure[data-chart="peeking"]');
  return {headline: head ? head.innerText : "", relLo: v('[data-field="relative_lift_ci.0"]'), relHi: v('[data-field="relative_lift_ci.1"]'),
    peeking: box.querySelector('[data-role="peeking-status"]').textContent, peekRuns: Number(box.dataset.peekingRuns || 0),
    peekMS: Number(box.dataset.peekingMs || 0), chartShown: !fig.hidden, chartSVG: !!fig.querySelector("svg")};
}`

// waitPeeking waits until the peeking demonstration has drawn more than
// runs times, and returns the view.
func waitPeeking(tb *tab, runs int) sigView {
	tb.t.Helper()
	poll[int](tb, "peeking chart", 60*time.Second, `function (runs) {
  const box = document.querySelector("[data-peeking]");
  const n = Number(box.dataset.peekingRuns || 0);
  const fig = box.querySelector('figure[data-chart="peeking"]');
  return n > runs && fig.querySelector("svg") ? n : false;
}`, runs)
	return call[sigView](tb, jsSigView)
}

// TestSignificanceSequential: ticking "I will look at the results more
// than once" makes the page's result the always-valid one: the headline
// says so, the relative interval widens, and every number equals the
// core's (calc.RunJSON) for the page's request; the peeking demonstration
// draws its chart, the fixed test's false winners above alpha and the
// sequential test's at or below it, and follows the planned days.
func TestSignificanceSequential(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("significance"))
	runs := tb.waitLive()
	before := call[sigView](tb, jsSigView)
	if strings.Contains(before.Headline, "Always-valid") {
		t.Errorf("fixed result's headline %q names the sequential kind", before.Headline)
	}
	peek := waitPeeking(tb, 0)
	if !peek.ChartShown || !strings.Contains(peek.Peeking, "By day 14") || !strings.Contains(peek.Peeking, "sequential test") {
		t.Errorf("peeking demonstration: %+v", peek)
	}
	t.Logf("peeking demonstration in the page (1,000 tests x 14 days, worker round trip): %d ms", peek.PeekMS)

	tb.setInputs(primary, ptrs(map[string]string{"sequential": "true"}))
	runs = tb.waitState(primary, "live", runs)
	after := call[sigView](tb, jsSigView)
	if !strings.HasPrefix(after.Headline, "Always-valid (sequential) result:") {
		t.Errorf("sequential headline %q", after.Headline)
	}
	num := func(s string) float64 { x, _ := strconv.ParseFloat(s, 64); return x }
	if !(num(after.RelLo) < num(before.RelLo) && num(after.RelHi) > num(before.RelHi)) {
		t.Errorf("the relative interval did not widen: [%s, %s] -> [%s, %s]", before.RelLo, before.RelHi, after.RelLo, after.RelHi)
	}
	w := tb.widget(primary)
	c, ok := calc.Lookup("significance")
	if !ok {
		t.Fatal("no significance calculator")
	}
	req := expectedRequest(t, c, w.Request, tb.query())
	if string(req["sequential"]) != "true" {
		t.Fatalf("the page's request %v is not sequential", req)
	}
	resp, status := coreRun(t, "significance", req)
	if status != calc.StatusOK {
		t.Fatalf("core: status %d", status)
	}
	compareFields(t, "sequential", tb.fields(primary), resp)

	// The demonstration follows the planned days.
	call[bool](tb, `function () { const el = document.querySelector("#peeking-days"); el.value = "28"; el.dispatchEvent(new Event("input", {bubbles: true})); return true; }`)
	poll[bool](tb, "the demonstration over 28 days", 60*time.Second, `function () {
  return document.querySelector('[data-role="peeking-status"]').textContent.includes("By day 28") || false;
}`)
	tb.check()
}

// TestSignificanceSequentialNarrow: at 375 px with sequential on, the page
// (the demonstration and its chart included) does not scroll sideways, and
// the demonstration's chart is drawn within its figure.
func TestSignificanceSequentialNarrow(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(375, 900))
	tb.navigate(calcPath("significance") + "?sequential=true")
	tb.waitLive()
	eval[bool](tb, `(document.querySelector("[data-peeking]").scrollIntoView(), true)`)
	v := waitPeeking(tb, 0)
	if !v.ChartSVG {
		t.Fatalf("no peeking chart: %+v", v)
	}
	type widths struct{ Page, View, Fig, SVG float64 }
	w := eval[widths](tb, `(() => { const f = document.querySelector('figure[data-chart="peeking"]');
  return {Page: document.documentElement.scrollWidth, View: document.documentElement.clientWidth,
    Fig: f.getBoundingClientRect().right, SVG: f.querySelector("svg").getBoundingClientRect().right}; })()`)
	if w.Page > w.View || w.SVG > w.Fig+1 {
		t.Errorf("at 375 px: page %v wide in a %v view; chart ends at %v, its figure at %v", w.Page, w.View, w.SVG, w.Fig)
	}
	tb.check()
}
