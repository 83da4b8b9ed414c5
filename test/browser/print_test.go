//go:build browser

package browser_test

import (
	"bytes"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// popplerHint is what to run when pdftotext or pdftoppm is missing.
const popplerHint = "run `make deps`, or:  sudo apt-get update && sudo apt-get install -y poppler-utils"

// poppler returns the path of a poppler-utils command, failing the test
// (never skipping it) when it is missing.
func poppler(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s (poppler-utils) is missing: %s", name, popplerHint)
	}
	return p
}

// printPDF prints the tab's page as Chromium's "Save as PDF" does (Letter,
// default margins, no header or footer, no background graphics), writes it
// to dir/name.pdf and returns its path.
func (tb *tab) printPDF(dir, name string) string {
	tb.t.Helper()
	res, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{})
	if err != nil {
		tb.t.Fatalf("printing %s to PDF: %v", name, err)
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, res.Data, 0o644); err != nil {
		tb.t.Fatal(err)
	}
	return path
}

// pdfPages is the text of each page of a PDF (pdftotext -layout).
func pdfPages(t testing.TB, path string) []string {
	t.Helper()
	out, err := exec.Command(poppler(t, "pdftotext"), "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	pages := strings.Split(string(out), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1] // pdftotext ends every page with a form feed
	}
	return pages
}

// pageLightness is the mean grey level (0 black, 255 white) of a PDF page
// rendered at 20 dpi by pdftoppm.
func pageLightness(t testing.TB, path string, pageNo int) float64 {
	t.Helper()
	n := strconv.Itoa(pageNo)
	out, err := exec.Command(poppler(t, "pdftoppm"), "-gray", "-r", "20", "-f", n, "-l", n, path).Output()
	if err != nil {
		t.Fatalf("pdftoppm %s: %v", path, err)
	}
	// A binary PGM: "P5", width, height, maxval, one whitespace, the pixels.
	m := regexp.MustCompile(`^P5\s+(\d+)\s+(\d+)\s+(\d+)\s`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdftoppm %s: not a PGM", path)
	}
	w, _ := strconv.Atoi(string(m[1]))
	h, _ := strconv.Atoi(string(m[2]))
	px := out[len(m[0]):]
	if len(px) < w*h || w*h == 0 {
		t.Fatalf("pdftoppm %s: %d pixels for %dx%d", path, len(px), w, h)
	}
	sum := 0
	for _, b := range px[:w*h] {
		sum += int(b)
	}
	return float64(sum) / float64(w*h)
}

// squash collapses white space (no-break spaces included) to single spaces.
func squash(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}

// printReport is what a widget's printed report must hold, read from its
// page before printing.
type printReport struct {
	Headline string   `json:"headline"`
	Labels   []string `json:"labels"`   // the labels of the fields shown, "More options" included
	Advanced []string `json:"advanced"` // those of the "More options"
	Charts   []struct {
		Caption string   `json:"caption"`
		Texts   []string `json:"texts"` // the longest texts drawn in the chart
		Paths   int      `json:"paths"`
	} `json:"charts"`
	URL  string `json:"url"`
	Href string `json:"href"`
}

const jsPrintReport = `function (sel) {
  const s = document.querySelector(sel);
  const text = el => el ? el.textContent.replace(/\s+/g, " ").trim() : "";
  const own = el => { let t = ""; for (const n of el.childNodes) { if (n.nodeType === 3) t += n.nodeValue;
    else if (n.nodeType === 1 && !n.matches(".unit, .visually-hidden")) t += own(n); } return t; };
  const label = w => own(w.querySelector("label")).replace(/\s+/g, " ").trim();
  const shown = Array.from(s.querySelectorAll("form [data-field-wrap]"))
    .filter(w => !w.closest("[hidden]") && w.querySelector("label") && !w.querySelector("textarea, input[type=file]"));
  const h = s.querySelector(".results .headline:not([hidden])");
  return {
    headline: h ? h.innerText.replace(/\s+/g, " ").trim() : "",
    labels: shown.map(label),
    advanced: shown.filter(w => w.closest("details.advanced")).map(label),
    charts: Array.from(s.querySelectorAll("figure.chart:not([hidden])")).map(f => ({
      caption: text(f.querySelector("figcaption")),
      texts: Array.from(f.querySelectorAll("svg text")).map(text).filter(t => t.length > 3)
        .sort((a, b) => b.length - a.length).slice(0, 2),
      paths: f.querySelectorAll("svg path").length,
    })),
    url: text(s.querySelector('[data-role="print-url"] a')),
    href: location.href,
  };
}`

// jsChartsStill is true once every chart shown is drawn and has not changed
// for 600 ms (ECharts animates a new chart for about a second).
const jsChartsStill = `function (sel) {
  const figs = Array.from(document.querySelector(sel).querySelectorAll("figure.chart:not([hidden])"));
  if (!figs.every(f => f.querySelector(".chart-canvas svg path"))) return false;
  const key = figs.map(f => f.querySelector(".chart-canvas svg").innerHTML.length).join(",");
  const st = window.__roikitCharts = window.__roikitCharts || {};
  const now = performance.now();
  if (st.key !== key) { st.key = key; st.since = now; return false; }
  return now - st.since >= 600;
}`

