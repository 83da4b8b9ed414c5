//go:build browser

package browser_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Presentation mode (site/js/present.js): the projector view of a
// calculator page or the business case.

const (
	presentButton = `[data-role="present-bar"] [data-action="present"]`
	presentStatus = `[data-role="present-status"]`
	mainChart     = `figure.present-main`
)

// presentLayout is where the projector view puts the headline and the main
// chart, read from the page.
type presentLayout struct {
	Window     float64 `json:"window"`  // innerHeight
	ScrollY    float64 `json:"scrollY"` // the page's scroll position
	Scrollable float64 `json:"scrollable"`
	Headline   box     `json:"headline"`
	Chart      box     `json:"chart"`
	Canvas     float64 `json:"canvas"` // the chart canvas's height (px)
	SVG        float64 `json:"svg"`    // the drawn chart's height (px)
	Header     bool    `json:"header"` // the site header shows
	Hint       bool    `json:"hint"`   // a help text of the form shows
	Inputs     int     `json:"inputs"` // inputs of the strip shown
}

// jsPresentLayout measures the projector view once the main chart is drawn
// at its canvas's height (false until then).
const jsPresentLayout = `function (headlineSel) {
  const fig = document.querySelector("figure.present-main");
  const h = document.querySelector(headlineSel);
  if (!fig || !h || fig.hidden) return false;
  const canvas = fig.querySelector(".chart-canvas"), svg = canvas.querySelector("svg");
  if (!svg) return false;
  const c = canvas.getBoundingClientRect(), s = svg.getBoundingClientRect();
  if (Math.abs(c.height - s.height) > 1) return false;
  const b = (el) => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, height: r.height, scrollY: scrollY, window: innerHeight}; };
  const shown = (el) => !!el && el.getClientRects().length > 0;
  const inputs = Array.from(document.querySelectorAll("section.calc[data-primary] input.input, section.calc[data-primary] select.select")).filter(shown);
  return {window: innerHeight, scrollY: scrollY, scrollable: document.documentElement.scrollHeight - innerHeight,
    headline: b(h), chart: b(fig), canvas: c.height, svg: s.height,
    header: shown(document.querySelector(".site-header")),
    hint: Array.from(document.querySelectorAll("section.calc[data-primary] .calc-form .hint")).some(shown),
    inputs: inputs.length};
}`

func (tb *tab) presentLayout(headline string) presentLayout {
	tb.t.Helper()
	return poll[presentLayout](tb, "the main chart drawn at its height", 20*time.Second, jsPresentLayout, headline)
}

// TestPresentFits: with ?present=1, every calculator page and the business
// case show the headline and the main chart without scrolling on a
// 1024×768 projector and a 1920×1080 screen, the chart taking the rest of
// the window (drawn at that height), the header and help text hidden, the
// key inputs still there; axe-core passes on the projector view.
func TestPresentFits(t *testing.T) {
	axe := axeSource(t)
	pages := []struct{ name, path, headline string }{
		{"roi", calcPath("roi"), primary + " .results .headline"},
		{"samplesize", calcPath("samplesize"), primary + " .results .headline"},
		{"significance", calcPath("significance"), primary + " .results .headline"},
		{"clv", calcPath("clv"), primary + " .results .headline"},
		{"prioritize", calcPath("prioritize"), primary + " .results .headline"},
		{"plan", planPath, `[data-role="case-headline"]`},
	}
	for _, size := range [][2]int64{{1024, 768}, {1920, 1080}} {
		for _, p := range pages {
			t.Run(fmt.Sprintf("%s %dx%d", p.name, size[0], size[1]), func(t *testing.T) {
				tb := newTab(t)
				tb.do("viewport", chromedp.EmulateViewport(size[0], size[1]))
				tb.navigate(p.path + "?present=1")
				tb.waitLive()
				if p.path == planPath {
					tb.waitPlan(0)
				}
				l := tb.presentLayout(p.headline)
				tb.snapshot(fmt.Sprintf("present-%s-%d", p.name, size[0]))
				t.Logf("window %.0f: headline %.0f–%.0f, chart %.0f–%.0f (canvas %.0f px), %d inputs", l.Window, l.Headline.Top, l.Headline.Bottom, l.Chart.Top, l.Chart.Bottom, l.Canvas, l.Inputs)
				if l.ScrollY != 0 {
					t.Errorf("the page is scrolled %.0f px", l.ScrollY)
				}
				if l.Headline.Top < 0 || l.Headline.Bottom > l.Window || l.Chart.Top < l.Headline.Bottom || l.Chart.Bottom > l.Window {
					t.Errorf("headline at %.0f–%.0f px, chart at %.0f–%.0f px: want both within the %.0f px window, the chart below the headline",
						l.Headline.Top, l.Headline.Bottom, l.Chart.Top, l.Chart.Bottom, l.Window)
				}
				// The chart fills the window: it ends within 40 px of its bottom and is at least 220 px high.
				if l.Chart.Bottom < l.Window-40 || l.Canvas < 220 {
					t.Errorf("the chart ends at %.0f px of a %.0f px window, %.0f px high: it does not fill the screen", l.Chart.Bottom, l.Window, l.Canvas)
				}
				if l.Header || l.Hint {
					t.Errorf("the projector view shows the site header (%v) or help text (%v)", l.Header, l.Hint)
				}
				if l.Inputs < 3 {
					t.Errorf("the strip shows %d inputs", l.Inputs)
				}
				if size[0] == 1024 && (p.name == "roi" || p.name == "plan") {
					runAxe(tb, axe, p.name+" presenting at 1024x768")
				}
			})
		}
	}
}

