//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
	"github.com/roikit/roikit/internal/site"
)

// The backlog page's ranked table: why an idea cannot be tested, the
// budget's portfolio and its totals, cell errors in the form's units, and
// the scenario as a file.

// jsNotes reads the ranked table's notes: each [data-note]'s text and
// whether it shows, each row's portfolio highlight, and the totals block.
const jsNotes = `function (sel) {
  const s = document.querySelector(sel);
  const notes = {}, chosen = {};
  for (const el of s.querySelectorAll("[data-note]")) {
    const shows = !el.closest("[hidden]") && el.getClientRects().length > 0;
    notes[el.dataset.note] = shows ? el.textContent.trim() : "";
  }
  for (const tr of s.querySelectorAll("[data-note-row]")) if (!tr.hidden) chosen[tr.dataset.noteRow] = tr.classList.contains("is-chosen");
  const block = s.querySelector('[data-role="portfolio"]');
  return {notes, chosen, totals: !!block && !block.hidden && block.getClientRects().length > 0};
}`

type notesView struct {
	Notes  map[string]string `json:"notes"`
	Chosen map[string]bool   `json:"chosen"`
	Totals bool              `json:"totals"`
}

// wantNotes are the notes the build writes (present.Notes, en-US) for the
// page's current request, run by the core.
func wantNotes(t *testing.T, tb *tab) (map[string]string, *calc.PrioritizeResponse) {
	t.Helper()
	b, _ := json.Marshal(tb.pageRequest())
	res := calc.Run("prioritize", b, calc.Hooks{})
	if res.Status != calc.StatusOK {
		t.Fatalf("the core: %s", res.JSON())
	}
	return present.Notes(res, site.FormatNumber), res.Response.(*calc.PrioritizeResponse)
}

func checkNotes(t *testing.T, tb *tab, where string) (notesView, *calc.PrioritizeResponse) {
	t.Helper()
	want, resp := wantNotes(t, tb)
	got := call[notesView](tb, jsNotes, primary)
	for path, w := range want {
		if got.Notes[path] != w {
			t.Errorf("%s: %s says %q, want %q", where, path, got.Notes[path], w)
		}
	}
	for i := range resp.Ideas {
		row := fmt.Sprintf("ideas.%d", i)
		if got.Chosen[row] != (want[row+".portfolio"] != "") {
			t.Errorf("%s: row %s highlighted %v, its note %q", where, row, got.Chosen[row], want[row+".portfolio"])
		}
	}
	if got.Totals != (resp.Portfolio != nil) {
		t.Errorf("%s: portfolio totals shown %v with portfolio %v", where, got.Totals, resp.Portfolio != nil)
	}
	return got, resp
}

// TestPrioritizeUntestableAndPortfolio: the ranked table says why each
// idea cannot be tested, as the build does (the pre-rendered page too);
// with a budget the portfolio's ideas are marked "In portfolio" and its
// totals shown, as the core computes them; without one, neither.
func TestPrioritizeUntestableAndPortfolio(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	// The pre-rendered page (no script) already gives the reasons.
	html := eval[string](tb, `fetch(location.href).then(r => r.text())`)
	if !strings.Contains(html, "No: needs 440 days at 60% of traffic") || !strings.Contains(html, `data-note="ideas.0.testable">Yes<`) {
		t.Errorf("the pre-rendered table does not give the example's reasons")
	}
	runs := tb.waitLive()
	got, _ := checkNotes(t, tb, "start")
	if !strings.Contains(got.Notes["ideas.2.testable"], "days at 30% of traffic") {
		t.Errorf("Email's reason: %q", got.Notes["ideas.2.testable"])
	}

	tb.setCell("ideas[2].expected_lift", "0") // Email: no lift
	runs = tb.waitState(primary, "live", runs)
	got, _ = checkNotes(t, tb, "Email without lift")
	if !slicesContain(got.Notes, "No: no positive lift to test") {
		t.Errorf("no idea says it has no lift to test: %v", got.Notes)
	}

	budget := "80000"
	tb.setInputs(primary, map[string]*string{"budget": &budget})
	runs = tb.waitState(primary, "live", runs)
	got, resp := checkNotes(t, tb, "budget 80,000")
	if resp.Portfolio == nil || len(resp.Portfolio.Names) == 0 {
		t.Fatal("the core buys nothing with the budget: the case tests nothing")
	}
	marked := 0
	for path, text := range got.Notes {
		if strings.HasSuffix(path, ".portfolio") && text == "In portfolio" {
			marked++
		}
	}
	if marked != len(resp.Portfolio.Names) {
		t.Errorf("%d rows say In portfolio, the portfolio holds %v", marked, resp.Portfolio.Names)
	}
	checkAgainstCore(t, tb, "budget 80,000", map[string]any{"budget": 80000.0}) // the totals' values are the core's

	tb.setInputs(primary, map[string]*string{"budget": nil})
	tb.waitState(primary, "live", runs)
	got, _ = checkNotes(t, tb, "no budget")
	if slicesContain(got.Notes, "In portfolio") {
		t.Error("without a budget an idea is still marked In portfolio")
	}
	tb.checkNoBadWords("prioritize")
}

