//go:build browser

package browser_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// box is an element's place in the viewport (getBoundingClientRect) and the
// page's scroll position.
type box struct {
	Top     float64 `json:"top"`
	Bottom  float64 `json:"bottom"`
	Height  float64 `json:"height"`
	ScrollY float64 `json:"scrollY"`
	Window  float64 `json:"window"` // innerHeight
}

const jsBox = `function (sel) {
  const el = document.querySelector(sel);
  if (!el) return null;
  const r = el.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: r.height, scrollY: window.scrollY, window: window.innerHeight};
}`

func (tb *tab) box(sel string) box {
	tb.t.Helper()
	b := call[*box](tb, jsBox, sel)
	if b == nil {
		tb.t.Fatalf("no %s on the page", sel)
	}
	return *b
}

// scrollTo scrolls the element into view (block: start, center or end) and
// waits two frames for sticky elements to settle.
func (tb *tab) scrollTo(sel, block string) {
	tb.t.Helper()
	eval[bool](tb, `new Promise(r => { document.querySelector(`+string(jsonString(sel))+`).scrollIntoView({block: `+string(jsonString(block))+`});
	  requestAnimationFrame(() => requestAnimationFrame(() => r(true))); })`)
}

const (
	results    = primary + ` [data-role="results"]`
	summary    = primary + ` [data-role="summary"]`
	lastField  = primary + ` details.advanced [data-field-wrap]:not([hidden]):last-of-type`
	firstChart = primary + ` figure.chart:not([hidden])`
)

// dark sets the page's dark theme.
func (tb *tab) dark() {
	tb.t.Helper()
	eval[bool](tb, `(document.documentElement.setAttribute("data-theme", "dark"), true)`)
}

// snapshot saves what the window shows as $ROIKIT_SCREENSHOTS/name.png,
// when that is set (make screenshots), for a person to look at.
func (tb *tab) snapshot(name string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.CaptureScreenshot())
}

// saveShot saves the PNG that shot takes as $ROIKIT_SCREENSHOTS/name.png,
// when that is set.
func (tb *tab) saveShot(name string, shot chromedp.Action[[]byte]) {
	tb.t.Helper()
	dir := os.Getenv("ROIKIT_SCREENSHOTS")
	if dir == "" {
		return
	}
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(repoRoot, dir)
	}
	png, err := chromedp.Run(tb.ctx, shot)
	if err == nil {
		err = os.MkdirAll(dir, 0o755)
	}
	if err == nil {
		err = os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644)
	}
	if err != nil {
		tb.t.Errorf("screenshot %s: %v", name, err)
	}
}

// TestResultsInView: on a wide screen the results stay in view beside the
// form while it scrolls (and never over the charts below), unless they are
// taller than the window; on a 375 px screen a summary of the headline stays
// at the top while the form scrolls, follows each answer, says when it is
// the last valid one, and links to the results.
func TestResultsInView(t *testing.T) {
	t.Run("wide", testDockWide)
	t.Run("taller than the window", testDockTall)
	t.Run("375 px", testSummaryNarrow)
}

// testDockWide: at 1280 × 1000 px the results stay in view down the form,
// and never cover the chart below. (samplesize's results, with the table by
// week, are about 910 px tall: in an 800 px window they stay in place, the
// case testDockTall checks with a 300 px window.)
func testDockWide(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(1280, 1000))
	tb.navigate(calcPath("samplesize"))
	tb.waitLive()
	tb.dark()
	tb.do("open More options", chromedp.Click(chromedp.CSS(primary+" details.advanced > summary")))
	if !eval[bool](tb, `document.querySelector(`+string(jsonString(primary))+`).classList.contains("calc--dock")`) {
		t.Fatalf("the results (%.0f px) fit in the 1000 px window but are not docked", tb.box(results).Height)
	}
	start := tb.box(results)
	tb.scrollTo(lastField, "end")
	b := tb.box(results)
	if b.ScrollY <= start.Top+start.ScrollY {
		t.Fatalf("the form is not long enough to test: scrolled %.0f px, results start at %.0f", b.ScrollY, start.Top)
	}
	tb.snapshot("results-in-view-1280")
	if b.Top < 0 || b.Bottom > b.Window {
		t.Errorf("scrolled %.0f px down the form, the results are at %.0f–%.0f px of an %.0f px window", b.ScrollY, b.Top, b.Bottom, b.Window)
	}
	if s := tb.box(summary); s.Height != 0 {
		t.Errorf("the narrow screens' summary shows on a wide screen (%.0f px high)", s.Height)
	}
	tb.scrollTo(firstChart, "center")
	if b, c := tb.box(results), tb.box(firstChart); b.Bottom > c.Top+1 {
		t.Errorf("the docked results (bottom %.0f px) cover the chart below (top %.0f px)", b.Bottom, c.Top)
	}
}

