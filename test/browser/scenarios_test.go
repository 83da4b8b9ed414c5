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
)

const (
	roiPath       = "/calculators/roi/"
	scenarioPanel = `[data-scenarios]`
	scenarioTable = scenarioPanel + ` [data-role="scenario-table"] table`
	compareChart  = scenarioPanel + ` figure[data-chart="scenario-compare"]`
)

// compareView is what the comparison shows: the scenarios' names (the
// table's columns), each row's cells (data-value, whether marked as
// differing, the text) by row, and the overlaid chart (its series and text).
type compareView struct {
	Names   []string                 `json:"names"`
	Outputs map[string][]compareCell `json:"outputs"`
	Inputs  map[string][]compareCell `json:"inputs"`
	Series  int                      `json:"series"`
	Chart   string                   `json:"chart"`
}

type compareCell struct {
	Value   string `json:"value"`
	Differs bool   `json:"differs"`
	Text    string `json:"text"`
}

// jsCompared returns the comparison once it shows n scenarios, its chart
// drawn with n series (false until then).
const jsCompared = `function (n, series) {
  const p = document.querySelector("[data-scenarios]");
  const table = p.querySelector('[data-role="scenario-table"] table');
  const fig = p.querySelector('figure[data-chart="scenario-compare"]');
  if (!table || p.querySelector('[data-role="scenario-compare"]').hasAttribute("aria-busy")) return false;
  const names = Array.from(table.querySelectorAll("thead th")).slice(1).map(th => th.firstChild.textContent);
  if (names.length !== n || fig.hidden || Number(fig.dataset.series) !== series) return false;
  const svg = fig.querySelector("svg");
  const chart = svg ? Array.from(svg.querySelectorAll("text")).map(t => t.textContent).join(" ") : "";
  if (!names.every(nm => chart.includes(nm))) return false;
  const rows = (sel, attr) => Object.fromEntries(Array.from(table.querySelectorAll(sel)).map(tr => [tr.getAttribute(attr),
    Array.from(tr.querySelectorAll("td")).map(td => ({value: td.dataset.value, differs: td.hasAttribute("data-differs"), text: td.textContent}))]));
  return {names, outputs: rows("tr[data-output-row]", "data-output-row"), inputs: rows("tr[data-input-row]", "data-input-row"),
    series: Number(fig.dataset.series), chart};
}`

func (tb *tab) compared(n int) compareView {
	tb.t.Helper()
	return tb.comparedSeries(n, n)
}

// comparedSeries waits for a comparison of n scenarios whose chart has series series.
func (tb *tab) comparedSeries(n, series int) compareView {
	tb.t.Helper()
	return poll[compareView](tb, fmt.Sprintf("a comparison of %d scenarios", n), 60*time.Second, jsCompared, n, series)
}

// freshScenarios opens path with no saved scenarios (a new profile's storage).
func (tb *tab) freshScenarios(path string) int {
	tb.t.Helper()
	tb.navigate(path)
	eval[bool](tb, `(localStorage.clear(), true)`)
	tb.navigate(path)
	return tb.waitLive()
}

// saveScenario types name and saves the form's inputs; it returns the status line.
func (tb *tab) saveScenario(name string) string {
	tb.t.Helper()
	eval[bool](tb, `(document.querySelector('[data-role="scenario-name"]').value = `+string(jsonString(name))+`, true)`)
	tb.do("save "+name, chromedp.Click(chromedp.CSS(scenarioPanel+` [data-role="scenario-save"] button[type="submit"]`)))
	return eval[string](tb, `document.querySelector('[data-role="scenario-status"]').textContent`)
}

func rawRequest(t *testing.T, m map[string]any) map[string]json.RawMessage {
	t.Helper()
	out := map[string]json.RawMessage{}
	for k, v := range m {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		out[k] = b
	}
	return out
}

