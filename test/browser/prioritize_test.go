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

	"github.com/chromedp/chromedp"
)

// The backlog page (/calculators/prioritize/): the ideas are an editable
// table (site/js/ideas.js) whose rows are the request's "ideas".

const prioritizePath = "/calculators/prioritize/"

// jsSetCell types text into the cell FIELD[N].ITEM and fires the events typing fires.
const jsSetCell = `function (path, text) {
  const td = document.querySelector('[data-cell-wrap="' + path + '"]');
  if (!td) return false;
  const el = td.querySelector("[data-cell]");
  el.value = text;
  el.dispatchEvent(new Event("input", {bubbles: true}));
  return true;
}`

func (tb *tab) setCell(path, text string) {
	tb.t.Helper()
	if !call[bool](tb, jsSetCell, path, text) {
		tb.t.Fatalf("no cell %s", path)
	}
}

// pageRequest is the primary widget's current request (what the engine gets).
func (tb *tab) pageRequest() map[string]any {
	tb.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(eval[string](tb, `JSON.stringify(window.roikitPage.widgets.find(w => w.primary).request())`)), &m); err != nil {
		tb.t.Fatal(err)
	}
	return m
}

// startRequest is the page's starting request (data-request), decoded.
func (tb *tab) startRequest() map[string]any {
	tb.t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(tb.widget(primary).Request), &m); err != nil {
		tb.t.Fatal(err)
	}
	return m
}

// checkAgainstCore compares the page's results with the core run on the
// page's request, and the request with want.
func checkAgainstCore(t *testing.T, tb *tab, where string, want map[string]any) {
	t.Helper()
	got := tb.pageRequest()
	for k, v := range want { // the page also sends the fields left at their defaults
		if !reflect.DeepEqual(got[k], v) {
			t.Errorf("%s: the page's request has %s = %v, want %v", where, k, got[k], v)
		}
	}
	raw := map[string]json.RawMessage{}
	for k, v := range got {
		b, _ := json.Marshal(v)
		raw[k] = b
	}
	resp, _ := coreRun(t, "prioritize", raw)
	if n := compareFields(t, where, tb.fields(primary), resp); n == 0 {
		t.Errorf("%s: no result compared", where)
	}
}

func ideaNames(fields []fieldValue) []string {
	var out []string
	for i := 0; i < 20; i++ {
		v := fieldText(fields, fmt.Sprintf("ideas.%d.name", i))
		if v == "absent" || v == "null" {
			break
		}
		out = append(out, v)
	}
	return out
}

// TestPrioritizeEditRanking: editing an idea's lift changes the ranking
// as the core ranks the same request; row buttons add, duplicate, move
// and remove ideas; the URL holds the ideas and gives them back.
func TestPrioritizeEditRanking(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	want := tb.startRequest()
	checkAgainstCore(t, tb, "start", want)
	before := ideaNames(tb.fields(primary))

	tb.setCell("ideas[2].expected_lift", "12") // percent: 0.12
	runs = tb.waitState(primary, "live", runs)
	ideas := want["ideas"].([]any)
	ideas[2].(map[string]any)["expected_lift"] = 0.12
	checkAgainstCore(t, tb, "Email's lift 12 %", want)
	after := ideaNames(tb.fields(primary))
	if reflect.DeepEqual(before, after) || len(after) != 3 {
		t.Errorf("the ranking did not change: %v, then %v", before, after)
	}

	// Duplicate the first row, move the copy to the top, rename it.
	tb.do("duplicate", chromedp.Click(chromedp.CSS(`tr[data-array-row]:nth-child(1) [data-row-action="duplicate"]`)))
	tb.do("move up", chromedp.Click(chromedp.CSS(`tr[data-array-row]:nth-child(2) [data-row-action="up"]`)))
	tb.setCell("ideas[0].name", "Quiz")
	runs = tb.waitState(primary, "live", runs)
	quiz := map[string]any{}
	for k, v := range ideas[0].(map[string]any) {
		quiz[k] = v
	}
	quiz["name"] = "Quiz"
	want["ideas"] = append([]any{quiz}, ideas...)
	checkAgainstCore(t, tb, "a duplicated, moved row", want)

	// The URL holds the ideas: a new load shows the same request.
	q := tb.query()
	if q.Get("ideas") == "" || len(q.Get("ideas")) > 300 {
		t.Errorf("the URL's ideas: %q", q.Get("ideas"))
	}
	tb.navigate(prioritizePath + "?" + q.Encode())
	tb.waitLive()
	checkAgainstCore(t, tb, "reloaded from the URL", want)
	// The embed page reads the same query.
	tb.navigate("/embed/prioritize/?" + q.Encode())
	tb.waitLive()
	checkAgainstCore(t, tb, "embed", want)

	// Remove the row: back to three ideas.
	tb.navigate(prioritizePath + "?" + q.Encode())
	runs = tb.waitLive()
	tb.do("remove", chromedp.Click(chromedp.CSS(`tr[data-array-row]:nth-child(1) [data-row-action="remove"]`)))
	tb.waitState(primary, "live", runs)
	want["ideas"] = ideas
	checkAgainstCore(t, tb, "row removed", want)
	tb.checkNoBadWords("prioritize")
}