func slicesContain(m map[string]string, text string) bool {
	for _, v := range m {
		if v == text {
			return true
		}
	}
	return false
}

// TestPrioritizeCellErrorInPercent: a lift of 2000 % typed in a cell is
// out of range, and the cell says so in percent, as the form's other
// fields do, not in the core's fractions.
func TestPrioritizeCellErrorInPercent(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	tb.setCell("ideas[1].expected_lift", "2000")
	tb.waitState(primary, "invalid", runs)
	msg := eval[string](tb, `(() => { const m = document.querySelector('[data-cell-wrap="ideas[1].expected_lift"] .error-message'); return m.hidden ? "" : m.textContent.trim(); })()`)
	if !strings.Contains(msg, "idea 2") || !strings.Contains(msg, "1000 %") || strings.Contains(msg, "fraction") || strings.Contains(msg, "0.05") || strings.Contains(msg, "{n}") {
		t.Errorf("the cell says %q", msg)
	}
	if inv := eval[string](tb, `document.querySelector('[data-cell-wrap="ideas[1].expected_lift"] [data-cell]').getAttribute("aria-invalid") || ""`); inv != "true" {
		t.Errorf("the cell is not marked invalid")
	}
}

// jsCaptureDownload keeps the Blob of the next download link the page makes.
const jsCaptureDownload = `(() => {
  window.__roikitBlobs = [];
  if (!window.__roikitOrigURL) window.__roikitOrigURL = URL.createObjectURL;
  URL.createObjectURL = (b) => { window.__roikitBlobs.push(b); return window.__roikitOrigURL.call(URL, b); };
  HTMLAnchorElement.prototype.click = function () { window.__roikitDownload = this.download; };
  return true;
})()`

