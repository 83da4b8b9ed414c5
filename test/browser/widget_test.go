//go:build browser

package browser_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"time"
)

// The page contract (site/FRONTEND.md): a widget is section.calc with data-calc,
// data-state, data-runs and data-request; its inputs carry data-input (and
// data-scale for percentages); its results carry data-field and data-value.

// primary selects the widget whose inputs live in the URL query.
const primary = "section.calc[data-primary]"

// inputInfo describes one input of a widget as the page shows it.
type inputInfo struct {
	Name     string   `json:"name"`
	Tag      string   `json:"tag"`  // input, select, textarea
	Kind     string   `json:"kind"` // the input's type attribute (text, checkbox, file)
	DataType string   `json:"dataType"`
	Scale    float64  `json:"scale"` // 1 unless data-scale
	Value    string   `json:"value"`
	Checked  bool     `json:"checked"`
	Hidden   bool     `json:"hidden"` // its wrap is hidden (show_when, hide=)
	Options  []string `json:"options"`
	ID       string   `json:"id"`
}

// widgetInfo is a widget's state.
type widgetInfo struct {
	Calc    string      `json:"calc"`
	ID      string      `json:"id"`
	State   string      `json:"state"`
	Runs    int         `json:"runs"`
	Request string      `json:"request"`
	Inputs  []inputInfo `json:"inputs"`
}

const jsWidget = `function (sel) {
  const s = document.querySelector(sel);
  if (!s) return null;
  const inputs = Array.from(s.querySelectorAll("[data-input]")).map(el => {
    const wrap = el.closest("[data-field-wrap]");
    return {
      name: el.dataset.input, tag: el.tagName.toLowerCase(), kind: (el.type || "").toLowerCase(),
      dataType: el.dataset.type || "", scale: el.dataset.scale ? Number(el.dataset.scale) : 1,
      value: el.type === "file" ? "" : String(el.value), checked: !!el.checked,
      hidden: !!(wrap && (wrap.hidden || wrap.closest("[hidden]"))),
      options: el.tagName === "SELECT" ? Array.from(el.options).map(o => o.value) : [],
      id: el.id,
    };
  });
  return {calc: s.dataset.calc, id: s.dataset.calcId || s.id, state: s.dataset.state,
    runs: Number(s.dataset.runs || 0), request: s.dataset.request || "{}", inputs};
}`

func (tb *tab) widget(sel string) widgetInfo {
	tb.t.Helper()
	w := call[*widgetInfo](tb, jsWidget, sel)
	if w == nil {
		tb.t.Fatalf("no widget %s on %s", sel, eval[string](tb, "location.href"))
	}
	return *w
}

// fieldValue is one [data-field] element of a widget's results.
type fieldValue struct {
	Path    string  `json:"path"`
	Value   *string `json:"value"` // the data-value attribute (raw JSON), nil when absent
	Text    string  `json:"text"`
	Visible bool    `json:"visible"`
}

const jsFields = `function (sel) {
  const s = document.querySelector(sel);
  if (!s) return null;
  return Array.from(s.querySelectorAll("[data-field]"))
    .filter(el => !el.closest("form") && !el.hasAttribute("data-calc-ref"))
    .map(el => ({path: el.dataset.field, value: el.hasAttribute("data-value") ? el.getAttribute("data-value") : null,
      text: el.textContent.trim(), visible: !el.closest("[hidden]") && el.getClientRects().length > 0}));
}`

func (tb *tab) fields(sel string) []fieldValue {
	tb.t.Helper()
	return call[[]fieldValue](tb, jsFields, sel)
}

