//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// A chartText is one <text> of a drawn chart, with its box relative to the
// chart's <svg>.
type chartText struct {
	Text                     string
	Left, Top, Right, Bottom float64
	Fill                     string
}

// jsChartTexts returns, for each shown figure of the primary widget (by
// data-chart), the chart's size and the <text> elements of its SVG in
// document order.
const jsChartTexts = `function (sel) {
  const out = {};
  for (const f of document.querySelectorAll(sel + " figure.chart:not([hidden])")) {
    const svg = f.querySelector(".chart-canvas svg");
    if (!svg) continue;
    const box = svg.getBoundingClientRect();
    out[f.dataset.chart] = {width: box.width, height: box.height, figure: f.getBoundingClientRect().width, texts: Array.from(svg.querySelectorAll("text")).map(t => {
      const r = t.getBoundingClientRect();
      return {Text: t.textContent, Left: r.left - box.left, Top: r.top - box.top, Right: r.right - box.left, Bottom: r.bottom - box.top, Fill: t.getAttribute("fill") || ""};
    }).filter(t => t.Text.trim() !== "")};
  }
  return out;
}`

type drawnChart struct {
	Width, Height float64
	Figure        float64 // the figure's width
	Texts         []chartText
}

// chartTexts reads the drawn charts of the widget sel.
func chartTexts(tb *tab, sel string) map[string]drawnChart {
	tb.t.Helper()
	return call[map[string]drawnChart](tb, jsChartTexts, sel)
}

// joined is the chart's text, one <text> after the other.
func (d drawnChart) joined() string {
	parts := make([]string, len(d.Texts))
	for i, t := range d.Texts {
		parts[i] = t.Text
	}
	return strings.Join(parts, " ")
}

// waitCharts shows every chart of the widget and waits until each is drawn
// and the widget's data-chart-runs is above runs; it returns data-chart-runs.
func waitCharts(tb *tab, sel string, runs int) int {
	tb.t.Helper()
	showCharts(tb)
	return poll[int](tb, "the charts to be drawn", 30*time.Second, `function (sel, runs) {
	  const s = document.querySelector(sel);
	  const n = Number(s.dataset.chartRuns || 0);
	  if (n <= runs) return false;
	  const drawn = Array.from(s.querySelectorAll("figure.chart:not([hidden]) .chart-canvas")).every(el => el.querySelector("svg text"));
	  return drawn ? n : false;
	}`, sel, runs)
}

// checkTextsApart fails when two texts of a chart overlap, or one leaves it.
func checkTextsApart(t *testing.T, where string, d drawnChart) {
	t.Helper()
	const slack = 1.5 // px: anti-aliasing and font metrics
	if d.Width > d.Figure+slack {
		t.Errorf("%s: the chart is %.0f px wide in a figure of %.0f px", where, d.Width, d.Figure)
	}
	for i, a := range d.Texts {
		if a.Left < -slack || a.Top < -slack || a.Right > d.Width+slack || a.Bottom > d.Height+slack {
			t.Errorf("%s: %q is outside the chart (%.0f,%.0f to %.0f,%.0f in %.0fx%.0f)", where, a.Text, a.Left, a.Top, a.Right, a.Bottom, d.Width, d.Height)
		}
		for _, b := range d.Texts[i+1:] {
			w := math.Min(a.Right, b.Right) - math.Max(a.Left, b.Left)
			h := math.Min(a.Bottom, b.Bottom) - math.Max(a.Top, b.Top)
			if w > slack && h > slack {
				t.Errorf("%s: %q and %q overlap (%.0fx%.0f px)", where, a.Text, b.Text, w, h)
			}
		}
	}
}