// TestPrint prints every calculator page and embed page to PDF as a reader
// would, without scrolling: the PDF is a report (no empty page; the headline
// first; every chart drawn; the inputs, "More options" included, as
// assumptions with the values typed; the scenario's URL at the end; no
// navigation, form or button), and a page in the dark theme prints dark on
// white.
func TestPrint(t *testing.T) {
	poppler(t, "pdftotext")
	poppler(t, "pdftoppm")
	dir := t.TempDir()
	// An input typed before printing, and how its assumption must read.
	typed := map[string]struct{ field, text, want string }{
		"samplesize":   {"alpha", "10", "10 %"},
		"significance": {"treatment_visitors", "12000", "12000"},
		"roi":          {"monthly_cost", "2500", "2500"},
		"clv":          {"discount_rate", "8", "8 %"},
	}
	for _, c := range pagedCalculators(t) {
		for _, kind := range []string{"calculator", "embed"} {
			t.Run(c.Name+"/"+kind, func(t *testing.T) {
				tb := newTab(t)
				path := calcPath(c.Name)
				if kind == "embed" {
					path = "/embed/" + c.Name + "/?theme=dark"
				}
				tb.navigate(path)
				settle(tb)
				in, hasTyped := typed[c.Name]
				switch {
				case c.Name == "clvfit" && kind == "calculator":
					runs := tb.widget(primary).Runs
					tb.do("fit the CDNOW sample", chromedp.Click(chromedp.CSS(primary+` [data-action="sample"]`)))
					tb.waitState(primary, "live", runs)
				case hasTyped:
					runs := tb.widget(primary).Runs
					tb.setInputs(primary, map[string]*string{in.field: &in.text})
					tb.waitState(primary, "live", runs)
				}
				// No scrolling: the charts below the fold are drawn all the same.
				poll[bool](tb, "every chart drawn and still", 30*time.Second, jsChartsStill, primary)
				rep := call[printReport](tb, jsPrintReport, primary)
				// What the charts look like as the page prints (after the page's own beforeprint work).
				eval[bool](tb, `(window.__roikitBeforePrint = 0, addEventListener("beforeprint", () => {
				  window.__roikitBeforePrint++;
				  window.__roikitPrintFills = Array.from(document.querySelectorAll("figure.chart:not([hidden]) svg text")).map(t => t.getAttribute("fill") || "");
				}), true)`)
				pdf := tb.printPDF(dir, c.Name+"-"+kind)
				savePDFPages(t, pdf)
				if eval[int](tb, `window.__roikitBeforePrint`) == 0 {
					t.Errorf("printing to PDF fired no beforeprint event")
				}
				checkPrinted(t, pdf, rep)
				checkPrintedChartText(t, eval[[]string](tb, `window.__roikitPrintFills || []`))
				if hasTyped && kind == "calculator" {
					checkAssumption(t, pdfPages(t, pdf), in.field, rep, c, in.want)
				}
				if kind == "embed" {
					want := siteURL(calcPath(c.Name))
					u, err := url.Parse(rep.URL)
					if err != nil || u.Scheme+"://"+u.Host+u.Path != want {
						t.Errorf("the embed's scenario URL is %q, want the calculator page %s with the inputs", rep.URL, want)
					} else if q := u.Query(); hasTyped && (len(q) != 1 || !q.Has(in.field)) || !hasTyped && len(q) != 0 {
						t.Errorf("the embed's scenario URL %q: want only the input typed in its query (%s), not the embed's theme nor the page's starting values", rep.URL, in.field)
					}
					if th := eval[string](tb, `document.documentElement.getAttribute("data-theme")`); th != "dark" {
						t.Errorf("after printing, the embed's theme is %q, want dark again", th)
					}
					if l := pageLightness(t, pdf, 1); l < 200 {
						t.Errorf("the dark-theme embed prints dark: page 1's mean grey level is %.0f of 255", l)
					}
				}
			})
		}
	}
}

