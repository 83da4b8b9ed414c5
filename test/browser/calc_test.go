//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roikit/roikit/calc"
)

// parityRuns is how many random valid requests each calculator gets through
// its inputs, and again through URL queries.
const parityRuns = 10

// TestCalculators runs the checks of issue 3 point 9 on every calculator of
// calc.Calculators(); clvfit, whose input is a file, runs its own flow.
func TestCalculators(t *testing.T) {
	for _, c := range pagedCalculators(t) {
		t.Run(c.Name, func(t *testing.T) {
			if c.Name == "clvfit" {
				testCLVFit(t)
				return
			}
			t.Run("prerendered", func(t *testing.T) { testPrerendered(t, c) })
			t.Run("parity-inputs", func(t *testing.T) { testParityInputs(t, c) })
			t.Run("parity-url", func(t *testing.T) { testParityURL(t, c) })
			t.Run("bad-input", func(t *testing.T) { testBadInput(t, c) })
			t.Run("hostile-query", func(t *testing.T) { testHostileQuery(t, c) })
			t.Run("charts", func(t *testing.T) { testCharts(t, c) })
		})
	}
}

func calcPath(name string) string { return "/calculators/" + name + "/" }

// testPrerendered: the first HTML response already holds the results of the
// widget's starting request, as the core computes them.
func testPrerendered(t *testing.T, c *calc.Calculator) {
	resp, body := fetch(t, calcPath(c.Name))
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", calcPath(c.Name), resp.StatusCode)
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("GET %s: no CSP with default-src 'self' (got %q)", calcPath(c.Name), csp)
	}
	w := widgetElements(parseElements(string(body)), func(e element) bool {
		_, p := e.Attrs["data-primary"]
		return p && e.Attrs["data-calc"] == c.Name
	})
	if w == nil {
		t.Fatalf("%s: no section.calc[data-primary][data-calc=%s] in the HTML", calcPath(c.Name), c.Name)
	}
	if st := w[0].Attrs["data-state"]; st != "static" {
		t.Errorf("data-state is %q in the first response, want static", st)
	}
	req := requestOf(w[0].Attrs["data-request"])
	coreResp, status := coreRun(t, c.Name, req)
	if status != calc.StatusOK {
		t.Fatalf("the page's data-request %s is invalid for the core: %v", w[0].Attrs["data-request"], coreResp)
	}
	n := compareFields(t, "pre-rendered "+calcPath(c.Name), staticFields(w), coreResp)
	t.Logf("%s: %d pre-rendered values equal the core's", c.Name, n)
}

// testParityInputs types random valid requests into the inputs and compares
// the live results with the core, field by field; then the URL round trip.
func testParityInputs(t *testing.T, c *calc.Calculator) {
	tb := newTab(t)
	tb.navigate(calcPath(c.Name))
	runs := tb.waitLive()
	w := tb.widget(primary)
	base := requestOf(w.Request)
	rng := rand.New(rand.NewPCG(1, uint64(len(c.Name))))
	for i := range parityRuns {
		sc := randomScenario(t, rng, c, w.Inputs, base)
		tb.setInputs(primary, sc.Texts)
		runs = tb.waitState(primary, "live", runs)
		where := fmt.Sprintf("%s inputs #%d %s", c.Name, i, showTexts(sc.Texts))
		q := tb.query()
		for name := range q {
			if c.Field(name) == nil && !isSetting(name) {
				t.Errorf("%s: the URL has %q, not a contract name", where, name)
			}
		}
		req := expectedRequest(t, c, w.Request, q)
		checkIntended(t, where, c, sc, req, q)
		resp, status := coreRun(t, c.Name, req)
		if status != calc.StatusOK {
			t.Errorf("%s: the page shows a live result, the core says %v", where, resp)
			continue
		}
		compareFields(t, where, tb.fields(primary), resp)
		tb.checkNoBadWords(where)
	}

	// URL round trip: the URL the page wrote restores the same inputs and
	// results in a new tab.
	href := eval[string](tb, "location.href")
	if !strings.Contains(href, "?") {
		t.Fatalf("after %d input changes the URL has no query: %s", parityRuns, href)
	}
	inputsBefore := tb.widget(primary).Inputs
	fieldsBefore := tb.fields(primary)
	tb2 := newTab(t)
	tb2.navigate(href)
	tb2.waitLive()
	inputsAfter := tb2.widget(primary).Inputs
	compareInputs(t, c, "round trip "+href, inputsBefore, inputsAfter)
	fieldsAfter := tb2.fields(primary)
	if len(fieldsAfter) != len(fieldsBefore) {
		t.Errorf("round trip %s: %d result fields, before %d", href, len(fieldsAfter), len(fieldsBefore))
	}
	for i := range min(len(fieldsBefore), len(fieldsAfter)) {
		a, b := fieldsBefore[i], fieldsAfter[i]
		if a.Path != b.Path || (a.Value == nil) != (b.Value == nil) {
			t.Errorf("round trip: field %d is %s, before %s", i, b.Path, a.Path)
			continue
		}
		if a.Value != nil {
			if same, msg := sameValue(*b.Value, jsonNumberize(*a.Value)); !same {
				t.Errorf("round trip %s: %s: %s", href, a.Path, msg)
			}
		}
	}
}