// checkComparedWithCore compares every output cell of scenario i's column
// with the core run on that scenario's request, and the marks of difference
// with the first scenario's values.
func checkComparedWithCore(t *testing.T, calcName, where string, view compareView, reqs []map[string]any) {
	t.Helper()
	if len(view.Outputs) < 4 {
		t.Fatalf("%s: the table has %d output rows", where, len(view.Outputs))
	}
	for i, req := range reqs {
		resp, _ := coreRun(t, calcName, rawRequest(t, req))
		first, _ := coreRun(t, calcName, rawRequest(t, reqs[0]))
		for path, cells := range view.Outputs {
			want, ok := lookup(resp, path)
			if !ok {
				want = nil
			}
			if same, why := sameValue(cells[i].Value, want); !same {
				t.Errorf("%s: %s of %q is %s, the core says %v (%s)", where, path, view.Names[i], cells[i].Value, want, why)
			}
			ref, _ := lookup(first, path)
			sameAsFirst, _ := sameValue(cells[i].Value, ref)
			if cells[i].Differs == (i == 0 || sameAsFirst) {
				t.Errorf("%s: %s of %q marked as differing: %v (%q)", where, path, view.Names[i], cells[i].Differs, cells[i].Text)
			}
			if cells[i].Differs && !strings.Contains(cells[i].Text, "Δ") {
				t.Errorf("%s: %s of %q differs without its mark: %q", where, path, view.Names[i], cells[i].Text)
			}
		}
	}
}

// checkFormIs checks that the ROI page's request is want and its results the core's.
func checkFormIs(t *testing.T, tb *tab, where string, want map[string]any) {
	t.Helper()
	got := tb.pageRequest()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the page's request is %v, want %v", where, got, want)
	}
	resp, _ := coreRun(t, "roi", rawRequest(t, got))
	compareFields(t, where, tb.fields(primary), resp)
}