// jsPaste pastes text into the cell at path as a clipboard paste does.
const jsPaste = `function (path, text) {
  const el = document.querySelector('[data-cell-wrap="' + path + '"] [data-cell]');
  el.focus();
  const dt = new DataTransfer();
  dt.setData("text/plain", text);
  el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true}));
  return document.querySelectorAll("tr[data-array-row]").length;
}`

// TestPrioritizePaste: three tab-separated rows from a spreadsheet, with
// and without a header row, become the table's rows.
func TestPrioritizePaste(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	want := tb.startRequest()
	header := "Name\tExpected lift (%)\tOne-time cost ($)\tAddressable share\r\n"
	rows := "Chat\t4\t10000\t50\r\nBundles\t6\t30000\t\r\nQuiz\t2.5\t5000\t20\r\n"
	if n := call[int](tb, jsPaste, "ideas[0].name", header+rows); n != 3 {
		t.Errorf("after a paste of three rows, %d rows", n)
	}
	runs = tb.waitState(primary, "live", runs)
	want["ideas"] = []any{
		map[string]any{"name": "Chat", "expected_lift": 0.04, "one_time_cost": 10000.0, "addressable_share": 0.5},
		map[string]any{"name": "Bundles", "expected_lift": 0.06, "one_time_cost": 30000.0},
		map[string]any{"name": "Quiz", "expected_lift": 0.025, "one_time_cost": 5000.0, "addressable_share": 0.2},
	}
	checkAgainstCore(t, tb, "pasted with a header", want)

	// Without a header, from the second row's lift: values fill the cells
	// from there, a fourth row is added.
	if n := call[int](tb, jsPaste, "ideas[1].expected_lift", "7\t1\t11\r\n8\t2\t12\r\n9\t3\t13\r\n"); n != 4 {
		t.Errorf("after a paste of three rows from row 2, %d rows, want 4", n)
	}
	tb.waitState(primary, "invalid", runs) // the fourth row has no name
	got := tb.pageRequest()["ideas"].([]any)
	if len(got) != 4 {
		t.Fatalf("ideas: %v", got)
	}
	for i, w := range []map[string]any{
		{"name": "Bundles", "expected_lift": 0.07, "lift_low": 0.01, "lift_high": 0.11, "one_time_cost": 30000.0},
		{"name": "Quiz", "expected_lift": 0.08, "lift_low": 0.02, "lift_high": 0.12, "one_time_cost": 5000.0, "addressable_share": 0.2},
		{"expected_lift": 0.09, "lift_low": 0.03, "lift_high": 0.13},
	} {
		if !reflect.DeepEqual(got[i+1], any(w)) {
			t.Errorf("row %d after the paste: %v, want %v", i+2, got[i+1], w)
		}
	}
	checkCellError(t, tb, "ideas[3].name")
}

