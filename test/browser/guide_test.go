//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/internal/site"
)

// guideFigure is one inline figure of a guide ({{ID.PATH|FORMAT}}) as the
// page shows it.
type guideFigure struct {
	Path    string `json:"path"`
	Format  string `json:"format"`
	Value   string `json:"value"`   // data-value
	Written string `json:"written"` // data-written-value
	Text    string `json:"text"`
	Updated bool   `json:"updated"` // class figure--updated
	Title   string `json:"title"`
	Note    string `json:"note"` // the screen-reader note after it
	Widget  string `json:"widget"`
	HasOwn  bool   `json:"hasOwn"` // the widget shows the same value in the same format
}

const jsGuideFigures = `function (id) {
  const section = document.querySelector('section[data-calc-id="' + id + '"]');
  return Array.from(document.querySelectorAll('[data-calc-ref="' + id + '"]')).map(el => {
    const path = el.dataset.field, format = el.dataset.format;
    const own = section && Array.from(section.querySelectorAll('[data-field]'))
      .find(o => !o.hasAttribute("data-calc-ref") && !o.closest("[data-chart]") && o.dataset.field === path && o.dataset.format === format);
    const next = el.nextElementSibling;
    return {path, format, value: el.getAttribute("data-value") || "", written: el.getAttribute("data-written-value") || "",
      text: el.textContent, updated: el.classList.contains("figure--updated"), title: el.title,
      note: next && next.dataset.role === "figure-note" ? next.textContent : "",
      widget: own ? own.textContent : "", hasOwn: !!own};
  });
}`

// writtenFigure is a figure as the build wrote it (internal/site valueSpan).
type writtenFigure struct{ Path, Format, Value, Text string }

var figureSpan = regexp.MustCompile(`<span data-field="([^"]*)" data-format="([^"]*)" data-value="([^"]*)" data-calc-ref="([^"]*)">([^<]*)</span>`)

// writtenFigures returns a guide's figures by calc block, as served.
func writtenFigures(t *testing.T, path string) map[string][]writtenFigure {
	t.Helper()
	resp, body := fetch(t, path)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", path, resp.StatusCode)
	}
	out := map[string][]writtenFigure{}
	for _, m := range figureSpan.FindAllStringSubmatch(string(body), -1) {
		id := html.UnescapeString(m[4])
		out[id] = append(out[id], writtenFigure{html.UnescapeString(m[1]), html.UnescapeString(m[2]), html.UnescapeString(m[3]), html.UnescapeString(m[5])})
	}
	return out
}

// jsLastRequest records each widget's request of its last roikit:result.
const jsLastRequest = `(() => {
  window.__roikitRequests = {};
  for (const s of document.querySelectorAll("section.calc[data-calc-id]")) {
    s.addEventListener("roikit:result", e => { window.__roikitRequests[s.dataset.calcId] = JSON.stringify(e.detail.request); });
  }
  return true;
})()`

// TestGuideFiguresFollowTheWidget: on every guide, for every widget that
// inline figures refer to, an input is edited (the first of the block's
// fields whose change moves a figure); each figure then shows the core's
// value for the widget's request in its format (the widget's own value
// when it shows the same one), marked with its note exactly when it
// differs from the written-in text; printing shows the written-in figures;
// axe-core finds nothing wrong with the marks (both themes); restoring the
// input brings back every written-in figure, unmarked.
func TestGuideFiguresFollowTheWidget(t *testing.T) {
	checked := 0
	for _, p := range sitePages(t) {
		if !strings.HasPrefix(p, "/guides/") || p == "/guides/" {
			continue
		}
		written := writtenFigures(t, p)
		t.Run(strings.Trim(p, "/"), func(t *testing.T) {
			tb := newTab(t)
			tb.navigate(p + "?locale=en-US&currency=USD")
			ids := eval[[]string](tb, `Array.from(document.querySelectorAll("section.calc[data-calc-id]")).map(s => s.dataset.calcId)`)
			eval[bool](tb, jsLastRequest)
			for _, id := range ids {
				if len(written[id]) == 0 {
					continue
				}
				checkGuideWidget(t, tb, p, id, written[id], checked == 0)
				checked++
			}
		})
	}
	if checked < 5 {
		t.Errorf("only %d guide widgets with inline figures were checked", checked)
	}
}

