//go:build browser

package browser_test

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// Files as people export them, through the clvfit page (issue 11): a German
// Excel CSV, the sample and then a file of one's own, a file with a few bad
// rows, dates that read both ways, and the customer table on a phone.

// clvUpload writes text to a file named name and chooses it in the widget's
// file input.
func clvUpload(t *testing.T, tb *tab, name string, text []byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, text, 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do("choose "+name, chromedp.SetUploadFiles(chromedp.CSS(clvFile), []string{path}))
}

// clvDone waits for the widget's next answer after runs and returns
// data-runs; an answer in another state than want fails the test with what
// the page says.
func clvDone(t *testing.T, tb *tab, want string, runs int) int {
	t.Helper()
	got := poll[[2]any](tb, "the clvfit widget's answer", 60*time.Second, `function (sel, runs) {
	  const s = document.querySelector(sel);
	  if (s.dataset.state === "busy" || Number(s.dataset.runs || 0) <= runs) return false;
	  const es = s.querySelector('[data-role="error-summary"]');
	  return [s.dataset.state, Number(s.dataset.runs) + " | " + s.querySelector('[data-role="clvfit-state"]').textContent + (es && !es.hidden ? " | " + es.textContent : "")];
	}`, clvSel, runs)
	state, _ := got[0].(string)
	text, _ := got[1].(string)
	if state != want {
		t.Fatalf("the widget answered %s, want %s: %s", state, want, text)
	}
	return tb.waitState(clvSel, want, runs)
}

// germanAmount writes cents as a German Excel does: "1.020,00".
func germanAmount(cents int64) string {
	s := strconv.FormatInt(cents/100, 10)
	var b strings.Builder
	for i, ch := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(ch)
	}
	return fmt.Sprintf("%s,%02d", b.String(), cents%100)
}

// cdnowScaled returns the CDNOW sample with every amount times 40 (so many
// are above 1,000), as an ISO comma file and as a German Excel file
// (Kunde;Bestelldatum;Umsatz, DD.MM.YYYY, 1.020,00).
func cdnowScaled(t *testing.T, sample []byte) (iso, german []byte) {
	t.Helper()
	var a, b bytes.Buffer
	a.WriteString("customer_id,date,amount\n")
	b.WriteString("Kunde;Bestelldatum;Umsatz\r\n")
	big := 0
	for i, line := range strings.Split(strings.TrimSpace(string(sample)), "\n") {
		if i == 0 {
			continue
		}
		f := strings.Split(strings.TrimSpace(line), ",")
		v, err := strconv.ParseFloat(f[2], 64)
		if len(f) != 3 || err != nil || len(f[1]) != 10 {
			t.Fatalf("sample line %d: %q", i+1, line)
		}
		cents := int64(math.Round(v * 4000))
		if cents >= 100_000 {
			big++
		}
		fmt.Fprintf(&a, "%s,%s,%d.%02d\n", f[0], f[1], cents/100, cents%100)
		fmt.Fprintf(&b, "%s;%s.%s.%s;%s\r\n", f[0], f[1][8:10], f[1][5:7], f[1][0:4], germanAmount(cents))
	}
	if big < 100 {
		t.Fatalf("only %d amounts above 1,000: the German file would not test thousands separators", big)
	}
	return a.Bytes(), b.Bytes()
}

// shopFile is a 2024 shop's export (email, created_at, total_price): 400
// customers who buy again after exponential gaps and drop out after a
// purchase, each with a mean gap, dropout chance and mean spend of their
// own; seeded, so the same every run.
// dateOf writes a date (ISO unless the test needs another form).
func shopFile(dateOf func(time.Time) string, days func(*rand.Rand) int) []byte {
	rng := rand.New(rand.NewPCG(11, 2024))
	end := time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC)
	var b bytes.Buffer
	b.WriteString("email,created_at,total_price\n")
	for c := range 400 {
		d := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days(rng))
		// Each customer's own mean spend, dropout chance and mean gap: the
		// models need customers to differ.
		spend := 15 + 200*rng.Float64()*rng.Float64()
		drop := 0.05 + 0.6*rng.Float64()*rng.Float64()
		gap := 5 + 90*rng.Float64()
		for d.Before(end) {
			cents := int(spend * (0.6 + 0.8*rng.Float64()) * 100)
			fmt.Fprintf(&b, "buyer%03d@example.com,%s,%d.%02d\n", c, dateOf(d), cents/100, cents%100)
			if rng.Float64() < drop {
				break
			}
			d = d.AddDate(0, 0, 1+int(rng.ExpFloat64()*gap))
		}
	}
	return b.Bytes()
}