// TestPresentToggle: the Present button is a toggle (aria-pressed) that
// keeps the focus, writes ?present=1 and announces the change; Esc leaves
// and takes present=1 out of the URL; the strip's inputs still compute; the
// chart is drawn again at its normal height after; high contrast makes the
// text and the chart's labels black (white on black in the dark theme) and
// passes axe-core.
func TestPresentToggle(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(1280, 800))
	tb.navigate(calcPath("roi"))
	runs := tb.waitLive()
	normal := tb.box(firstChart).Height
	tb.do("click Present", chromedp.Click(chromedp.CSS(presentButton)))
	state := func() map[string]any {
		return call[map[string]any](tb, `function (btn, status) {
		  const b = document.querySelector(btn);
		  return {presenting: document.documentElement.classList.contains("presenting"), pressed: b.getAttribute("aria-pressed"),
		    focused: document.activeElement === b, present: new URLSearchParams(location.search).get("present") || "",
		    status: document.querySelector(status).textContent};
		}`, presentButton, presentStatus)
	}
	poll[bool](tb, "the entering announced", 5*time.Second, `function (s) { return /Presentation mode/.test(document.querySelector(s).textContent); }`, presentStatus)
	if s := state(); s["presenting"] != true || s["pressed"] != "true" || s["focused"] != true || s["present"] != "1" {
		t.Errorf("after clicking Present: %v; want presenting, aria-pressed true, the button focused, ?present=1", s)
	}
	tb.presentLayout(primary + " .results .headline")

	// The strip's inputs: typed in, they compute.
	tb.do("focus expected lift", chromedp.Focus(primary+` [data-input="expected_lift"]`))
	if !eval[bool](tb, `document.activeElement.getClientRects().length > 0`) {
		t.Fatal("the expected lift's input is not shown while presenting")
	}
	tb.do("type 12", chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)), chromedp.KeyEvent("12"))
	runs = tb.waitState(primary, "live", runs)
	if q := tb.query(); q.Get("expected_lift") != "0.12" || q.Get("present") != "1" {
		t.Errorf("after typing 12 %% while presenting the URL's query is %v", q)
	}

	// Esc from an input leaves; the input keeps the focus.
	tb.do("Escape", chromedp.KeyEvent(kb.Escape))
	poll[bool](tb, "the leaving announced", 5*time.Second, `function (s) { return /Left presentation mode/.test(document.querySelector(s).textContent); }`, presentStatus)
	if s := state(); s["presenting"] != false || s["pressed"] != "false" || s["present"] != "" {
		t.Errorf("after Esc: %v; want not presenting, aria-pressed false, no present in the URL", s)
	}
	if !eval[bool](tb, `document.activeElement && document.activeElement.getAttribute("data-input") === "expected_lift"`) {
		t.Errorf("Esc from an input moved the focus away from it")
	}
	tb.scrollTo(firstChart, "center")
	if h := poll[float64](tb, "the chart at its own height", 10*time.Second, `function (sel, want) {
	  const c = document.querySelector(sel + " .chart-canvas"), s = c.querySelector("svg");
	  return s && Math.abs(c.getBoundingClientRect().height - s.getBoundingClientRect().height) <= 1 && Math.abs(c.parentElement.getBoundingClientRect().height - want) <= 1 ? c.getBoundingClientRect().height : false;
	}`, firstChart, normal); h <= 0 {
		t.Errorf("the chart after leaving is %.0f px high", h)
	}

	// High contrast: the page's text and the chart's labels black.
	tb.do("click Present", chromedp.Click(chromedp.CSS(presentButton)))
	tb.do("click High contrast", chromedp.Click(chromedp.CSS(`[data-action="present-contrast"]`)))
	if got := eval[string](tb, `document.documentElement.getAttribute("data-contrast") + " " + document.querySelector('[data-action="present-contrast"]').getAttribute("aria-pressed") + " " + getComputedStyle(document.body).color`); got != "high true rgb(0, 0, 0)" {
		t.Errorf("high contrast: data-contrast, aria-pressed and the text colour are %q", got)
	}
	poll[bool](tb, "the chart's labels in black", 10*time.Second, `function () {
	  return Array.from(document.querySelectorAll("figure.present-main svg text")).some(t => /^(#000(000)?|rgb\(0, ?0, ?0\))$/i.test(t.getAttribute("fill") || ""));
	}`)
	tb.snapshot("present-roi-contrast-1280")
	axe := axeSource(t)
	runAxe(tb, axe, "roi presenting in high contrast at 1280x800")
	tb.dark()
	if got := eval[string](tb, `getComputedStyle(document.body).color + " on " + getComputedStyle(document.body).backgroundColor`); got != "rgb(255, 255, 255) on rgb(0, 0, 0)" {
		t.Errorf("high contrast in the dark theme: %s", got)
	}
	tb.snapshot("present-roi-contrast-dark-1280")
	runAxe(tb, axe, "roi presenting in high contrast, dark theme, at 1280x800")
	// Focus on the contrast button, which Esc hides: it goes to Present.
	tb.do("Escape", chromedp.KeyEvent(kb.Escape))
	if s := state(); s["presenting"] != false || s["focused"] != true {
		t.Errorf("Esc from the contrast button: %v; want not presenting and Present focused", s)
	}
	if eval[bool](tb, `document.documentElement.hasAttribute("data-contrast")`) {
		t.Errorf("high contrast outlives presentation mode")
	}
}