// checkCellError: the cell at path is marked invalid with a visible message,
// and the core names that field for the page's request.
func checkCellError(t *testing.T, tb *tab, path string) {
	t.Helper()
	st := call[map[string]any](tb, `function (path) {
	  const td = document.querySelector('[data-cell-wrap="' + path + '"]');
	  const msg = td.querySelector(".error-message");
	  return {invalid: td.querySelector("[data-cell]").getAttribute("aria-invalid") || "", cls: td.className,
	    shown: !msg.hidden && msg.getClientRects().length > 0, text: msg.textContent.trim(),
	    describedby: td.querySelector("[data-cell]").getAttribute("aria-describedby") === msg.id,
	    others: document.querySelectorAll('[aria-invalid="true"]').length};
	}`, path)
	if st["invalid"] != "true" || !strings.Contains(st["cls"].(string), "field--error") || st["shown"] != true || st["describedby"] != true {
		t.Errorf("the cell %s is not shown invalid: %v", path, st)
	}
	raw := map[string]json.RawMessage{}
	for k, v := range tb.pageRequest() {
		b, _ := json.Marshal(v)
		raw[k] = b
	}
	errs := coreErrors(t, "prioritize", raw)
	msgs, ok := errs[path]
	if !ok {
		t.Errorf("the core names no error at %s: %v", path, errs)
	} else if !strings.Contains(st["text"].(string), strings.TrimSuffix(msgs[0], ".")) {
		t.Errorf("the cell says %q, the core %q", st["text"], msgs[0])
	}
}

// TestPrioritizeCellError: a bad value in an idea shows at its cell, and
// clears once corrected.
func TestPrioritizeCellError(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	tb.setCell("ideas[1].expected_lift", "abc")
	runs = tb.waitState(primary, "invalid", runs)
	checkCellError(t, tb, "ideas[1].expected_lift")
	tb.setCell("ideas[1].expected_lift", "3")
	tb.waitState(primary, "live", runs)
	if n := eval[int](tb, `document.querySelectorAll('[aria-invalid="true"], td.field--error').length`); n != 0 {
		t.Errorf("%d cells still marked invalid", n)
	}
}

// TestPrioritizeScreens: the page at 1280 and 375 pixels; the page does
// not scroll sideways (the table does, in its own region). Screenshots go
// to $ROIKIT_SCREENSHOTS when set.
func TestPrioritizeScreens(t *testing.T) {
	tb := newTab(t)
	for _, w := range []int64{1280, 375} {
		tb.do("size", chromedp.EmulateViewport(w, 900))
		tb.navigate(prioritizePath)
		tb.waitLive()
		if over := eval[int](tb, `document.documentElement.scrollWidth - document.documentElement.clientWidth`); over > 0 {
			wide := eval[string](tb, `Array.from(document.querySelectorAll("body *")).filter(el => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1).slice(0, 8).map(el => el.tagName + "." + el.className + "#" + el.id + " " + Math.round(el.getBoundingClientRect().width)).join(", ")`)
			t.Errorf("at %d px the page is %d px wider than the window: %s", w, over, wide)
		}
		if dir := os.Getenv("ROIKIT_SCREENSHOTS"); dir != "" {
			for _, part := range []string{"form", `[data-array]`, `[data-role="results"]`} {
				tb.scrollTo(primary+" "+part, "start")
				png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot())
				if err == nil {
					name := strings.NewReplacer("[", "", "]", "", `"`, "", "=", "-").Replace(part)
					err = os.WriteFile(filepath.Join(dir, fmt.Sprintf("prioritize-%d-%s.png", w, name)), png, 0o644)
				}
				if err != nil {
					t.Error(err)
				}
			}
		}
	}
}

// TestPrioritizeImportCSV: a CSV file as `roikit prioritize --input` reads
// it (fractions, the header naming the fields) becomes the table's rows.
func TestPrioritizeImportCSV(t *testing.T) {
	tb := newTab(t)
	tb.navigate(prioritizePath)
	runs := tb.waitLive()
	want := tb.startRequest()
	path := filepath.Join(t.TempDir(), "ideas.csv")
	csv := "name,addressable_share,expected_lift,one_time_cost\r\nRecommendations,,0.05,50000\r\n\"Search, site\",0.6,0.03,20000\r\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do("import", chromedp.SetUploadFiles(chromedp.CSS(`input[data-array-action="import"]`), []string{path}))
	tb.waitState(primary, "live", runs)
	want["ideas"] = []any{
		map[string]any{"name": "Recommendations", "expected_lift": 0.05, "one_time_cost": 50000.0},
		map[string]any{"name": "Search, site", "addressable_share": 0.6, "expected_lift": 0.03, "one_time_cost": 20000.0},
	}
	checkAgainstCore(t, tb, "imported", want)
}