// testDockTall: results taller than the window are not sticky.
func testDockTall(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(1280, 300))
	tb.navigate(calcPath("samplesize"))
	tb.waitLive()
	h := tb.box(results).Height
	if h+32 <= 300 {
		t.Fatalf("the results (%.0f px) fit in the 300 px window: nothing to test", h)
	}
	if pos := eval[string](tb, `getComputedStyle(document.querySelector(`+string(jsonString(results))+`)).position`); pos == "sticky" {
		t.Errorf("results %.0f px high in a 300 px window are sticky: their end could never be read", h)
	}
}

// testSummaryNarrow: at 375 px the summary repeats the headline at the top
// of the form while it scrolls.
func testSummaryNarrow(t *testing.T) {
	tb := newTab(t)
	tb.do("viewport", chromedp.EmulateViewport(375, 740, chromedp.EmulateMobile))
	tb.navigate(calcPath("samplesize"))
	runs := tb.waitLive()
	tb.dark()
	// (An empty string reaches the page as undefined: prefix || "".)
	sameAsHeadline := func(where, prefix string) {
		t.Helper()
		got := poll[string](tb, "the summary to follow the headline", 5*time.Second, `function (sel, prefix) {
		  const s = document.querySelector(sel + ' [data-role="summary"]'), h = document.querySelector(sel + " .results .headline:not([hidden])");
		  const norm = x => x.replace(/\s+/g, " ").trim();
		  return !s.hidden && h && norm(s.innerText).startsWith(norm((prefix || "") + h.innerText)) ? norm(s.innerText) : false;
		}`, primary, prefix)
		t.Logf("%s: summary %q", where, got)
	}
	sameAsHeadline("loaded", "")
	href := eval[string](tb, `document.querySelector(`+string(jsonString(summary+" a"))+`).getAttribute("href")`)
	if !eval[bool](tb, `!!document.querySelector(`+string(jsonString(href))+`) && document.querySelector(`+string(jsonString(href))+`).matches('[data-role="results"]')`) {
		t.Errorf("the summary's link %q does not lead to the results", href)
	}
	tb.do("open More options", chromedp.Click(chromedp.CSS(primary+" details.advanced > summary")))
	tb.scrollTo(lastField, "end")
	tb.snapshot("results-in-view-375")
	if s := tb.box(summary); s.Top < -1 || s.Top > 1 || s.Height == 0 || s.Height > 0.25*s.Window {
		t.Errorf("scrolled down the form, the summary is at %.0f px, %.0f px high (window %.0f px): want it at the top, compact", s.Top, s.Height, s.Window)
	}
	power := "90"
	tb.setInputs(primary, map[string]*string{"power": &power})
	runs = tb.waitState(primary, "live", runs)
	sameAsHeadline("power 90 %", "")
	bad := "abc"
	tb.setInputs(primary, map[string]*string{"baseline_rate": &bad})
	tb.waitState(primary, "invalid", runs)
	sameAsHeadline("invalid input", "Last valid result: ")
}

// clipboardTab opens the samplesize page with an input typed (so the URL
// has a query), focused and allowed to use the clipboard.
func clipboardTab(t *testing.T) *tab {
	tb := newTab(t)
	tb.navigate(calcPath("samplesize"))
	runs := tb.waitLive()
	mde := "20" // percent: 0.2 in the URL
	tb.setInputs(primary, map[string]*string{"mde": &mde})
	tb.waitState(primary, "live", runs)
	allowClipboard(t, tb)
	return tb
}