// jsFakeScenarios installs a stand-in for the scenarios module
// (window.roikitPage.scenarios: pinned(), apply(id), active()) with three
// pinned scenarios, the first active, recording what is applied.
const jsFakeScenarios = `function () {
  window.roikitPage.scenarios = {
    current: "a", applied: [],
    pinned() { return [{id: "a", name: "Low"}, {id: "b", name: "Mid"}, {id: "c", name: "High"}]; },
    active() { return this.current; },
    apply(id) { this.applied.push(id); this.current = id; return Promise.resolve(); },
  };
  document.dispatchEvent(new CustomEvent("roikit:scenarios"));
  return true;
}`

// TestPresentScenarios: ←/→ step through the pinned scenarios (not past
// either end, not while typing in an input), the bar names the active one
// and the step is announced; without a scenarios module the arrows do
// nothing and nothing fails.
func TestPresentScenarios(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(1024, 768))
	tb.navigate(calcPath("roi") + "?present=1")
	tb.waitLive()
	tb.presentLayout(primary + " .results .headline")
	blur := func() { eval[bool](tb, `(document.activeElement && document.activeElement.blur(), true)`) }
	press := func(key string) {
		tb.do(key, chromedp.KeyEvent(key))
		eval[bool](tb, `new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`)
	}

	// Without scenarios: nothing happens.
	eval[bool](tb, `(delete window.roikitPage.scenarios, true)`)
	blur()
	before := eval[string](tb, `location.href`)
	press(kb.ArrowRight)
	press(kb.ArrowLeft)
	if after := eval[string](tb, `location.href`); after != before || !eval[bool](tb, `document.documentElement.classList.contains("presenting") && document.querySelector('[data-role="present-scenarios"]').hidden`) {
		t.Errorf("without scenarios the arrows changed the page: %s -> %s", before, after)
	}

	call[bool](tb, jsFakeScenarios)
	label := func() string {
		return eval[string](tb, `document.querySelector('[data-role="present-scenarios"]').hidden ? "(hidden)" : document.querySelector('[data-role="present-scenario"]').textContent`)
	}
	if got := label(); got != "Low (1 of 3)" {
		t.Errorf("with three pinned, the bar shows %q", got)
	}
	steps := []struct {
		key, applied, label, status string
	}{
		{kb.ArrowRight, "b", "Mid (2 of 3)", "Scenario 2 of 3: Mid."},
		{kb.ArrowRight, "b,c", "High (3 of 3)", "Scenario 3 of 3: High."},
		{kb.ArrowRight, "b,c", "High (3 of 3)", "This is the last pinned scenario."},
		{kb.ArrowLeft, "b,c,b", "Mid (2 of 3)", "Scenario 2 of 3: Mid."},
	}
	for i, s := range steps {
		blur()
		press(s.key)
		got := poll[string](tb, "the step announced", 5*time.Second, `function (sel, want) {
		  const t = document.querySelector(sel).textContent;
		  return t === want ? t : false;
		}`, presentStatus, s.status)
		applied := eval[string](tb, `window.roikitPage.scenarios.applied.join(",")`)
		if applied != s.applied || label() != s.label {
			t.Errorf("step %d (%s): applied %q, bar %q, status %q; want %q, %q", i+1, s.key, applied, label(), got, s.applied, s.label)
		}
	}
	// In an input the arrows move the caret.
	tb.do("focus an input", chromedp.Focus(primary+` [data-input="expected_lift"]`))
	press(kb.ArrowLeft)
	if applied := eval[string](tb, `window.roikitPage.scenarios.applied.join(",")`); applied != "b,c,b" {
		t.Errorf("← in an input stepped the scenarios: applied %q", applied)
	}
	// The bar's buttons step too.
	tb.do("click next", chromedp.Click(chromedp.CSS(`[data-action="present-next"]`)))
	poll[bool](tb, "the next button's step", 5*time.Second, `function () { return window.roikitPage.scenarios.applied.join(",") === "b,c,b,c"; }`)
	if eval[bool](tb, `!document.querySelector('[data-action="present-next"]').disabled`) {
		t.Errorf("on the last scenario the next button is enabled")
	}
	if txt := tb.visibleText(); !strings.Contains(txt, "High (3 of 3)") {
		t.Errorf("the bar does not show the active scenario")
	}
}