// jsonNumberize decodes raw JSON keeping numbers as json.Number.
func jsonNumberize(raw string) any {
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	var v any
	dec.Decode(&v)
	return v
}

// compareInputs checks that two tabs show the same inputs (numbers compared
// as numbers: "5" and "5.0" are the same input, and so are an empty input
// and one showing the field's default).
func compareInputs(t *testing.T, c *calc.Calculator, where string, a, b []inputInfo) {
	t.Helper()
	bm := map[string]inputInfo{}
	for _, in := range b {
		bm[in.Name] = in
	}
	for _, x := range a {
		y, ok := bm[x.Name]
		if !ok {
			t.Errorf("%s: input %s is missing", where, x.Name)
			continue
		}
		if x.Kind == "checkbox" {
			if x.Checked != y.Checked {
				t.Errorf("%s: checkbox %s is %v, before %v", where, x.Name, y.Checked, x.Checked)
			}
			continue
		}
		if x.Value == y.Value {
			continue
		}
		num := func(s string) (float64, bool) {
			if strings.TrimSpace(s) == "" {
				if f := c.Field(x.Name); f != nil {
					if d, ok := toFloat(f.Default); ok {
						return d * x.Scale, true
					}
				}
				return 0, false
			}
			v, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(s), ",", ""), 64) // en-US, grouped
			return v, err == nil
		}
		fx, ok1 := num(x.Value)
		fy, ok2 := num(y.Value)
		if !ok1 || !ok2 || !closeTo(fx, fy) {
			t.Errorf("%s: input %s shows %q, before %q", where, x.Name, y.Value, x.Value)
		}
	}
}

// checkIntended checks that the page computed with the values typed: each
// typed number, divided by the input's scale, is the request's value; each
// cleared input is absent from the query.
func checkIntended(t *testing.T, where string, c *calc.Calculator, sc scenario, req map[string]json.RawMessage, q url.Values) {
	t.Helper()
	for name, want := range sc.Values {
		raw, ok := req[name]
		if !ok {
			f := c.Field(name)
			if d, isNum := toFloat(f.Default); isNum && closeTo(d, want) {
				continue // the default: the query may leave it out
			}
			t.Errorf("%s: %s=%v was typed but is neither in the URL nor in data-request", where, name, want)
			continue
		}
		got, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || !closeTo(got, want) {
			t.Errorf("%s: %s: the page used %s, typed %v", where, name, raw, want)
		}
	}
	for name, text := range sc.Texts {
		if text == nil && q.Get(name) != "" {
			t.Errorf("%s: %s was cleared but the URL still has %s=%s", where, name, name, q.Get(name))
		}
		if text != nil {
			if _, isNum := sc.Values[name]; !isNum {
				// an enum: the request holds it unless it is the default
				want, _ := json.Marshal(*text)
				if raw, ok := req[name]; ok && string(raw) != string(want) {
					t.Errorf("%s: %s is %s, chosen %s", where, name, raw, want)
				}
			}
		}
	}
}