// checkGuideWidget edits one widget of a guide and checks its figures.
func checkGuideWidget(t *testing.T, tb *tab, page, id string, written []writtenFigure, print bool) {
	t.Helper()
	sel := "#calc-" + id
	where := page + " " + id
	runs := tb.waitState(sel, "live", 0)
	checkWritten(t, where+" (loaded)", call[[]guideFigure](tb, jsGuideFigures, id), written)

	w := tb.widget(sel)
	for _, field := range requestFields(w.Request) {
		in, ok := inputNamed(w.Inputs, field)
		if !ok || in.Tag != "input" || (in.DataType != "number" && in.DataType != "integer") {
			continue
		}
		edited, ok := editedText(in)
		if !ok {
			continue
		}
		tb.setInputs(sel, map[string]*string{field: &edited})
		runs = tb.waitAnswer(sel, runs)
		if tb.widget(sel).State == "live" {
			figs := call[[]guideFigure](tb, jsGuideFigures, id)
			if n := checkFollowing(t, tb, where+" "+field+"="+edited, id, w.Calc, figs, written); n > 0 {
				t.Logf("%s: %s %s -> %s: %d of %d figures follow", where, field, in.Value, edited, n, len(figs))
				if print {
					checkPrint(t, tb, where, id, written)
					axeMarked(t, tb, where)
				}
				restore(t, tb, sel, field, in.Value, runs, where, id, written)
				return
			}
		}
		runs = restore(t, tb, sel, field, in.Value, runs, where, id, written)
	}
	t.Errorf("%s: no edit of the block's fields changed a figure", where)
}

// requestFields lists a data-request's fields in a fixed order.
func requestFields(raw string) []string {
	var names []string
	for k := range requestOf(raw) {
		names = append(names, k)
	}
	slices.Sort(names)
	return names
}

func inputNamed(inputs []inputInfo, name string) (inputInfo, bool) {
	for _, in := range inputs {
		if in.Name == name {
			return in, true
		}
	}
	return inputInfo{}, false
}

// editedText is a different value for an input, in its own units: 80 % of
// a number (within most ranges), one less or more for an integer.
func editedText(in inputInfo) (string, bool) {
	v, err := strconv.ParseFloat(strings.TrimSpace(strings.ReplaceAll(in.Value, ",", "")), 64)
	if err != nil || v == 0 || math.IsInf(v, 0) {
		return "", false
	}
	if in.DataType == "integer" {
		if v > 1 {
			return strconv.FormatFloat(v-1, 'f', -1, 64), true
		}
		return strconv.FormatFloat(v+1, 'f', -1, 64), true
	}
	return displayText(v*0.8, 1), true
}

// checkWritten checks that the figures show the written-in values, unmarked.
func checkWritten(t *testing.T, where string, figs []guideFigure, written []writtenFigure) {
	t.Helper()
	if len(figs) != len(written) {
		t.Fatalf("%s: %d figures on the page, %d written", where, len(figs), len(written))
	}
	for i, f := range figs {
		wf := written[i]
		if f.Text != wf.Text || f.Value != wf.Value || f.Updated || f.Title != "" || f.Note != "" {
			t.Errorf("%s: figure %s shows %q (data-value %s, marked %v, title %q, note %q); written %q (%s), unmarked",
				where, wf.Path, f.Text, f.Value, f.Updated, f.Title, f.Note, wf.Text, wf.Value)
		}
	}
}