// shopTolerance: on the shop files a and b are weakly determined (their
// sum runs to about 140 with a/(a+b) held), so the native and the WASM
// optimizer stop a few millionths apart there; the other figures agree to
// clvTolerance.
const shopTolerance = 1e-4

func isoDate(d time.Time) string { return d.Format("2006-01-02") }

func firstHalf(rng *rand.Rand) int { return rng.IntN(180) }

// clvCore is the core's answer to the page's request with the file text and
// the columns given.
func clvCore(t *testing.T, tb *tab, text []byte, cols map[string]string) any {
	t.Helper()
	req := clvRequest(tb, text)
	for k, v := range cols {
		req[k] = jsonString(v)
	}
	resp, status := coreRun(t, "clvfit", req)
	if status != calc.StatusOK {
		t.Fatalf("the core rejects the file: %v", resp)
	}
	return resp
}

// TestCLVFitGermanFile: a ';' file with DD.MM.YYYY dates and 1.020,00
// amounts, chosen through the file input, is read with its columns guessed
// and gives the same figures as its ISO equivalent.
func TestCLVFitGermanFile(t *testing.T) {
	_, sample := fetch(t, samplePath)
	iso, german := cdnowScaled(t, sample)
	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	runs := tb.widget(clvSel).Runs
	clvUpload(t, tb, "bestellungen.csv", german)
	runs = clvDone(t, tb, "live", runs)
	mapped := call[map[string]string](tb, `function (sel) {
	  const out = {};
	  for (const s of document.querySelectorAll(sel + " select[data-map]")) out[s.dataset.map] = s.value;
	  return out;
	}`, clvSel)
	want := map[string]string{"id_column": "Kunde", "date_column": "Bestelldatum", "amount_column": "Umsatz"}
	for k, v := range want {
		if mapped[k] != v {
			t.Errorf("the mapping's %s is %q, want %q (guessed from the German names)", k, mapped[k], v)
		}
	}
	n := compareCLVFields(t, "German file vs its ISO equivalent", tb.fields(clvSel), clvCore(t, tb, iso, nil), clvTolerance)
	t.Logf("German file: %d values equal the core's fit of the ISO file (customers %s)", n, fieldText(tb.fields(clvSel), "customers"))
	tb.checkNoBadWords("German file")
}