// jsSetInputs types values into a widget's inputs (as text; null clears it)
// and fires the events a person's typing fires, on the inputs that change. Selects are set first, so
// show_when fields appear before they are filled.
const jsSetInputs = `function (sel, values) {
  const s = document.querySelector(sel);
  const els = Array.from(s.querySelectorAll("[data-input]"));
  els.sort((a, b) => (a.tagName === "SELECT" ? 0 : 1) - (b.tagName === "SELECT" ? 0 : 1));
  const missing = [];
  for (const [name, v] of Object.entries(values)) {
    if (!els.some(el => el.dataset.input === name)) missing.push(name);
  }
  for (const el of els) {
    const name = el.dataset.input;
    if (!(name in values)) continue;
    const v = values[name];
    if (el.type === "checkbox") { if (el.checked === (v === "true")) continue; el.checked = v === "true"; }
    else { const text = v === null ? "" : v; if (el.value === text) continue; el.value = text; }
    el.dispatchEvent(new Event("input", {bubbles: true}));
    el.dispatchEvent(new Event("change", {bubbles: true}));
  }
  return missing;
}`

// setInputs types values into the widget's inputs.
func (tb *tab) setInputs(sel string, values map[string]*string) {
	tb.t.Helper()
	missing := call[[]string](tb, jsSetInputs, sel, values)
	if len(missing) > 0 {
		tb.t.Fatalf("%s has no input for %v", sel, missing)
	}
}

// jsSettled is true once the widget is in state want with data-runs above
// runs, and has stayed so (same runs, same state) for 250 ms: longer than the
// 150 ms debounce, so a result for older inputs is not taken for the answer.
const jsSettled = `function (sel, want, runs) {
  const s = document.querySelector(sel);
  if (!s) return false;
  const key = sel + "|" + want + "|" + runs;
  const st = window.__roikitSettle = window.__roikitSettle || {};
  const now = performance.now(), cur = s.dataset.state + "/" + s.dataset.runs;
  if (s.dataset.state !== want || Number(s.dataset.runs || 0) <= runs) { delete st[key]; return false; }
  if (!st[key] || st[key].cur !== cur) { st[key] = {cur, since: now}; return false; }
  return now - st[key].since >= 250 ? Number(s.dataset.runs) : false;
}`

// waitState waits until the widget settles in state want ("live", "invalid")
// with data-runs above runs, and returns data-runs.
func (tb *tab) waitState(sel, want string, runs int) int {
	tb.t.Helper()
	return poll[int](tb, sel+" data-state="+want, 60*time.Second, jsSettled, sel, want, runs)
}

// waitLive waits for the primary widget's first live result after a load.
func (tb *tab) waitLive() int {
	tb.t.Helper()
	return tb.waitState(primary, "live", 0)
}

// query returns the page's location.search as values.
func (tb *tab) query() url.Values {
	tb.t.Helper()
	q, err := url.ParseQuery(strings.TrimPrefix(eval[string](tb, "location.search"), "?"))
	if err != nil {
		tb.t.Fatalf("location.search: %v", err)
	}
	return q
}

// visibleText is document.body.innerText.
func (tb *tab) visibleText() string {
	tb.t.Helper()
	return eval[string](tb, "document.body.innerText")
}

// checkNoBadWords fails when NaN, Infinity or undefined is visible.
func (tb *tab) checkNoBadWords(where string) {
	tb.t.Helper()
	text := tb.visibleText()
	for _, w := range []string{"NaN", "Infinity", "undefined"} {
		if i := strings.Index(text, w); i >= 0 {
			lo, hi := max(0, i-60), min(len(text), i+60)
			tb.t.Errorf("%s: %q is visible: …%s…", where, w, text[lo:hi])
		}
	}
}

// requestOf parses a data-request attribute.
func requestOf(raw string) map[string]json.RawMessage {
	m := map[string]json.RawMessage{}
	if strings.TrimSpace(raw) != "" {
		_ = json.Unmarshal([]byte(raw), &m)
	}
	return m
}

func ptrs(m map[string]string) map[string]*string {
	out := make(map[string]*string, len(m))
	for k, v := range m {
		out[k] = &v
	}
	return out
}