// checkFollowing checks the figures against the core's answer for the
// widget's last request; it returns how many figures changed.
func checkFollowing(t *testing.T, tb *tab, where, id, calcName string, figs []guideFigure, written []writtenFigure) int {
	t.Helper()
	reqText := eval[string](tb, fmt.Sprintf(`(window.__roikitRequests || {})[%q] || ""`, id))
	var req map[string]json.RawMessage
	if err := json.Unmarshal([]byte(reqText), &req); err != nil {
		t.Fatalf("%s: the widget's roikit:result request %q: %v", where, reqText, err)
	}
	resp, status := coreRun(t, calcName, req)
	if status != 0 {
		t.Fatalf("%s: the core rejects the request the widget answered: %s", where, reqText)
	}
	changed := 0
	for i, f := range figs {
		wf := written[i]
		want, _ := lookup(resp, f.Path)
		wantText, err := site.FormatValue(want, f.Format)
		if err != nil {
			t.Fatalf("%s: %v", where, err)
		}
		isUpdated := wantText != wf.Text
		if isUpdated {
			changed++
		}
		if f.Text != wantText {
			t.Errorf("%s: figure %s shows %q, the core's value %v gives %q", where, f.Path, f.Text, want, wantText)
		}
		if ok, msg := sameValue(f.Value, want); isUpdated && !ok {
			t.Errorf("%s: figure %s data-value: %s", where, f.Path, msg)
		}
		if f.HasOwn && f.Widget != f.Text {
			t.Errorf("%s: figure %s shows %q, the widget %q", where, f.Path, f.Text, f.Widget)
		}
		if f.Written != wf.Value {
			t.Errorf("%s: figure %s data-written-value %q, written %q", where, f.Path, f.Written, wf.Value)
		}
		note := strings.Contains(f.Note, "updated from the calculator") && strings.Contains(strings.ToLower(f.Title), "updated from the calculator")
		if f.Updated != isUpdated || note != isUpdated {
			t.Errorf("%s: figure %s (%q, written %q): marked %v, title %q, note %q; want marked %v", where, f.Path, f.Text, wf.Text, f.Updated, f.Title, f.Note, isUpdated)
		}
	}
	return changed
}

// restore types the input's original text back and checks that every
// figure is as written; it returns data-runs.
func restore(t *testing.T, tb *tab, sel, field, text string, runs int, where, id string, written []writtenFigure) int {
	t.Helper()
	tb.setInputs(sel, map[string]*string{field: &text})
	runs = tb.waitState(sel, "live", runs)
	checkWritten(t, where+" (restored "+field+")", call[[]guideFigure](tb, jsGuideFigures, id), written)
	return runs
}

// checkPrint prints the page to PDF: while it prints (beforeprint) the
// figures show the written-in text; afterwards, the widget's values again.
func checkPrint(t *testing.T, tb *tab, where, id string, written []writtenFigure) {
	t.Helper()
	before := call[[]guideFigure](tb, jsGuideFigures, id)
	eval[bool](tb, fmt.Sprintf(`(() => {
  window.__roikitPrinted = null;
  addEventListener("beforeprint", () => {
    window.__roikitPrinted = Array.from(document.querySelectorAll('[data-calc-ref=%q]')).map(el => el.textContent);
  }, {once: true});
  return true;
})()`, id))
	if _, err := chromedp.Call(tb.ctx, page.PrintToPDF, page.PrintToPDFParams{}); err != nil {
		t.Fatalf("%s: printing to PDF: %v", where, err)
	}
	printed := eval[[]string](tb, `window.__roikitPrinted || []`)
	if len(printed) != len(written) {
		t.Fatalf("%s: beforeprint saw %d figures, want %d", where, len(printed), len(written))
	}
	for i, wf := range written {
		if printed[i] != wf.Text {
			t.Errorf("%s: printed figure %s %q, written %q", where, wf.Path, printed[i], wf.Text)
		}
	}
	after := call[[]guideFigure](tb, jsGuideFigures, id)
	for i := range after {
		if after[i].Text != before[i].Text || after[i].Updated != before[i].Updated {
			t.Errorf("%s: after printing, figure %s shows %q (marked %v), before %q (marked %v)",
				where, after[i].Path, after[i].Text, after[i].Updated, before[i].Text, before[i].Updated)
		}
	}
}

// axeMarked runs axe-core on the page while figures are marked, in the
// light and the dark theme.
func axeMarked(t *testing.T, tb *tab, where string) {
	t.Helper()
	src := axeSource(t)
	was := eval[string](tb, `document.documentElement.getAttribute("data-theme") || ""`)
	for _, theme := range []string{"light", "dark"} {
		eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(theme))+`), true)`)
		runAxe(tb, src, where+" (figures marked, "+theme+" theme)")
	}
	eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(was))+`), true)`)
}