// TestCLVFitResetsForANewFile: after "Use the CDNOW sample" (which sets the
// 1997 observation end and holdout dates), a 2024 file with other column
// names starts afresh: the dates are cleared, the columns are re-detected
// and the fit works; the sample's results are never shown for it.
func TestCLVFitResetsForANewFile(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	runs := tb.widget(clvSel).Runs
	tb.do("click the sample button", chromedp.Click(chromedp.CSS(clvSample)))
	runs = clvDone(t, tb, "live", runs)
	dates := func() [2]string {
		return eval[[2]string](tb, `["observation_end", "holdout_end"].map(n => document.querySelector('`+clvSel+` [data-input="'+n+'"]').value)`)
	}
	if got := dates(); got != [2]string{"1997-09-30", "1998-06-30"} {
		t.Fatalf("after the sample the dates are %v, want the FHL calibration and holdout ends", got)
	}
	sampleCustomers := fieldText(tb.fields(clvSel), "customers")

	// Watch what the widget shows while the new file is read and fitted:
	// the sample's customer count must never be on screen under it.
	call[bool](tb, `function (sel, old) {
	  const s = document.querySelector(sel);
	  window.__clvOld = false;
	  const look = () => {
	    const el = s.querySelector('[data-field="customers"]');
	    if (s.dataset.state === "busy" && el && !el.closest("[hidden]") && el.getAttribute("data-value") === old &&
	        !s.querySelector('[data-role="results"]').classList.contains("is-stale")) window.__clvOld = true;
	  };
	  new MutationObserver(look).observe(s, {subtree: true, attributes: true, childList: true, characterData: true});
	  return true;
	}`, clvSel, sampleCustomers)
	shop := shopFile(isoDate, firstHalf)
	clvUpload(t, tb, "shop-2024.csv", shop)
	runs = clvDone(t, tb, "live", runs)
	if got := dates(); got != [2]string{"", ""} {
		t.Errorf("after a new file the dates are %v, want both cleared (the sample's dates are not the file's)", got)
	}
	if eval[bool](tb, "window.__clvOld") {
		t.Errorf("the sample's results were shown, not marked stale, while the new file was fitted")
	}
	cols := map[string]string{"id_column": "email", "date_column": "created_at", "amount_column": "total_price"}
	n := compareCLVFields(t, "2024 file after the sample", tb.fields(clvSel), clvCore(t, tb, shop, cols), shopTolerance)
	if n == 0 {
		t.Errorf("no values compared after the new file")
	}
	rows := eval[int](tb, `document.querySelectorAll('`+clvSel+` [data-role="clvfit-rows"] tr').length`)
	if rows == 0 {
		t.Errorf("the customer table is empty after the new file")
	}
	if ids := eval[string](tb, `document.querySelector('`+clvSel+` [data-role="clvfit-rows"] th').textContent`); !strings.HasPrefix(ids, "buyer") {
		t.Errorf("the customer table shows %q, not the new file's customers", ids)
	}
}

// TestCLVFitSkippedRows: a file with a few unreadable rows is fitted
// without them, and the page lists them (line and reason) with the count.
func TestCLVFitSkippedRows(t *testing.T) {
	shop := shopFile(isoDate, firstHalf)
	lines := strings.Split(strings.TrimSpace(string(shop)), "\n")
	// Bad rows at file lines 11, 51 and 201 (the header is line 1).
	bad := map[int]string{11: "buyer900@example.com,2024-13-45,20.00", 51: "buyer901@example.com,2024-03-01,twenty", 201: "buyer902@example.com,,15.00"}
	var out []string
	for i, l := range lines {
		if b, ok := bad[len(out)+1]; ok && i > 0 {
			out = append(out, b)
		}
		out = append(out, l)
	}
	file := []byte(strings.Join(out, "\n") + "\n")
	total := len(out) - 1

	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	runs := tb.widget(clvSel).Runs
	clvUpload(t, tb, "shop-bad-rows.csv", file)
	clvDone(t, tb, "live", runs)
	type report struct {
		Visible bool       `json:"visible"`
		Text    string     `json:"text"`
		Rows    [][]string `json:"rows"`
	}
	r := call[report](tb, `function (sel) {
	  const b = document.querySelector(sel + ' [data-role="clvfit-skipped"]');
	  return {visible: !!b && !b.closest("[hidden]") && b.getClientRects().length > 0, text: b ? b.querySelector('[data-role="clvfit-skipped-text"]').textContent : "",
	    rows: b ? Array.from(b.querySelectorAll("tbody tr"), tr => Array.from(tr.children, c => c.textContent)) : []};
	}`, clvSel)
	if !r.Visible {
		t.Fatalf("no skipped-row report is shown for a file with 3 bad rows")
	}
	if want := fmt.Sprintf("3 of %s rows could not be read", groupInt(total)); !strings.Contains(r.Text, want) {
		t.Errorf("the report says %q, want %q", r.Text, want)
	}
	if len(r.Rows) != 3 {
		t.Fatalf("the report lists %d rows, want 3: %v", len(r.Rows), r.Rows)
	}
	for i, line := range []string{"11", "51", "201"} {
		if r.Rows[i][0] != line || strings.TrimSpace(r.Rows[i][1]) == "" {
			t.Errorf("report row %d is %v, want line %s with a reason", i+1, r.Rows[i], line)
		}
	}
	cols := map[string]string{"id_column": "email", "date_column": "created_at", "amount_column": "total_price"}
	compareCLVFields(t, "file with bad rows", tb.fields(clvSel), clvCore(t, tb, file, cols), shopTolerance)
}