// TestChartsInTheReadersCurrency: on the roi page with ?currency=EUR and
// ?locale=de-DE, every chart shows euros and no dollar, in German number
// format (1.234 and 3,5), in its axes, labels, titles and its tooltip.
func TestChartsInTheReadersCurrency(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("roi") + "?currency=EUR&locale=de-DE")
	tb.waitLive()
	waitCharts(tb, primary, 0)
	charts := chartTexts(tb, primary)
	if len(charts) < 3 {
		t.Fatalf("%d charts drawn, want the 3 of roi with its lift range", len(charts))
	}
	english := regexp.MustCompile(`\d,\d{3}\b|\d\.\d{1,2}\b|\$`)
	german := regexp.MustCompile(`\d\.\d{3}\b`)
	sawGerman := false
	for id, d := range charts {
		text := d.joined()
		if !strings.Contains(text, "€") {
			t.Errorf("%s: no € in the chart: %s", id, text)
		}
		for _, tx := range d.Texts {
			if bad := english.FindString(tx.Text); bad != "" {
				t.Errorf("%s: %q is written as in en-US (%q)", id, tx.Text, bad)
			}
			if strings.Contains(tx.Text, "€") && regexp.MustCompile(`€\s?\d`).MatchString(tx.Text) {
				t.Errorf("%s: %q puts the € before the number, as de-DE does not", id, tx.Text)
			}
		}
		sawGerman = sawGerman || german.MatchString(text)
	}
	if !sawGerman {
		t.Errorf("no number grouped as de-DE (1.234) in any chart")
	}

	// The tooltip of the cash flow, drawn in the SVG when the pointer is
	// over the plot, also writes its money in euros.
	box := eval[[4]float64](tb, `(() => { const el = document.querySelector('`+primary+` figure[data-chart="cash-flow"] .chart-canvas');
	  el.scrollIntoView({block: "center"}); const r = el.getBoundingClientRect(); return [r.left, r.top, r.width, r.height]; })()`)
	before := len(chartTexts(tb, primary)["cash-flow"].Texts)
	x, y := box[0]+box[2]*0.6, box[1]+box[3]*0.55
	tb.do("hover the cash flow", chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x-5, y), chromedp.MouseEvent(input.DispatchMouseEventTypeMouseMoved, x, y))
	deadline := time.Now().Add(5 * time.Second)
	for {
		d := chartTexts(tb, primary)["cash-flow"]
		if len(d.Texts) > before {
			tip := d.joined()
			if !regexp.MustCompile(`\d[\s\x{a0}\x{202f}]€`).MatchString(tip) || strings.Contains(tip, "$") {
				t.Errorf("cash-flow tooltip: %s", tip)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Errorf("no tooltip drawn over the cash flow")
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestTornadoKeepsEveryRow: the tornado shows the label of every input that
// moves the NPV, on the calculator page and its embed, at 375, 640 and
// 1280 px, after each of three recomputes; no label overlaps another or
// leaves the chart.
func TestTornadoKeepsEveryRow(t *testing.T) {
	roi, _ := calc.Lookup("roi")
	for _, page := range []string{calcPath("roi"), "/embed/roi/"} {
		for _, width := range []int64{375, 640, 1280} {
			t.Run(fmt.Sprintf("%s@%d", page, width), func(t *testing.T) {
				tb := newTab(t)
				tb.do("viewport", chromedp.EmulateViewport(width, 900))
				// With a lift range and a ramp-up, every input moves the NPV.
				tb.navigate(page + "?lift_low=0.02&lift_high=0.14&ramp_months=3&risk_adjustment=0.1")
				tb.waitLive()
				runs := waitCharts(tb, primary, 0)
				for i, lift := range []string{"9", "11", "13"} {
					eval[bool](tb, `(document.querySelector('`+primary+` figure[data-chart="tornado"]').scrollIntoView({block: "center"}), true)`)
					tb.setInputs(primary, ptrs(map[string]string{"expected_lift": lift}))
					runs = waitCharts(tb, primary, runs)
					req := expectedRequest(t, roi, eval[string](tb, `document.querySelector('`+primary+`').dataset.request`), tb.query())
					resp, status := coreRun(t, "roi", req)
					if status != calc.StatusOK {
						t.Fatalf("recompute %d: the core rejects %v", i+1, req)
					}
					var r calc.ROIResponse
					b, _ := json.Marshal(resp)
					if err := json.Unmarshal(b, &r); err != nil {
						t.Fatal(err)
					}
					d := chartTexts(tb, primary)["tornado"]
					text := d.joined()
					rows := 0
					for _, s := range r.Sensitivity {
						if s.NPVLow == s.NPVHigh {
							continue
						}
						rows++
						if !strings.Contains(text, s.Label+" (") {
							t.Errorf("recompute %d (lift %s %%): the row %q is missing: %s", i+1, lift, s.Label, text)
						}
					}
					if rows < 8 {
						t.Errorf("recompute %d: %d rows, the case should move every input", i+1, rows)
					}
					checkTextsApart(t, fmt.Sprintf("tornado, recompute %d", i+1), d)
				}
			})
		}
	}
}

// TestChartTextsApart: in every chart of samplesize, significance, clv and
// roi, at 375, 640 and 1280 px, no text overlaps another (axis labels,
// titles wrapped to the width, mark labels) or leaves the chart.
func TestChartTextsApart(t *testing.T) {
	for _, name := range []string{"samplesize", "significance", "clv", "roi"} {
		for _, width := range []int64{375, 640, 1280} {
			t.Run(fmt.Sprintf("%s@%d", name, width), func(t *testing.T) {
				tb := newTab(t)
				tb.do("viewport", chromedp.EmulateViewport(width, 900))
				tb.navigate(calcPath(name) + "?daily_visitors=5000&variants=3&control_share=0.5")
				tb.waitLive()
				waitCharts(tb, primary, 0)
				for id, d := range chartTexts(tb, primary) {
					checkTextsApart(t, id, d)
				}
			})
		}
	}
}

// TestChartsFollowTheTheme: a chart's title takes the theme's text colour,
// and the charts are drawn again when the theme changes.
func TestChartsFollowTheTheme(t *testing.T) {
	tb := newTab(t)
	if _, err := chromedp.Call(tb.ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}); err != nil {
		t.Fatal(err)
	}
	tb.navigate(calcPath("samplesize"))
	tb.waitLive()
	waitCharts(tb, primary, 0)
	const titleFill = `function () {
	  const svg = document.querySelector('section.calc[data-primary] figure[data-chart="visitors-vs-mde"] svg');
	  const t = svg && Array.from(svg.querySelectorAll("text")).find(t => t.textContent === "Visitors needed by effect size");
	  return t ? t.getAttribute("fill") : "";
	}`
	light := call[string](tb, titleFill)
	eval[bool](tb, `(document.documentElement.setAttribute("data-theme", "dark"), true)`)
	dark := poll[string](tb, "the title to change colour", 10*time.Second, `function (light) {
	  const f = (`+titleFill+`)(); return f && f !== light ? f : false;
	}`, light)
	want := map[string]string{"light": "rgb(27, 31, 36)", "dark": "rgb(232, 236, 241)"} // site.css --text
	if light != want["light"] || dark != want["dark"] {
		t.Errorf("title fill: light %q, dark %q; want %q and %q", light, dark, want["light"], want["dark"])
	}
	// Back to the system's (light) scheme.
	eval[bool](tb, `(document.documentElement.setAttribute("data-theme", "auto"), true)`)
	poll[bool](tb, "the title to turn back", 10*time.Second, `function (light) { return (`+titleFill+`)() === light; }`, light)
}
