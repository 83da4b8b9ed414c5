//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// sitePages lists the site's pages from sitemap.xml (as paths), plus every
// calculator's embed page, which the sitemap leaves out.
func sitePages(t *testing.T) []string {
	t.Helper()
	resp, body := fetch(t, "/sitemap.xml")
	if resp.StatusCode != 200 {
		t.Fatalf("GET /sitemap.xml: %d", resp.StatusCode)
	}
	seen := map[string]bool{}
	var pages []string
	add := func(p string) {
		if !seen[p] {
			seen[p] = true
			pages = append(pages, p)
		}
	}
	for _, m := range regexp.MustCompile(`<loc>\s*([^<\s]+)\s*</loc>`).FindAllStringSubmatch(string(body), -1) {
		u, err := url.Parse(m[1])
		if err != nil {
			t.Errorf("sitemap: bad <loc> %q", m[1])
			continue
		}
		p := u.Path
		if p == "" {
			p = "/"
		}
		add(p)
	}
	for _, c := range pagedCalculators(t) {
		add("/embed/" + c.Name + "/")
	}
	return pages
}

// TestEveryPage loads every page of the site: axe-core reports no
// violations, no request leaves the site's origin, no console error or CSP
// violation, and nothing shows NaN, Infinity or undefined.
func TestEveryPage(t *testing.T) {
	axe := axeSource(t)
	pages := sitePages(t)
	kinds := map[string]int{}
	for _, p := range pages {
		switch {
		case p == "/":
			kinds["home"]++
		case p == "/guides/":
			kinds["guides index"]++
		case strings.HasPrefix(p, "/guides/"):
			kinds["guide"]++
		case strings.HasPrefix(p, "/calculators/") && p != "/calculators/":
			kinds["calculator"]++
		case strings.HasPrefix(p, "/embed/"):
			kinds["embed"]++
		case strings.HasPrefix(p, "/docs/"):
			kinds["docs"]++
		}
	}
	for _, k := range []string{"home", "guides index", "guide", "calculator", "embed", "docs"} {
		if kinds[k] == 0 {
			t.Errorf("the sitemap lists no %s page", k)
		}
	}
	t.Logf("pages: %d (%v)", len(pages), kinds)
	tb := newTab(t) // one tab for every page: opening tabs is slow on a loaded machine
	for _, p := range pages {
		name := strings.Trim(p, "/")
		if name == "" {
			name = "home"
		}
		t.Run(name, func(t *testing.T) {
			tb.use(t)
			defer tb.use(t) // check what this page did before the next one
			t0 := time.Now()
			tb.navigate(p)
			t1 := time.Now()
			settle(tb)
			t2 := time.Now()
			runAxe(tb, axe, p)
			t3 := time.Now()
			tb.checkNoBadWords(p)
			t.Logf("load %v, settle %v, axe %v", t1.Sub(t0).Round(time.Millisecond), t2.Sub(t1).Round(time.Millisecond), t3.Sub(t2).Round(time.Millisecond))
		})
	}
	tb.use(t)
}

// settle waits until a page with a primary widget is live; on other pages,
// until every widget has left "busy" and the network has been quiet briefly.
func settle(tb *tab) {
	tb.t.Helper()
	if eval[bool](tb, `!!document.querySelector("section.calc[data-primary]")`) {
		if eval[string](tb, `document.querySelector("section.calc[data-primary]").dataset.calc`) != "clvfit" {
			tb.waitLive()
			return
		}
	}
	deadline := time.Now().Add(5 * time.Second)
	last := -1
	for time.Now().Before(deadline) {
		n := len(proxyLog.since(tb.start))
		busy := eval[bool](tb, `!!document.querySelector('section.calc[data-state="busy"]') || document.readyState !== "complete"`)
		if !busy && n == last {
			return
		}
		last = n
		time.Sleep(300 * time.Millisecond)
	}
}

// axeSource reads axe-core from node_modules (package.json lists it).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		t.Fatalf("node_modules/axe-core/axe.min.js is missing (%v): run `npm ci` in %s (make deps does it)", err, repoRoot)
	}
	return string(b)
}

type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// runAxe injects axe-core through the DevTools protocol (the page's CSP does
// not apply to it) and fails on any violation.
func runAxe(tb *tab, src, where string) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, chromedp.Evaluate[chromedp.Void](src)); err != nil {
		tb.t.Fatalf("%s: injecting axe-core: %v", where, err)
	}
	vs := eval[[]axeViolation](tb, `axe.run(document, {iframes: false, resultTypes: ["violations"]}).then(r =>
	  r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
	    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").replace(/\s+/g, " "))})))`)
	for _, v := range vs {
		j, _ := json.MarshalIndent(v.Nodes, "    ", "  ")
		tb.t.Errorf("%s: axe %s (%s): %s\n    %s", where, v.ID, v.Impact, v.Help, j)
	}
}

