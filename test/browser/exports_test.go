//go:build browser

package browser_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// roiCashFlows runs the core on the ROI page's own request and returns its cash_flows.
func roiCashFlows(t *testing.T, tb *tab) []calc.ROICashFlow {
	t.Helper()
	req, err := json.Marshal(tb.pageRequest())
	if err != nil {
		t.Fatal(err)
	}
	out, status := calc.RunJSON("roi", req)
	if status != 0 {
		t.Fatalf("the core refused the page's request %s: %s", req, out)
	}
	var resp calc.ROIResponse
	if err := json.Unmarshal(out, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.CashFlows) == 0 {
		t.Fatal("the core's answer has no cash flows")
	}
	return resp.CashFlows
}

// checkCashFlowsCSV compares a CSV of cash flows (sep its separator, dec
// its decimal sign) with the core's, column by column; rel is the relative
// tolerance (0: the same doubles).
func checkCashFlowsCSV(t *testing.T, where string, b []byte, sep rune, dec string, rel float64, want []calc.ROICashFlow) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	r.Comma = sep
	rows, err := r.ReadAll()
	if err != nil || len(rows) != len(want)+1 {
		t.Fatalf("%s: %d rows (%v), the core has %d months:\n%s", where, len(rows)-1, err, len(want), b)
	}
	head := strings.Join(rows[0], ",")
	if head != "month,benefit,cost,net,discounted_net,cumulative_discounted_net" {
		t.Fatalf("%s: columns %q", where, head)
	}
	for i, cf := range want {
		core := []float64{float64(cf.Month), cf.Benefit, cf.Cost, cf.Net, cf.DiscountedNet, cf.CumulativeDiscountedNet}
		for j, w := range core {
			got, err := strconv.ParseFloat(strings.Replace(rows[i+1][j], dec, ".", 1), 64)
			if err != nil || math.Abs(got-w) > rel*math.Abs(w) {
				t.Fatalf("%s: month %d, %s = %q, the core's %v", where, cf.Month, rows[0][j], rows[i+1][j], w)
			}
		}
	}
}

// TestExports: the cash-flow chart downloads as a PNG of twice its CSS
// size and as SVG; the ROI cash flows download as CSV equal to the core's
// cash_flows (machine-readable: the same doubles; in de-DE: ";" and ","),
// and Copy as table puts an HTML table and tab-separated text on the
// clipboard. It is long: the four exports share one page (one load of the
// module and the charts).
func TestExports(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("roi") + "?locale=de-DE")
	tb.waitLive()
	waitCharts(tb, primary, 0)
	fig := primary + ` figure[data-chart="cash-flow"]`
	names := eval[[]string](tb, `Array.from(document.querySelectorAll('`+fig+` [data-role=chart-exports] button')).map(b => b.getAttribute("aria-label"))`)
	if strings.Join(names, "|") != "Download chart as PNG|Download chart as SVG|Download chart data as CSV|Copy as table: chart data" {
		t.Errorf("the chart's export buttons are named %q", names)
	}

	t.Run("png", func(t *testing.T) {
		size := eval[[]float64](tb, `(() => { const c = document.querySelector('`+fig+` .chart-canvas'); const r = c.getBoundingClientRect(); return [r.width, r.height]; })()`)
		b := download(t, tb, fig+` [data-export="png"]`, "roi-cash-flow.png")
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("the PNG download does not decode: %v", err)
		}
		w, h := img.Bounds().Dx(), img.Bounds().Dy()
		if w != int(math.Round(size[0]*2)) || h != int(math.Round(size[1]*2)) {
			t.Errorf("the PNG is %dx%d px; the chart is %.1fx%.1f CSS px (want twice that)", w, h, size[0], size[1])
		}
		// Not blank: the chart's line and text differ from the background.
		bg := img.At(0, 0)
		differ := 0
		for y := 0; y < h; y += 4 {
			for x := 0; x < w; x += 4 {
				if img.At(x, y) != bg {
					differ++
				}
			}
		}
		if differ < 100 {
			t.Errorf("the PNG is (nearly) blank: %d sampled pixels differ from the background", differ)
		}
	})

	t.Run("svg", func(t *testing.T) {
		b := string(download(t, tb, fig+` [data-export="svg"]`, "roi-cash-flow.svg"))
		if !strings.HasPrefix(b, "<svg") || !strings.Contains(b, `xmlns="http://www.w3.org/2000/svg"`) || !strings.Contains(b, "<path") {
			t.Errorf("the SVG download is not a standalone SVG drawing: %s", short(b))
		}
	})

	want := roiCashFlows(t, tb)
	panel := primary + ` details[data-role="exports"]`
	item := panel + ` li[data-export-table="cash_flows"]`
	tb.do("open the export panel", chromedp.Click(chromedp.CSS(panel+" > summary")))

	t.Run("csv-locale", func(t *testing.T) {
		b := download(t, tb, item+` [data-export="csv"]`, "roi-cash-flows.csv")
		if !bytes.HasPrefix(b, []byte("\ufeffmonth;benefit;")) {
			t.Errorf("the de-DE CSV does not start with a byte-order mark and ';'-separated columns: %q", short(string(b)))
		}
		checkCashFlowsCSV(t, "de-DE CSV", b, ';', ",", 1e-9, want)
	})

	t.Run("csv-plain", func(t *testing.T) {
		tb.do("pick machine-readable numbers", chromedp.Click(chromedp.CSS(panel+` input[data-export-mode="plain"]`)))
		b := download(t, tb, item+` [data-export="csv"]`, "roi-cash-flows.csv")
		checkCashFlowsCSV(t, "machine-readable CSV", b, ',', ".", 0, want)
	})

	t.Run("copy-as-table", func(t *testing.T) {
		allowClipboard(t, tb)
		tb.do("copy the cash flows", chromedp.Click(chromedp.CSS(item+` [data-export="copy"]`)))
		poll[bool](tb, "the copy's confirmation", 5e9, `function (sel) { return /Copied/.test(document.querySelector(sel).textContent); }`, panel+` [role="status"]`)
		var got struct{ HTML, Text string }
		if err := json.Unmarshal([]byte(eval[string](tb, `(async () => {
		  const [item] = await navigator.clipboard.read();
		  const text = async (type) => item.types.includes(type) ? (await item.getType(type)).text() : "";
		  return JSON.stringify({HTML: await text("text/html"), Text: await text("text/plain")});
		})()`)), &got); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got.HTML, "<table") || strings.Count(got.HTML, "<tr>") != len(want)+1 {
			t.Errorf("the clipboard's text/html is not a table of %d rows: %s", len(want)+1, short(got.HTML))
		}
		lines := strings.Split(strings.TrimRight(got.Text, "\r\n"), "\r\n")
		if len(lines) != len(want)+1 || strings.Count(lines[0], "\t") != 5 {
			t.Fatalf("the clipboard's text/plain is not %d tab-separated lines of 6 cells: %q", len(want)+1, short(got.Text))
		}
		// Machine-readable numbers were picked: the last month's cumulative net as the core writes it.
		last := strings.Split(lines[len(lines)-1], "\t")
		if v, err := strconv.ParseFloat(last[5], 64); err != nil || v != want[len(want)-1].CumulativeDiscountedNet {
			t.Errorf("the copied last cumulative net is %q, the core's %v", last[5], want[len(want)-1].CumulativeDiscountedNet)
		}
	})
}