// TestCopyLink: Copy link puts the page's address (with the inputs) on the
// clipboard and says "Link copied" beside the button, visibly and in a
// status region, for about 2 s; without the clipboard the address is copied
// from a field beside the button, or left selected there to copy by hand,
// and the page says so. The results' status region keeps the headline.
func TestCopyLink(t *testing.T) {
	tb := clipboardTab(t)
	button := primary + ` [data-action="copy-link"]`
	status := primary + ` [data-role="copy-status"]`
	headline := eval[string](tb, `document.querySelector(`+string(jsonString(primary+` [data-role="status"]`))+`).textContent`)
	// confirmation waits for the text beside the button, visible, and returns it.
	confirmation := func() string {
		t.Helper()
		return poll[string](tb, "a confirmation beside Copy link", 5*time.Second, `function (sel) {
		  const el = document.querySelector(sel);
		  return el && el.getAttribute("role") === "status" && el.textContent.trim() && el.getClientRects().length && el.getBoundingClientRect().width > 0
		    && getComputedStyle(el).visibility === "visible" ? el.textContent.trim() : false;
		}`, status)
	}
	href := eval[string](tb, "location.href")
	if !strings.Contains(href, "mde=0.2") {
		t.Fatalf("the URL %s does not hold the input typed", href)
	}

	t.Run("clipboard", func(t *testing.T) {
		tb.use(t)
		tb.do("click Copy link", chromedp.Click(chromedp.CSS(button)))
		shown := time.Now()
		if got := confirmation(); got != "Link copied" {
			t.Errorf("beside Copy link: %q, want \"Link copied\"", got)
		}
		tb.dark()
		tb.scrollTo(button, "center")
		tb.snapshot("copy-link")
		if got := eval[string](tb, `navigator.clipboard.readText()`); got != href {
			t.Errorf("the clipboard holds %q, want %q", got, href)
		}
		if got := eval[string](tb, `document.querySelector(`+string(jsonString(primary+` [data-role="status"]`))+`).textContent`); got != headline {
			t.Errorf("the results' status region says %q after copying, want the headline %q", got, headline)
		}
		poll[bool](tb, "the confirmation to go", 6*time.Second, `function (sel) { return document.querySelector(sel).textContent === ""; }`, status)
		if d := time.Since(shown); d < 1500*time.Millisecond {
			t.Errorf("the confirmation went after %v: too soon to read", d)
		}
	})

	t.Run("no clipboard", func(t *testing.T) {
		tb.use(t)
		eval[bool](tb, `(navigator.clipboard.writeText = () => Promise.reject(new DOMException("denied", "NotAllowedError")), true)`)
		tb.do("click Copy link", chromedp.Click(chromedp.CSS(button)))
		got := confirmation()
		field := eval[string](tb, `(f => f ? f.value : "")(document.querySelector('`+primary+` input[data-role="copy-fallback"]'))`)
		switch {
		case got == "Link copied" && field == "":
			t.Logf("copied through the selected field")
		case strings.HasPrefix(got, "Select the text") && field == href:
		default:
			t.Errorf("without the clipboard API: %q beside the button, field %q", got, field)
		}
	})

	t.Run("no copying at all", func(t *testing.T) {
		tb.use(t)
		eval[bool](tb, `(document.execCommand = () => false, true)`)
		tb.do("click Copy link", chromedp.Click(chromedp.CSS(button)))
		if got := confirmation(); !strings.HasPrefix(got, "Select the text and copy it") {
			t.Errorf("when nothing can copy: %q beside the button", got)
		}
		sel := eval[[]int](tb, `(f => f ? [f.value === location.href ? 1 : 0, f.selectionStart, f.selectionEnd, f.value.length, document.activeElement === f ? 1 : 0] : [])(document.querySelector('`+primary+` input[data-role="copy-fallback"]'))`)
		if len(sel) != 5 || sel[0] != 1 || sel[1] != 0 || sel[2] != sel[3] || sel[4] != 1 {
			t.Errorf("the field to copy by hand (value is the URL, selection start, end, length, focused): %v", sel)
		}
		time.Sleep(3 * time.Second)
		if got := confirmation(); !strings.HasPrefix(got, "Select the text") {
			t.Errorf("the advice to copy by hand went: %q", got)
		}
	})
}

// TestReaderViewAxe: the summary, the docked results and the copy
// confirmation pass axe-core at 375 and 1280 px in both themes.
func TestReaderViewAxe(t *testing.T) {
	axe := axeSource(t)
	tb := newTab(t)
	for _, width := range []int64{375, 1280} {
		for _, theme := range []string{"light", "dark"} {
			for _, name := range []string{"samplesize", "roi"} {
				where := fmt.Sprintf("%s, %s theme, %d px", calcPath(name), theme, width)
				tb.do("viewport", chromedp.EmulateViewport(width, 800))
				tb.navigate(calcPath(name))
				tb.waitLive()
				eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(theme))+`), true)`)
				tb.do("click Copy link", chromedp.Click(chromedp.CSS(primary+` [data-action="copy-link"]`)))
				poll[bool](tb, "the copy confirmation", 5*time.Second, `function () { return !!document.querySelector('[data-role="copy-status"]').textContent; }`)
				if width == 375 && eval[bool](tb, `document.querySelector(`+string(jsonString(summary))+`).hidden`) {
					t.Errorf("%s: no summary", where)
				}
				runAxe(tb, axe, where)
			}
		}
	}
}

// allowClipboard focuses the tab and lets the page read and write the
// clipboard, until the test ends.
func allowClipboard(t *testing.T, tb *tab) {
	t.Helper()
	if _, err := chromedp.Call(tb.ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(tb.ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name}, Setting: browser.PermissionSettingGranted, Origin: siteOrigin}); err != nil {
			t.Fatalf("granting %s: %v", name, err)
		}
	}
	t.Cleanup(func() { chromedp.CallBrowser(browserCtx, browser.ResetPermissions, browser.ResetPermissionsParams{}) })
}