// groupInt writes n with thousands separators as en-US does.
func groupInt(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TestCLVFitAsksTheDateFormat: dates that read both ways (DD/MM/YYYY with
// every day at most 12) are an error on the date format, shown with its
// select; choosing day first fits the file as its ISO equivalent.
func TestCLVFitAsksTheDateFormat(t *testing.T) {
	early := func(rng *rand.Rand) int { return rng.IntN(60) }
	dmy := func(d time.Time) string {
		if d.Day() > 12 { // keep every date ambiguous: move it to a day that reads both ways
			d = time.Date(d.Year(), d.Month(), 1+d.Day()%12, 0, 0, 0, 0, time.UTC)
		}
		return d.Format("02/01/2006")
	}
	file := shopFile(dmy, early)
	iso := shopFile(func(d time.Time) string { s := dmy(d); return s[6:10] + "-" + s[3:5] + "-" + s[0:2] }, early)

	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	runs := tb.widget(clvSel).Runs
	clvUpload(t, tb, "ambiguous.csv", file)
	runs = clvDone(t, tb, "invalid", runs)
	sel := clvSel + ` [data-field-wrap="date_format"]`
	st := call[map[string]any](tb, `function (sel) {
	  const w = document.querySelector(sel);
	  if (!w) return {exists: false};
	  const m = w.querySelector(".error-message");
	  return {exists: true, visible: !w.closest("[hidden]") && w.getClientRects().length > 0, error: w.classList.contains("field--error"),
	    message: m && !m.hidden ? m.textContent : "", focused: document.activeElement === w.querySelector("select")};
	}`, sel)
	if st["exists"] != true {
		t.Fatalf("the page has no date_format field (the core's field table adds it: issue 11)")
	}
	if st["visible"] != true || st["error"] != true || !strings.Contains(fmt.Sprint(st["message"]), "date") {
		t.Fatalf("the date format is not asked: %v", st)
	}
	eval[bool](tb, `(s => (s.value = "dmy", s.dispatchEvent(new Event("change", {bubbles: true})), true))(document.querySelector('`+sel+` select'))`)
	clvDone(t, tb, "live", runs)
	cols := map[string]string{"id_column": "email", "date_column": "created_at", "amount_column": "total_price"}
	want := clvCore(t, tb, iso, cols)
	if m, ok := want.(map[string]any); ok {
		delete(m, "date_format")
	}
	compareCLVFields(t, "ambiguous dates read day first", tb.fields(clvSel), want, shopTolerance)
}

// TestCLVFitTableNarrow: the customer table at 375 px keeps the page from
// scrolling sideways, scrolls inside its frame to the CLV column, and keeps
// the customer column in view; at 1280 px it spans the widget's width under
// the form and the figures. Axe finds nothing with the table shown.
func TestCLVFitTableNarrow(t *testing.T) {
	axe := axeSource(t)
	for _, width := range []int64{375, 1280} {
		t.Run(strconv.FormatInt(width, 10), func(t *testing.T) {
			tb := newTab(t)
			tb.do("viewport", chromedp.EmulateViewport(width, 900))
			tb.navigate(calcPath("clvfit"))
			tb.dark()
			runs := tb.widget(clvSel).Runs
			tb.do("click the sample button", chromedp.Click(chromedp.CSS(clvSample)))
			clvDone(t, tb, "live", runs)
			wrap := clvSel + ` [data-role="clvfit-table-wrap"]`
			tb.scrollTo(wrap, "center")
			type geometry struct {
				PageOverflow float64 `json:"pageOverflow"` // page width beyond the window
				WrapLeft     float64 `json:"wrapLeft"`
				WrapRight    float64 `json:"wrapRight"`
				Scrolls      bool    `json:"scrolls"`
				CLVLeft      float64 `json:"clvLeft"`
				CLVRight     float64 `json:"clvRight"`
				IDLeft       float64 `json:"idLeft"`
				IDRight      float64 `json:"idRight"`
				CalcWidth    float64 `json:"calcWidth"`
				WrapWidth    float64 `json:"wrapWidth"`
				ResultsWidth float64 `json:"resultsWidth"`
				ClvText      string  `json:"clvText"`
			}
			g := call[geometry](tb, `function (sel) {
			  const s = document.querySelector(sel), w = s.querySelector('[data-role="clvfit-table-wrap"]');
			  w.scrollLeft = w.scrollWidth;
			  const row = w.querySelector("tbody tr"), wr = w.getBoundingClientRect();
			  const id = row.children[0].getBoundingClientRect(), clv = row.children[row.children.length - 1].getBoundingClientRect();
			  return {pageOverflow: document.documentElement.scrollWidth - window.innerWidth, wrapLeft: wr.left, wrapRight: wr.right,
			    scrolls: w.scrollWidth > w.clientWidth, clvLeft: clv.left, clvRight: clv.right, idLeft: id.left, idRight: id.right,
			    calcWidth: s.getBoundingClientRect().width, wrapWidth: wr.width,
			    resultsWidth: s.querySelector('[data-role="results"]').getBoundingClientRect().width,
			    clvText: row.children[row.children.length - 1].textContent};
			}`, clvSel)
			t.Logf("%d px: %+v", width, g)
			if g.PageOverflow > 0.5 {
				t.Errorf("the page scrolls sideways by %.0f px", g.PageOverflow)
			}
			if g.CLVLeft < g.WrapLeft-0.5 || g.CLVRight > g.WrapRight+0.5 || g.ClvText == "" {
				t.Errorf("scrolled to its end, the CLV cell (%.0f-%.0f px, %q) is not inside the table's frame (%.0f-%.0f px)", g.CLVLeft, g.CLVRight, g.ClvText, g.WrapLeft, g.WrapRight)
			}
			if math.Abs(g.IDLeft-g.WrapLeft) > 2 || g.IDRight > g.CLVLeft+0.5 {
				t.Errorf("scrolled to its end, the customer column (%.0f-%.0f px) does not stay at the frame's left (%.0f px)", g.IDLeft, g.IDRight, g.WrapLeft)
			}
			if width == 375 && !g.Scrolls {
				t.Logf("at 375 px the table fits without scrolling")
			}
			if width == 1280 && g.WrapWidth < g.ResultsWidth+100 {
				t.Errorf("at 1280 px the table is %.0f px wide, the results column %.0f px: it should span the widget (%.0f px)", g.WrapWidth, g.ResultsWidth, g.CalcWidth)
			}
			eval[bool](tb, `(document.querySelector('`+wrap+`').scrollLeft = 0, true)`)
			clvScreenshot(t, tb, fmt.Sprintf("clvfit-table-dark-%d", width))
			runAxe(tb, axe, fmt.Sprintf("clvfit with the sample fitted, %d px, dark", width))
		})
	}
}

// clvScreenshot saves what the window shows at the widget's top and at the
// customer table as $ROIKIT_SCREENSHOTS/name-top.png and name-table.png,
// when that is set, for a person to look at.
func clvScreenshot(t *testing.T, tb *tab, name string) {
	dir := os.Getenv("ROIKIT_SCREENSHOTS")
	if dir == "" {
		return
	}
	for part, sel := range map[string]string{"top": clvSel, "table": clvSel + ` [data-role="clvfit-customers"]`} {
		tb.scrollTo(sel, "start")
		png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, name+"-"+part+".png"), png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot %s: %v", name, err)
		}
	}
}