// TestPrioritizeScenarioFile: Save to file writes the page's request (the
// shared fields and every idea) as a .roikit.json; opened again on a fresh
// page it gives the same request and the same ranking; a file of another
// page is refused with a sentence in the table's status line.
func TestPrioritizeScenarioFile(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	budget := "80000"
	tb.setInputs(primary, map[string]*string{"budget": &budget})
	runs = tb.waitState(primary, "live", runs)
	tb.setCell("ideas[2].expected_lift", "9")
	tb.waitState(primary, "live", runs)
	want := tb.pageRequest()
	ranking := ideaNames(tb.fields(primary))

	eval[bool](tb, jsCaptureDownload)
	tb.do("save", chromedp.Click(chromedp.CSS(primary+` [data-array-action="save"]`)))
	name := eval[string](tb, `window.__roikitDownload || ""`)
	text := eval[string](tb, `window.__roikitBlobs.length ? window.__roikitBlobs[window.__roikitBlobs.length - 1].text() : ""`)
	if !strings.HasSuffix(name, ".roikit.json") {
		t.Errorf("saved as %q", name)
	}
	var doc struct {
		Roikit int            `json:"roikit"`
		Kind   string         `json:"kind"`
		Data   map[string]any `json:"data"`
	}
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("the saved file: %v: %.300s", err, text)
	}
	if doc.Roikit != 1 || doc.Kind != "prioritize" || !reflect.DeepEqual(doc.Data, want) {
		t.Errorf("the file holds %d %q %v, want the request %v", doc.Roikit, doc.Kind, doc.Data, want)
	}

	// A fresh page (the example), then the file.
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.navigate(prioritizePath)
	runs = tb.waitLive()
	tb.do("open", chromedp.SetUploadFiles(chromedp.CSS(primary+` input[data-array-action="open"]`), []string{path}))
	tb.waitState(primary, "live", runs)
	if got := tb.pageRequest(); !reflect.DeepEqual(got, want) {
		t.Errorf("opened, the request is %v, want %v", got, want)
	}
	if got := ideaNames(tb.fields(primary)); !reflect.DeepEqual(got, ranking) {
		t.Errorf("opened, the ranking is %v, want %v", got, ranking)
	}
	checkAgainstCore(t, tb, "opened from the file", want)
	status := primary + ` [data-role="array-status"]`
	if s := eval[string](tb, `document.querySelector(`+string(jsonString(status))+`).textContent`); !strings.Contains(s, "Opened") {
		t.Errorf("the status line says %q", s)
	}

	// Another page's file: a sentence, the table unchanged.
	other := filepath.Join(t.TempDir(), "roi.roikit.json")
	os.WriteFile(other, []byte(`{"roikit": 1, "kind": "roi", "data": {"monthly_visitors": 1}}`), 0o644)
	tb.do("open another", chromedp.SetUploadFiles(chromedp.CSS(primary+` input[data-array-action="open"]`), []string{other}))
	msg := poll[string](tb, "the status line's sentence", 5*time.Second, `function (sel) {
	  const t = document.querySelector(sel).textContent; return t.includes("could not be opened") ? t : false; }`, status)
	if !strings.Contains(msg, "roi.roikit.json could not be opened") || !strings.Contains(msg, "prioritize") {
		t.Errorf("the status line says %q", msg)
	}
	if got := tb.pageRequest(); !reflect.DeepEqual(got, want) {
		t.Errorf("after a refused file, the request is %v", got)
	}
}

// TestPrioritizeLongLink: twenty ideas with long names make a URL over
// 2,000 characters; Copy link copies it and says it is long, pointing to
// Save to file.
func TestPrioritizeLongLink(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	var rows strings.Builder
	rows.WriteString("name\texpected_lift\tlift_low\tlift_high\tone_time_cost\tmonthly_cost\r\n")
	for i := 0; i < 20; i++ {
		name := fmt.Sprintf("Idea %02d %s", i+1, strings.Repeat("with a long descriptive name ", 3))[:80]
		fmt.Fprintf(&rows, "%s\t%d.5\t1.25\t%d.75\t%d\t%d\r\n", name, 2+i%5, 8+i%5, 10000+1000*i, 1500+10*i)
	}
	call[int](tb, jsPaste, "ideas[0].name", rows.String())
	tb.waitState(primary, "live", runs)
	allowClipboard(t, tb)
	tb.do("copy link", chromedp.Click(chromedp.CSS(primary+` [data-action="copy-link"]`)))
	msg := poll[string](tb, "Copy link's message", 5*time.Second, `function (sel) {
	  const t = document.querySelector(sel).textContent.trim(); return t ? t : false; }`, primary+` [data-role="copy-status"]`)
	n := len(eval[string](tb, "location.href"))
	if n <= 2000 {
		t.Fatalf("the link is %d characters: the case tests nothing", n)
	}
	if !strings.Contains(msg, "characters long") || !strings.Contains(msg, "Save to file") {
		t.Errorf("for a %d-character link Copy link says %q", n, msg)
	}
}
