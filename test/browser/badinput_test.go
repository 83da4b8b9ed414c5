//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

const markup = `<img src=x onerror=alert(1)>`

// badTexts are the bad values typed into a numeric field: out of range (when
// it has a bound), text, a number too large for a float, and markup.
func badTexts(f *calc.Field, scale float64) []string {
	var out []string
	switch {
	case f.Max != nil:
		out = append(out, displayText(*f.Max*2+1, scale))
	case f.Min != nil:
		out = append(out, displayText(*f.Min-1, scale))
	}
	return append(out, "abc", "1e309", markup)
}

// candidates are the requests a page may build from a bad text: the number
// it reads (divided by the scale), the text as a JSON number token, or the
// text as a JSON string. The page must show the core's message for one.
func candidates(f *calc.Field, text string, scale float64) []json.RawMessage {
	var out []json.RawMessage
	if v, err := strconv.ParseFloat(strings.TrimSpace(text), 64); err == nil && !isInf(v) {
		out = append(out, json.RawMessage(strconv.FormatFloat(v/scale, 'g', -1, 64)))
	}
	out = append(out, rawValue(f, strings.TrimSpace(text)))
	return append(out, jsonString(text))
}

func isInf(v float64) bool { return v > 1e308 || v < -1e308 }

// errorInfo is what a field's error element shows.
type errorInfo struct {
	Shown       bool   `json:"shown"`
	Text        string `json:"text"`
	AriaInvalid string `json:"ariaInvalid"`
	WrapError   bool   `json:"wrapError"`
	Stale       bool   `json:"stale"`
	StaleNote   bool   `json:"staleNote"`
}

const jsFieldError = `function (sel, name) {
  const s = document.querySelector(sel);
  const el = s.querySelector('[data-input="' + name + '"]');
  const err = document.getElementById(el.id + "-error");
  const wrap = el.closest("[data-field-wrap]");
  const results = s.querySelector(".results");
  const note = s.querySelector('[data-role="stale"]');
  return {shown: !!err && !err.hidden && err.getClientRects().length > 0,
    text: err ? (err.querySelector("[data-error-text]") || err).textContent.trim() : "",
    ariaInvalid: el.getAttribute("aria-invalid") || "", wrapError: !!wrap && wrap.classList.contains("field--error"),
    stale: !!results && results.classList.contains("is-stale"), staleNote: !!note && !note.hidden};
}`

// testBadInput types bad values into every numeric field shown: the core's
// message appears at the field, the last results stay and are marked stale,
// nothing shows NaN, Infinity or undefined, and after the correction the
// WASM module answers again with the same results.
func testBadInput(t *testing.T, c *calc.Calculator) {
	tb := newTab(t)
	tb.navigate(calcPath(c.Name))
	runs := tb.waitLive()
	w := tb.widget(primary)
	good := tb.fields(primary)
	tested := 0
	for _, in := range w.Inputs {
		f := c.Field(in.Name)
		if f == nil {
			t.Errorf("input %s is not a field of %s", in.Name, c.Name)
			continue
		}
		if in.Hidden || (f.Type != calc.Number && f.Type != calc.Integer) {
			continue
		}
		for _, bad := range badTexts(f, in.Scale) {
			where := fmt.Sprintf("%s %s=%q", c.Name, in.Name, bad)
			tb.setInputs(primary, map[string]*string{in.Name: &bad})
			runs = tb.waitState(primary, "invalid", runs)
			e := call[errorInfo](tb, jsFieldError, primary, in.Name)
			var msgs []string
			for _, cand := range candidates(f, bad, in.Scale) {
				req := requestOf(w.Request)
				for _, other := range w.Inputs { // the other inputs as shown
					if other.Name != in.Name && !other.Hidden && other.Value != "" {
						if of := c.Field(other.Name); of != nil {
							req[other.Name] = rawValue(of, valueOf(other))
						}
					}
				}
				req[in.Name] = cand
				msgs = append(msgs, coreErrors(t, c.Name, req)[in.Name]...)
			}
			// A form speaks in the units it shows: the range in percent or
			// points, without the contract's "as a fraction".
			for _, u := range f.Units() {
				if f.Min != nil || f.Max != nil {
					msgs = append(msgs, f.OutOfRangeIn(u))
				}
			}
			switch {
			case !e.Shown:
				t.Errorf("%s: the field's error message is not shown", where)
			case !containsAny(e.Text, msgs):
				t.Errorf("%s: the field shows %q, not the core's message (one of %q)", where, e.Text, msgs)
			}
			if e.AriaInvalid != "true" || !e.WrapError {
				t.Errorf("%s: aria-invalid=%q, .field--error=%v", where, e.AriaInvalid, e.WrapError)
			}
			if !e.Stale || !e.StaleNote {
				t.Errorf("%s: results not marked stale (.is-stale %v, stale note shown %v)", where, e.Stale, e.StaleNote)
			}
			assertSameFields(t, where+": the last valid results must stay", good, tb.fields(primary))
			tb.checkNoBadWords(where)
			if strings.Contains(eval[string](tb, "document.documentElement.outerHTML"), `<img src="x"`) {
				t.Errorf("%s: the markup was inserted into the page", where)
			}
			tested++
		}
		// Correct it: the error goes and the WASM module answers again.
		where := fmt.Sprintf("%s %s corrected to %q", c.Name, in.Name, in.Value)
		orig := in.Value
		tb.setInputs(primary, map[string]*string{in.Name: &orig})
		runs = tb.waitState(primary, "live", runs)
		if e := call[errorInfo](tb, jsFieldError, primary, in.Name); e.Shown || e.AriaInvalid == "true" || e.Stale {
			t.Errorf("%s: the error stays: %+v", where, e)
		}
		assertSameFields(t, where, good, tb.fields(primary))
	}
	if tested == 0 {
		t.Errorf("%s: no numeric field to test", c.Name)
	}
}