// TestPresentWithScenarios: with the page's own scenarios module, two saved
// (and so pinned) ROI scenarios are stepped through with the arrows while
// presenting: the form takes each one's inputs, the result follows, and the
// bar names it.
func TestPresentWithScenarios(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(1024, 768))
	runs := tb.freshScenarios(calcPath("roi"))
	for _, s := range []struct{ name, lift string }{{"Cautious", "4"}, {"Bold", "12"}} {
		tb.setInputs(primary, map[string]*string{"expected_lift": &s.lift})
		runs = tb.waitState(primary, "live", runs)
		if st := tb.saveScenario(s.name); !strings.Contains(st, "pinned") {
			t.Fatalf("saving %q: %q", s.name, st)
		}
	}
	tb.do("click Present", chromedp.Click(chromedp.CSS(presentButton)))
	tb.presentLayout(primary + " .results .headline")
	for _, step := range []struct{ key, lift, label string }{
		{kb.ArrowLeft, "4", "Cautious (1 of 2)"},
		{kb.ArrowRight, "12", "Bold (2 of 2)"},
	} {
		eval[bool](tb, `(document.activeElement && document.activeElement.blur(), true)`)
		tb.do(step.key, chromedp.KeyEvent(step.key))
		runs = tb.waitState(primary, "live", runs)
		got := poll[string](tb, "the bar to name "+step.label, 10*time.Second, `function (want) {
		  const t = document.querySelector('[data-role="present-scenario"]').textContent;
		  return t === want ? t : false;
		}`, step.label)
		tb.snapshot("present-scenarios-" + step.lift)
		if v := eval[string](tb, `document.querySelector('`+primary+` [data-input="expected_lift"]').value`); v != step.lift {
			t.Errorf("%s: the bar shows %q, the expected lift is %q; want %q", step.key, got, v, step.lift)
		}
	}
}