func isSetting(name string) bool {
	switch name {
	case "currency", "locale", "theme", "accent", "hide":
		return true
	}
	return false
}

func showTexts(m map[string]*string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if m[k] == nil {
			parts = append(parts, k+"=∅")
		} else {
			parts = append(parts, k+"="+*m[k])
		}
	}
	return "{" + strings.Join(parts, " ") + "}"
}

// testParityURL opens random valid scenarios as URL queries: the inputs
// show them and the results equal the core's.
func testParityURL(t *testing.T, c *calc.Calculator) {
	tb := newTab(t)
	tb.navigate(calcPath(c.Name))
	tb.waitLive()
	w := tb.widget(primary)
	base := requestOf(w.Request)
	rng := rand.New(rand.NewPCG(2, uint64(len(c.Name))))
	scales := map[string]float64{}
	for _, in := range w.Inputs {
		scales[in.Name] = in.Scale
	}
	for i := range parityRuns {
		sc := randomScenario(t, rng, c, w.Inputs, base)
		q := url.Values{}
		for name, raw := range sc.Req {
			var s string
			if json.Unmarshal(raw, &s) != nil {
				s = string(raw)
			}
			q.Set(name, s)
		}
		u := calcPath(c.Name) + "?" + q.Encode()
		tb.navigate(u)
		tb.waitLive()
		where := fmt.Sprintf("%s url #%d %s", c.Name, i, u)
		req := expectedRequest(t, c, w.Request, q)
		resp, status := coreRun(t, c.Name, req)
		if status != calc.StatusOK {
			t.Fatalf("%s: the core rejects the request: %v", where, resp)
		}
		compareFields(t, where, tb.fields(primary), resp)
		for _, in := range tb.widget(primary).Inputs {
			want, ok := sc.Values[in.Name]
			if !ok {
				continue
			}
			// Inputs are written in the page's locale (en-US here), grouped.
			got, err := strconv.ParseFloat(strings.ReplaceAll(strings.TrimSpace(in.Value), ",", ""), 64)
			if err != nil || !closeTo(got/in.Scale, want) {
				t.Errorf("%s: input %s shows %q, want %v x %v", where, in.Name, in.Value, want, in.Scale)
			}
		}
		tb.checkNoBadWords(where)
	}
}

// testCharts: every chart shown on the calculator page is drawn (ECharts
// puts a canvas or an svg in its .chart-canvas) once the page is live.
func testCharts(t *testing.T, c *calc.Calculator) {
	tb := newTab(t)
	tb.navigate(calcPath(c.Name))
	tb.waitLive()
	n := eval[int](tb, `document.querySelectorAll("section.calc[data-primary] figure.chart:not([hidden])").length`)
	if n == 0 {
		t.Fatalf("%s shows no chart", calcPath(c.Name))
	}
	showCharts(tb)
	deadline := time.Now().Add(30 * time.Second)
	for !eval[bool](tb, `Array.from(document.querySelectorAll("section.calc[data-primary] figure.chart:not([hidden]) .chart-canvas")).every(el => {
	    const g = el.querySelector("canvas, svg"); return !!g && g.getBoundingClientRect().height > 0; })`) {
		if time.Now().After(deadline) {
			t.Fatalf("%s: the charts are not drawn 30 s after the page went live: %s", c.Name,
				eval[string](tb, `Array.from(document.querySelectorAll("section.calc[data-primary] figure.chart")).map(f => f.outerHTML.slice(0, 400) + " [canvas box " + JSON.stringify(f.querySelector(".chart-canvas").getBoundingClientRect()) + "]").join("\n")`))
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// showCharts scrolls every chart into view (the page draws a chart when it
// becomes visible), one after the other, then back to the top.
func showCharts(tb *tab) {
	tb.t.Helper()
	n := eval[int](tb, `document.querySelectorAll("figure.chart:not([hidden])").length`)
	for i := range n {
		eval[bool](tb, fmt.Sprintf(`(document.querySelectorAll("figure.chart:not([hidden])")[%d].scrollIntoView({block: "center"}), true)`, i))
		time.Sleep(200 * time.Millisecond)
	}
}