// TestScenariosCompareROI: three ROI scenarios saved and pinned; the table
// holds each one's own run (as the core computes it) with the differences
// from the first marked, the chart three series; exported to a file and
// imported in a fresh profile, the same comparison; a link carries it too;
// the page object steps through the pinned scenarios.
//
// It is long because it follows one workshop from start to end, each step
// building on the scenarios the one before saved.
func TestScenariosCompareROI(t *testing.T) {
	tb := newTab(t)
	runs := tb.freshScenarios(roiPath)
	if eval[bool](tb, `document.querySelector("[data-scenarios]").hidden`) {
		t.Fatal("the Scenarios panel is hidden")
	}
	names := []string{"Base case", "Bold lift", "Cautious"}
	lifts := []string{"8", "12", "4"}
	costs := []string{"30000", "45000", "20000"}
	var reqs []map[string]any
	for i, name := range names {
		tb.setInputs(primary, map[string]*string{"expected_lift": &lifts[i], "one_time_cost": &costs[i]})
		runs = tb.waitState(primary, "live", runs)
		reqs = append(reqs, tb.pageRequest())
		if s := tb.saveScenario(name); !strings.Contains(s, "Saved “"+name+"” and pinned") {
			t.Errorf("saving %q, the status says %q", name, s)
		}
	}
	view := tb.compared(3)
	if strings.Join(view.Names, "|") != strings.Join(names, "|") || view.Series != 3 {
		t.Fatalf("the comparison shows %v with %d series", view.Names, view.Series)
	}
	checkComparedWithCore(t, "roi", "saved", view, reqs)
	if c := view.Inputs["expected_lift"]; len(c) != 3 || c[0].Differs || !c[1].Differs || !strings.Contains(c[1].Text, "12") {
		t.Errorf("the expected lift's row: %+v", c)
	}
	tb.snapshot("scenarios-roi")
	axe := axeSource(t)
	runAxe(tb, axe, "the comparison")
	tb.dark()
	runAxe(tb, axe, "the comparison, dark")
	eval[bool](tb, `(document.documentElement.removeAttribute("data-theme"), true)`)

	// Rename with the keyboard: Rename, type, Enter; the focus returns to Rename.
	tb.do("rename", chromedp.Click(chromedp.CSS(`[data-scenario-id]:nth-child(3) [data-action="rename"]`)))
	tb.do("type", chromedp.SendKeys(chromedp.CSS(`[data-role="rename-input"]`), "\b\b\b\b\b\b\b\bSafe bet"))
	// Enter as a page sees it (DevTools' typed Enter also sends a keypress to
	// the button that has the focus by then, which a browser does not after
	// the page cancels the keydown).
	eval[bool](tb, `document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter", bubbles: true, cancelable: true}))`)
	if got := eval[string](tb, `document.activeElement.getAttribute("aria-label") + " | " + document.querySelector('[data-role="scenario-status"]').textContent`); got != "Rename “Safe bet” | Renamed “Cautious” to “Safe bet”." {
		t.Errorf("after renaming: %q", got)
	}
	names[2] = "Safe bet"
	view = tb.compared(3)
	if view.Names[2] != "Safe bet" {
		t.Errorf("renamed, the comparison shows %v", view.Names)
	}

	// A name in use, and an empty one: a sentence, nothing saved.
	if s := tb.saveScenario("Bold lift"); !strings.Contains(s, "already a scenario named") {
		t.Errorf("a name in use: %q", s)
	}
	if s := tb.saveScenario("  "); !strings.Contains(s, "Give the scenario a name") {
		t.Errorf("no name: %q", s)
	}

	// The page object: pinned, apply, active, and the event.
	var pinned []struct{ ID, Name string }
	if err := json.Unmarshal([]byte(eval[string](tb, `JSON.stringify(window.roikitPage.scenarios.pinned())`)), &pinned); err != nil || len(pinned) != 3 {
		t.Fatalf("pinned() = %v (%v)", pinned, err)
	}
	eval[bool](tb, `window.roikitPage.scenarios.apply(`+string(jsonString(pinned[1].ID))+`).then(() => true)`)
	runs = tb.waitState(primary, "live", runs)
	if got := eval[string](tb, `window.roikitPage.scenarios.active()`); got != pinned[1].ID {
		t.Errorf("after apply(%s), active() = %q", pinned[1].ID, got)
	}
	checkFormIs(t, tb, "applied", reqs[1])
	eval[bool](tb, `(window.__scenarioEvents = [], document.addEventListener("roikit:scenarios", e => window.__scenarioEvents.push(e.detail.pinned.length)), true)`)
	tb.do("unpin Cautious", chromedp.Click(chromedp.CSS(`[data-scenario-id="`+pinned[2].ID+`"] input[data-action="pin"]`)))
	if got := eval[[]int](tb, `window.__scenarioEvents`); len(got) != 1 || got[0] != 2 {
		t.Errorf("unpinning, the roikit:scenarios events say %v", got)
	}
	tb.compared(2)
	tb.do("pin Cautious", chromedp.Click(chromedp.CSS(`[data-scenario-id="`+pinned[2].ID+`"] input[data-action="pin"]`)))
	tb.compared(3)
	link := eval[string](tb, `window.roikitPage.scenarios.compareLink()`)

	// Export, then import in a fresh profile.
	eval[bool](tb, jsCaptureDownload)
	tb.do("export", chromedp.Click(chromedp.CSS(scenarioPanel+` [data-action="export-scenarios"]`)))
	name := eval[string](tb, `window.__roikitDownload || ""`)
	text := eval[string](tb, `window.__roikitBlobs.length ? window.__roikitBlobs[window.__roikitBlobs.length - 1].text() : ""`)
	var doc struct {
		Roikit int    `json:"roikit"`
		Kind   string `json:"kind"`
		Data   struct {
			Calculator string `json:"calculator"`
			Scenarios  []struct {
				ID, Name string
				Request  map[string]any
				Pinned   bool
			} `json:"scenarios"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("the exported file: %v: %.300s", err, text)
	}
	if !strings.HasSuffix(name, ".roikit.json") || doc.Roikit != 1 || doc.Kind != "scenarios" || doc.Data.Calculator != "roi" || len(doc.Data.Scenarios) != 3 {
		t.Fatalf("exported %q: %+v", name, doc)
	}
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}

	fresh := newTab(t)
	fresh.freshScenarios(roiPath)
	if n := eval[int](fresh, `document.querySelectorAll("[data-scenario-id]").length`); n != 0 {
		t.Fatalf("a fresh profile lists %d scenarios", n)
	}
	fresh.do("import", chromedp.SetUploadFiles(chromedp.CSS(scenarioPanel+` input[data-action="import-scenarios"]`), []string{path}))
	view = fresh.compared(3)
	if strings.Join(view.Names, "|") != strings.Join(names, "|") {
		t.Errorf("imported, the comparison shows %v", view.Names)
	}
	checkComparedWithCore(t, "roi", "imported", view, reqs)
	if s := eval[string](fresh, `document.querySelector('[data-role="scenario-status"]').textContent`); !strings.Contains(s, "Imported 3 of 3 scenarios") {
		t.Errorf("the status says %q", s)
	}

	// A file of another calculator, with a nameless scenario: one sentence per problem.
	bad := filepath.Join(t.TempDir(), "bad.roikit.json")
	os.WriteFile(bad, []byte(`{"roikit": 1, "kind": "scenarios", "data": {"calculator": "samplesize", "scenarios": [{"name": "", "request": {}}, {"name": "x", "request": 3}]}}`), 0o644)
	fresh.do("import bad", chromedp.SetUploadFiles(chromedp.CSS(scenarioPanel+` input[data-action="import-scenarios"]`), []string{bad}))
	problems := poll[[]string](fresh, "the import's problems", 5*time.Second, `function () {
	  const l = Array.from(document.querySelectorAll('[data-role="scenario-problems"] li')).map(li => li.textContent);
	  return l.length ? l : false; }`)
	status := eval[string](fresh, `document.querySelector('[data-role="scenario-status"]').textContent`)
	if !strings.Contains(status, "bad.roikit.json could not be imported: 3 problems") || len(problems) != 3 ||
		!strings.Contains(problems[0], "samplesize calculator") || !strings.Contains(problems[1], "Scenario 1: Give the scenario a name") || !strings.Contains(problems[2], `Scenario 2 ("x"): its "request" is missing`) {
		t.Errorf("a bad file: %q %q", status, problems)
	}
	if n := eval[int](fresh, `document.querySelectorAll("[data-scenario-id]").length`); n != 3 {
		t.Errorf("after a refused file, %d scenarios", n)
	}

	// The comparison link in a fresh profile: the same comparison, and the
	// primary widget's inputs from the same address.
	if !strings.Contains(link, "compare=") || !strings.Contains(link, "expected_lift=") {
		t.Fatalf("the comparison link is %s", link)
	}
	linked := newTab(t)
	linked.freshScenarios(roiPath)
	linked.navigate(link)
	linked.waitLive()
	view = linked.compared(3)
	checkComparedWithCore(t, "roi", "from the link", view, reqs)
	checkFormIs(t, linked, "the link's form", reqs[1])
	if q := linked.query(); q.Has("compare") || q.Get("expected_lift") != "0.12" {
		t.Errorf("after opening the link, the query is %v", q)
	}
}

// TestScenariosEveryCalculator: on each other calculator page (clvfit's,
// whose input is a file: TestScenariosCLVFit), two scenarios compared hold
// each one's own run, and the chart overlays both.
func TestScenariosEveryCalculator(t *testing.T) {
	for _, c := range []struct {
		name, field, text string
		series            int // of the chart per scenario
	}{
		{"samplesize", "baseline_rate", "6", 1},
		{"significance", "treatment_conversions", "280", 2},
		{"clv", "average_order_value", "120", 1},
		{"prioritize", "monthly_visitors", "300000", 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			tb := newTab(t)
			runs := tb.freshScenarios(calcPath(c.name))
			reqs := []map[string]any{tb.pageRequest()}
			tb.saveScenario("Default")
			text := c.text
			tb.setInputs(primary, map[string]*string{c.field: &text})
			tb.waitState(primary, "live", runs)
			reqs = append(reqs, tb.pageRequest())
			tb.saveScenario("Changed")
			view := tb.comparedSeries(2, 2*c.series)
			checkComparedWithCore(t, c.name, c.name, view, reqs)
			if cells := view.Inputs[c.field]; len(cells) != 2 || !cells[1].Differs {
				t.Errorf("%s: the row of %s is %+v", c.name, c.field, cells)
			}
			tb.panelShot("scenarios-" + c.name + "-1280-light")
		})
	}
}

// panelShot saves the Scenarios panel as $ROIKIT_SCREENSHOTS/name.png, when that is set.
func (tb *tab) panelShot(name string) {
	tb.t.Helper()
	tb.saveShot(name, chromedp.Screenshot(chromedp.CSS(scenarioPanel)))
}

// TestScenariosScreenshots saves the Scenarios panel of a three-scenario
// comparison at 1280 and 375 px, light and dark, in $ROIKIT_SCREENSHOTS
// (make screenshots), for a person to look at.
func TestScenariosScreenshots(t *testing.T) {
	dir := os.Getenv("ROIKIT_SCREENSHOTS")
	if dir == "" {
		t.Skip("ROIKIT_SCREENSHOTS is not set")
	}
	tb := newTab(t)
	tb.freshScenarios(roiPath)
	for i, s := range []struct{ name, lift, cost string }{{"Base case", "8", "30000"}, {"Bold lift", "12", "45000"}, {"Cautious", "4", "20000"}} {
		lift, cost := s.lift, s.cost
		tb.setInputs(primary, map[string]*string{"expected_lift": &lift, "one_time_cost": &cost})
		tb.waitState(primary, "live", i)
		tb.saveScenario(s.name)
	}
	tb.compared(3)
	for _, w := range []int64{1280, 375} {
		for _, theme := range []string{"light", "dark"} {
			tb.do("viewport", chromedp.EmulateViewport(w, 900))
			eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(theme))+`), true)`)
			time.Sleep(600 * time.Millisecond) // the charts redraw for the theme and the width
			tb.panelShot(fmt.Sprintf("scenarios-roi-%d-%s", w, theme))
		}
	}
}