// TestKeyboard drives the samplesize calculator with Tab, typing and Enter
// only: the results follow and equal the core's.
func TestKeyboard(t *testing.T) {
	c, _ := calc.Lookup("samplesize")
	tb := newTab(t)
	tb.navigate(calcPath(c.Name))
	runs := tb.waitLive()
	w := tb.widget(primary)
	scale := map[string]float64{}
	for _, in := range w.Inputs {
		scale[in.Name] = in.Scale
	}
	eval[bool](tb, `window.__roikitNoReload = true`)

	// focusNext presses Tab until the active element matches js (a
	// predicate on el), at most 80 times.
	focusNext := func(what, pred string) {
		t.Helper()
		for range 80 {
			tb.do("Tab", chromedp.KeyEvent("\t"))
			if eval[bool](tb, `(el => !!el && (`+pred+`))(document.activeElement)`) {
				return
			}
		}
		t.Fatalf("Tab never reached %s", what)
	}
	typeInto := func(name, text string) {
		t.Helper()
		focusNext(name, `el.dataset.input === "`+name+`"`)
		// Select what is there (Tab into a text input selects it in
		// Chromium; make sure), then type over it.
		tb.do("select", chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
		tb.do("type "+text, chromedp.KeyEvent(text))
	}
	tb.do("focus the page", chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur(); window.focus()`))
	typeInto("baseline_rate", displayText(0.031, scale["baseline_rate"]))
	typeInto("mde", displayText(0.12, scale["mde"]))
	tb.do("Enter", chromedp.KeyEvent("\r"))
	focusNext("More options", `el.matches("details.advanced > summary")`)
	tb.do("Enter", chromedp.KeyEvent("\r"))
	if !eval[bool](tb, `document.querySelector("section.calc[data-primary] details.advanced").open`) {
		t.Fatalf("Enter on the summary did not open More options")
	}
	typeInto("power", displayText(0.9, scale["power"]))
	tb.do("Enter", chromedp.KeyEvent("\r"))
	runs = tb.waitState(primary, "live", runs)
	if !eval[bool](tb, `window.__roikitNoReload === true`) {
		t.Fatalf("Enter reloaded the page")
	}
	req := expectedRequest(t, c, w.Request, tb.query())
	want := map[string]float64{"baseline_rate": 0.031, "mde": 0.12, "power": 0.9}
	for name, v := range want {
		raw, ok := req[name]
		if !ok || !closeTo(mustFloat(string(raw)), v) {
			t.Errorf("keyboard: %s is %s, typed %v", name, raw, v)
		}
	}
	resp, status := coreRun(t, c.Name, req)
	if status != calc.StatusOK {
		t.Fatalf("keyboard: the core rejects %v: %v", req, resp)
	}
	compareFields(t, "keyboard", tb.fields(primary), resp)
	// The status region announced the new result.
	if s := eval[string](tb, `document.querySelector('section.calc[data-primary] [data-role="status"]').textContent.trim()`); s == "" {
		t.Errorf("keyboard: the status region is empty after a live result")
	}
}

func mustFloat(s string) float64 {
	var f float64
	fmt.Sscan(s, &f)
	return f
}

// TestScreenshots saves every calculator page at 1280 and 375 px wide into
// $ROIKIT_SCREENSHOTS (make screenshots).
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("ROIKIT_SCREENSHOTS")
	if dir == "" {
		t.Skip("set ROIKIT_SCREENSHOTS=DIR (make screenshots) to save screenshots")
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(repoRoot, dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	type shot struct{ name, path, scheme string }
	var shots []shot
	for _, c := range pagedCalculators(t) {
		shots = append(shots, shot{c.Name, calcPath(c.Name), "light"})
	}
	shots = append(shots, shot{"plan", planPath, "light"}, shot{"plan-dark", planPath, "dark"})
	for _, s := range shots {
		for _, width := range []int64{1280, 375} {
			tb := newTab(t)
			tb.do("viewport", chromedp.EmulateViewport(width, 900))
			if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: s.scheme}}}); err != nil {
				t.Fatal(err)
			}
			tb.navigate(s.path)
			settle(tb)
			if s.path == planPath {
				tb.waitPlan(0)
			}
			// Charts render lazily, when they scroll into view.
			showCharts(tb)
			poll[bool](tb, "the charts to render", 30*time.Second, `function () {
			  return Array.from(document.querySelectorAll("figure.chart:not([hidden]) .chart-canvas")).every(el => el.querySelector("canvas, svg"));
			}`)
			eval[bool](tb, "(window.scrollTo(0, 0), true)")
			time.Sleep(500 * time.Millisecond)
			png, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
			if err != nil {
				t.Fatalf("%s at %d px: %v", s.name, width, err)
			}
			name := filepath.Join(dir, fmt.Sprintf("%s-%d.png", s.name, width))
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("wrote %s (%d bytes)", name, len(png))
		}
	}
}

// TestThemes: the colour scheme follows data-theme (light, dark) and, for
// auto, the reader's system setting: the page's background and text take the
// light or the dark value of each colour.
func TestThemes(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("samplesize"))
	colours := func() [2]string {
		return eval[[2]string](tb, `(() => { const s = getComputedStyle(document.body); return [s.backgroundColor, s.color]; })()`)
	}
	light, dark := [2]string{"rgb(255, 255, 255)", "rgb(27, 31, 36)"}, [2]string{"rgb(18, 22, 28)", "rgb(232, 236, 241)"}
	for _, c := range []struct {
		theme, system string
		want          [2]string
	}{
		{"light", "dark", light},
		{"dark", "light", dark},
		{"auto", "light", light},
		{"auto", "dark", dark},
	} {
		if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: c.system}}}); err != nil {
			t.Fatal(err)
		}
		eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(c.theme))+`), true)`)
		if got := colours(); got != c.want {
			t.Errorf("theme %s, system %s: background and text %v, want %v", c.theme, c.system, got, c.want)
		}
	}
}