// checkPrinted checks a printed report against what its page showed.
func checkPrinted(t *testing.T, pdf string, rep printReport) {
	t.Helper()
	pages := pdfPages(t, pdf)
	if len(pages) == 0 {
		t.Fatalf("%s has no page", pdf)
	}
	for i, p := range pages {
		if strings.TrimSpace(p) == "" {
			t.Errorf("page %d of %d is empty", i+1, len(pages))
		}
	}
	all := squash(strings.Join(pages, " "))
	t.Logf("%d pages, %d characters", len(pages), len(all))
	if rep.Headline == "" {
		t.Fatalf("the page shows no headline")
	}
	headline := strings.Index(all, squash(rep.Headline))
	if headline < 0 || !strings.Contains(squash(pages[0]), squash(rep.Headline)) {
		t.Errorf("the headline %q is not on the first page:\n%s", rep.Headline, pages[0])
	}
	assumptions := strings.Index(all, "Assumptions Input Value")
	if assumptions < 0 || assumptions < headline {
		t.Errorf("no assumptions after the headline (headline at %d, assumptions at %d)", headline, assumptions)
	}
	if len(rep.Advanced) == 0 && !strings.Contains(rep.Href, "clvfit") {
		t.Errorf("the form shows no field under More options: nothing to check")
	}
	for _, l := range rep.Labels {
		if i := strings.LastIndex(all, squash(l)); i < assumptions {
			t.Errorf("the assumption %q is not in the printed assumptions", l)
		}
	}
	for _, c := range rep.Charts {
		if c.Paths == 0 || len(c.Texts) == 0 {
			t.Errorf("the chart %q is not drawn (%d paths, texts %q)", c.Caption, c.Paths, c.Texts)
			continue
		}
		for _, s := range c.Texts {
			if !strings.Contains(all, squash(s)) {
				t.Errorf("the chart %q is not printed: its text %q is not in the PDF", c.Caption, s)
			}
		}
	}
	// The URL may break across lines: compare without spaces.
	flat := strings.Join(strings.Fields(all), "")
	if rep.URL == "" || !strings.Contains(flat, "Thisscenario:"+rep.URL) {
		t.Errorf("the scenario's URL %q is not printed", rep.URL)
	} else if strings.LastIndex(flat, rep.URL) < strings.Index(flat, "Assumptions") {
		t.Errorf("the scenario's URL is not at the end")
	}
	for _, hidden := range []string{"Copy link", "More options", "Embed this calculator", "Skip to content", "All results"} {
		if strings.Contains(all, hidden) {
			t.Errorf("%q is printed: controls and navigation must not be", hidden)
		}
	}
}

// checkPrintedChartText: most of the charts' text is dark as the page prints
// (white on paper would vanish; a few labels on a coloured pin may be light).
func checkPrintedChartText(t *testing.T, fills []string) {
	t.Helper()
	light := 0
	for _, f := range fills {
		if l, ok := lightness(f); ok && l > 0.6 {
			light++
		}
	}
	if len(fills) > 0 && float64(light) > 0.2*float64(len(fills)) {
		t.Errorf("%d of the %d texts of the charts are light as the page prints: %q", light, len(fills), fills)
	}
}

// lightness is a CSS colour's mean channel (0 black, 1 white), for
// "rgb(r, g, b)", "rgba(...)" and "#rgb"/"#rrggbb".
func lightness(c string) (float64, bool) {
	c = strings.TrimSpace(strings.ToLower(c))
	if m := regexp.MustCompile(`^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)`).FindStringSubmatch(c); m != nil {
		sum := 0.0
		for _, v := range m[1:] {
			f, _ := strconv.ParseFloat(v, 64)
			sum += f
		}
		return sum / 765, true
	}
	if strings.HasPrefix(c, "#") {
		h := c[1:]
		if len(h) == 3 {
			h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
		}
		if len(h) == 6 {
			sum := 0.0
			for i := 0; i < 6; i += 2 {
				v, err := strconv.ParseUint(h[i:i+2], 16, 8)
				if err != nil {
					return 0, false
				}
				sum += float64(v)
			}
			return sum / 765, true
		}
	}
	return 0, false
}

// checkAssumption checks that the printed assumption of a field the test
// typed into reads want, on its label's line.
func checkAssumption(t *testing.T, pages []string, field string, rep printReport, c *calc.Calculator, want string) {
	t.Helper()
	f := c.Field(field)
	if f == nil {
		t.Fatalf("%s has no field %s", c.Name, field)
	}
	// The lines after the "Assumptions" caption; the value may hold a no-break space.
	nospace := func(s string) string { return strings.Join(strings.Fields(squash(s)), "") }
	in := false
	for _, p := range pages {
		for _, line := range strings.Split(p, "\n") {
			l := squash(line)
			in = in || l == "Assumptions"
			if in && strings.HasPrefix(l, f.Label+" ") {
				if !strings.Contains(nospace(strings.TrimPrefix(l, f.Label)), nospace(want)) {
					t.Errorf("the printed assumption %q reads %q, want %q", f.Label, l, want)
				}
				return
			}
		}
	}
	t.Errorf("the assumption %q (%s) is not printed; the form's labels: %q", f.Label, field, rep.Labels)
}

// --- debugging help ------------------------------------------------------

// savePDFPages renders a PDF's pages as PNGs beside it (for a person to
// look at; set ROIKIT_PRINTS=DIR to keep them).
func savePDFPages(t testing.TB, pdf string) {
	dir := os.Getenv("ROIKIT_PRINTS")
	if dir == "" {
		return
	}
	os.MkdirAll(dir, 0o755)
	base := filepath.Join(dir, strings.TrimSuffix(filepath.Base(pdf), ".pdf"))
	data, _ := os.ReadFile(pdf)
	os.WriteFile(base+".pdf", data, 0o644)
	var stderr bytes.Buffer
	cmd := exec.Command(poppler(t, "pdftoppm"), "-png", "-r", "50", pdf, base)
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Errorf("pdftoppm: %v %s", err, stderr.String())
	}
	t.Log(fmt.Sprintf("pages of %s in %s-*.png", filepath.Base(pdf), base))
}