// valueOf is an input's contract value as text (its shown text / scale).
func valueOf(in inputInfo) string {
	if in.Kind == "checkbox" {
		return strconv.FormatBool(in.Checked)
	}
	text := strings.TrimSpace(in.Value)
	if v, err := strconv.ParseFloat(strings.ReplaceAll(text, ",", ""), 64); err == nil {
		// A number as the page writes it in en-US: grouped, times its scale.
		return strconv.FormatFloat(v/in.Scale, 'g', -1, 64)
	}
	return text
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if x != "" && strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func assertSameFields(t *testing.T, where string, want, got []fieldValue) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%s: %d result fields, want %d", where, len(got), len(want))
		return
	}
	for i := range want {
		a, b := want[i], got[i]
		if a.Path != b.Path || (a.Value == nil) != (b.Value == nil) || (a.Value != nil && *a.Value != *b.Value) {
			t.Errorf("%s: %s = %v, want %v", where, b.Path, deref(b.Value), deref(a.Value))
		}
	}
}

func deref(p *string) string {
	if p == nil {
		return "<none>"
	}
	return *p
}

// testHostileQuery opens the page with markup, scripts, unknown names and
// 1e309 in the query: nothing executes, nothing is inserted, and the bad
// values become field errors.
func testHostileQuery(t *testing.T, c *calc.Calculator) {
	var nums []*calc.Field
	for i := range c.Fields {
		f := &c.Fields[i]
		if (f.Type == calc.Number || f.Type == calc.Integer) && f.ShowWhen.IsZero() {
			nums = append(nums, f)
		}
	}
	if len(nums) < 2 {
		t.Fatalf("%s has fewer than two always-shown numeric fields", c.Name)
	}
	q := url.Values{}
	q.Set(nums[0].Name, `<img src=x onerror="window.__pwned=1">`)
	q.Set(nums[1].Name, "1e309")
	q.Set(`<script>window.__pwned=2</script>`, "1")
	q.Set("unknown_field", `<b id="pwned">x</b>`)
	q.Set("__proto__[polluted]", "1")
	q.Set("constructor", `{"prototype":{"polluted":1}}`)
	q.Set("currency", `"><script>window.__pwned=3</script>`)
	q.Set("locale", `<svg onload="window.__pwned=4">`)
	u := calcPath(c.Name) + "?" + q.Encode() + "&javascript:alert(1)"

	tb := newTab(t)
	tb.navigate(u)
	tb.waitState(primary, "invalid", 0)
	type verdict struct {
		Pwned    any    `json:"pwned"`
		Polluted any    `json:"polluted"`
		Found    string `json:"found"`
		HTMLHit  string `json:"htmlHit"`
	}
	v := eval[verdict](tb, `(() => {
	  const html = document.documentElement.outerHTML;
	  const bad = document.querySelector('#pwned, img[src="x"], svg[onload], [onerror], [onload], script:not([src]):not([type="application/json"]), a[href^="javascript:"]');
	  const hits = ['<img src="x"', '<b id="pwned"', '<svg onload'].filter(s => html.includes(s));
	  return {pwned: window.__pwned === undefined ? null : window.__pwned, polluted: ({}).polluted === undefined ? null : ({}).polluted,
	    found: bad ? bad.outerHTML.slice(0, 120) : "", htmlHit: hits.join(", ")};
	})()`)
	if v.Pwned != nil || v.Polluted != nil || v.Found != "" || v.HTMLHit != "" {
		t.Errorf("hostile query %s: executed or inserted: %+v", u, v)
	}
	for _, f := range nums[:2] {
		if e := call[errorInfo](tb, jsFieldError, primary, f.Name); !e.Shown || e.Text == "" {
			t.Errorf("hostile query: %s=%q shows no field error", f.Name, q.Get(f.Name))
		}
	}
	tb.checkNoBadWords("hostile query " + u)
}
