//go:build browser

package browser_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

// coreRun runs the Go core directly, as `roikit run NAME` does, and decodes
// the response with its numbers as written.
func coreRun(t testing.TB, name string, req map[string]json.RawMessage) (any, calc.Status) {
	t.Helper()
	b := marshalRaw(t, req)
	out, status := calc.RunJSON(name, b)
	dec := json.NewDecoder(bytes.NewReader(out))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("decoding the core's answer for %s: %v", name, err)
	}
	return v, status
}

// coreErrors returns the core's error messages by field for an invalid request.
func coreErrors(t testing.TB, name string, req map[string]json.RawMessage) map[string][]string {
	t.Helper()
	v, status := coreRun(t, name, req)
	out := map[string][]string{}
	if status == calc.StatusOK {
		return out
	}
	errs, _ := v.(map[string]any)["errors"].([]any)
	for _, e := range errs {
		m := e.(map[string]any)
		f, _ := m["field"].(string)
		msg, _ := m["message"].(string)
		out[f] = append(out[f], msg)
	}
	return out
}

// lookup follows a dotted path (object keys, array indexes) in a decoded
// response; ok is false when the path does not exist.
func lookup(v any, path string) (any, bool) {
	for _, p := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = x[p]; !ok {
				return nil, false
			}
		case []any:
			i, err := strconv.Atoi(p)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// sameValue compares a data-value (raw JSON) with the core's value: exactly
// for strings, booleans, null and integers; within a relative 1e-9 for other
// numbers (a JSON round trip, and the WASM build's math library).
func sameValue(dataValue string, want any) (bool, string) { return sameValueTol(dataValue, want, 1e-9) }

// sameValueTol is sameValue with a relative tolerance for non-integers.
func sameValueTol(dataValue string, want any, rel float64) (bool, string) {
	dec := json.NewDecoder(strings.NewReader(dataValue))
	dec.UseNumber()
	var got any
	if err := dec.Decode(&got); err != nil {
		return false, fmt.Sprintf("data-value %q is not JSON", dataValue)
	}
	wantJSON, _ := json.Marshal(want)
	gn, gok := got.(json.Number)
	wn, wok := want.(json.Number)
	if gok && wok {
		g, err1 := gn.Float64()
		w, err2 := wn.Float64()
		if err1 != nil || err2 != nil {
			return false, "unreadable number"
		}
		integral := func(s json.Number) bool { return !strings.ContainsAny(string(s), ".eE") }
		if integral(gn) && integral(wn) {
			return gn.String() == wn.String(), fmt.Sprintf("got %s, want %s (exact)", gn, wn)
		}
		return within(g, w, rel), fmt.Sprintf("got %s, want %s", gn, wn)
	}
	gotJSON, _ := json.Marshal(got)
	if _, isObj := want.(map[string]any); isObj {
		return false, "the element names an object, not a value"
	}
	if _, isArr := want.([]any); isArr {
		return false, "the element names a list, not a value"
	}
	return string(gotJSON) == string(wantJSON), fmt.Sprintf("got %s, want %s", gotJSON, wantJSON)
}

// within reports whether got equals want within rel relative to want, or
// within 1e-15 absolutely (for values at or near 0).
func within(got, want, rel float64) bool {
	return math.Abs(got-want) <= math.Max(rel*math.Max(math.Abs(want), 1e-300), 1e-15)
}

// compareFields checks every [data-field] of a widget against the core's
// response: equal values, and elements for absent or null values hidden (or
// holding null). It returns how many values it compared.
func compareFields(t testing.TB, where string, fields []fieldValue, resp any) int {
	t.Helper()
	return compareFieldsTol(t, where, fields, resp, 1e-9)
}

// compareFieldsTol is compareFields with a relative tolerance for non-integers.
func compareFieldsTol(t testing.TB, where string, fields []fieldValue, resp any, rel float64) int {
	t.Helper()
	if len(fields) == 0 {
		t.Errorf("%s: the widget shows no [data-field] result", where)
		return 0
	}
	compared := 0
	for _, f := range fields {
		want, ok := lookup(resp, f.Path)
		if !ok || want == nil {
			if f.Visible && f.Value != nil && *f.Value != "null" {
				t.Errorf("%s: %s shows %s (%q) but the core has no value there", where, f.Path, *f.Value, f.Text)
			}
			continue
		}
		if f.Value == nil {
			t.Errorf("%s: %s has no data-value", where, f.Path)
			continue
		}
		if same, msg := sameValueTol(*f.Value, want, rel); !same {
			t.Errorf("%s: %s: %s", where, f.Path, msg)
			continue
		}
		compared++
	}
	if compared == 0 {
		t.Errorf("%s: no result value matched the core", where)
	}
	return compared
}

// expectedRequest is the request the page computed: its data-request with
// the URL query on top (the query holds the inputs that differ from it; an
// empty value is an emptied input, so the field is absent),
// typed by the calculator's field specs.
func expectedRequest(t testing.TB, c *calc.Calculator, dataRequest string, q url.Values) map[string]json.RawMessage {
	t.Helper()
	req := requestOf(dataRequest)
	for name, vals := range q {
		f := c.Field(name)
		if f == nil || len(vals) == 0 {
			continue // settings (currency, locale, theme...) are not contract fields
		}
		v := vals[len(vals)-1]
		if v == "" {
			delete(req, name) // an empty input: the field is absent, its default applies
			continue
		}
		req[name] = rawValue(f, v)
	}
	return req
}

// rawValue writes a query value as JSON of the field's type: numbers as
// written when they are JSON numbers, anything else as a JSON string (the
// core then names the field and says it must be a number).
func rawValue(f *calc.Field, s string) json.RawMessage {
	switch f.Type {
	case calc.Number, calc.Integer:
		var n json.Number
		if err := json.Unmarshal([]byte(s), &n); err == nil && strings.TrimSpace(s) == s {
			return json.RawMessage(s)
		}
	case calc.Boolean:
		if s == "true" || s == "false" {
			return json.RawMessage(s)
		}
	case calc.Array: // the items as a JSON array (the page also reads its compact rows, ideasrows.js)
		if json.Valid([]byte(s)) && strings.HasPrefix(strings.TrimSpace(s), "[") {
			return json.RawMessage(s)
		}
	}
	return jsonString(s)
}

// --- random valid requests from the field specs --------------------------

// A scenario is a request as a person types it: each input's text.
type scenario struct {
	Texts  map[string]*string         // input name -> text (nil: cleared)
	Values map[string]float64         // intended contract values of numbers
	Req    map[string]json.RawMessage // the contract request
}

// condHolds evaluates a spec condition on a request with calc's own
// evaluator (the one the page's is tested against).
func condHolds(c *calc.Calculator, cond calc.Cond, req map[string]json.RawMessage) bool {
	values := make(map[string]any, len(req))
	for k, raw := range req {
		var v any
		if json.Unmarshal(raw, &v) == nil {
			values[k] = v
		}
	}
	return c.CondHolds(cond, values)
}

// displayText writes a number as a person would type it, with four
// significant digits, in the input's units (x scale).
func displayText(v, scale float64) string {
	d := v * scale
	if d == 0 {
		return "0"
	}
	decimals := 3 - int(math.Floor(math.Log10(math.Abs(d))))
	if decimals < 0 {
		d = math.Round(d/math.Pow(10, float64(-decimals))) * math.Pow(10, float64(-decimals))
		decimals = 0
	}
	s := strconv.FormatFloat(d, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// randomScenario draws requests from the field specs until the core accepts
// one. inputs are the widget's inputs (for the scales); base is its
// data-request, whose fields are always set (the query is relative to it).
func randomScenario(t testing.TB, rng *rand.Rand, c *calc.Calculator, inputs []inputInfo, base map[string]json.RawMessage) scenario {
	t.Helper()
	byName := map[string]inputInfo{}
	for _, in := range inputs {
		byName[in.Name] = in
	}
	for try := 0; try < 500; try++ {
		sc := scenario{Texts: map[string]*string{}, Values: map[string]float64{}, Req: map[string]json.RawMessage{}}
		// Enums first: they decide which fields show.
		for _, f := range c.Fields {
			if _, ok := byName[f.Name]; !ok || f.Type != calc.String || len(f.Enum) == 0 {
				continue
			}
			v := f.Enum[rng.IntN(len(f.Enum))]
			if _, inBase := base[f.Name]; !inBase && rng.IntN(3) == 0 && f.Default != nil {
				v = fmt.Sprint(f.Default)
			}
			sc.Texts[f.Name] = &v
			if f.Default == nil || v != fmt.Sprint(f.Default) || base[f.Name] != nil {
				b, _ := json.Marshal(v)
				sc.Req[f.Name] = b
			}
		}
		names := make([]string, 0, len(c.Fields))
		for _, f := range c.Fields {
			names = append(names, f.Name)
		}
		// Fields in order; conditions on earlier fields (lift_low) are known.
		for _, name := range names {
			f := c.Field(name)
			in, ok := byName[name]
			if !ok || f.Type == calc.String || f.Type == calc.Text || f.Type == calc.Boolean {
				continue
			}
			_, inBase := base[name]
			include := inBase || f.Required || !f.RequiredWhen.IsZero() && condHolds(c, f.RequiredWhen, sc.Req) || rng.IntN(2) == 0
			if !condHolds(c, f.ShowWhen, sc.Req) {
				include = false
			}
			if !include {
				sc.Texts[name] = nil
				continue
			}
			v := drawNumber(rng, c.Name, f)
			text := displayText(v, in.Scale)
			if f.Type == calc.Integer {
				text = strconv.FormatInt(int64(math.Round(v)), 10)
			}
			sc.Texts[name] = &text
			d, _ := strconv.ParseFloat(text, 64)
			intended := d / in.Scale
			sc.Values[name] = intended
			sc.Req[name] = json.RawMessage(strconv.FormatFloat(intended, 'g', -1, 64))
		}
		// A field without an input of its own (an Array field, edited as a
		// table: the prioritize page's ideas) keeps the page's starting value.
		for name, raw := range base {
			if _, ok := byName[name]; !ok && c.Field(name) != nil && c.Field(name).Type == calc.Array {
				sc.Req[name] = raw
			}
		}
		if _, status := coreRun(t, c.Name, sc.Req); status == calc.StatusOK {
			return sc
		}
	}
	t.Fatalf("%s: no valid random request in 500 draws", c.Name)
	return scenario{}
}

// drawNumber draws a realistic value for a numeric field: around its example
// or default, inside its range.
func drawNumber(rng *rand.Rand, calcName string, f *calc.Field) float64 {
	lo, hi := -1e6, 1e6
	if f.Min != nil {
		lo = *f.Min
	}
	if f.Max != nil {
		hi = *f.Max
	}
	var v float64
	switch {
	case f.Name == "simulations":
		v = float64(1000 + rng.IntN(9000))
	case f.Name == "seed":
		v = float64(rng.IntN(100000))
	case f.Name == "sides":
		v = float64(1 + rng.IntN(2))
	case f.Name == "variants":
		v = float64(2 + rng.IntN(4))
	case f.Type == calc.Integer && hi-lo <= 200:
		v = lo + float64(rng.IntN(int(hi-lo)+1))
	default:
		center, ok := toFloat(f.Example)
		if !ok {
			center, _ = toFloat(f.Default)
		}
		switch {
		case center != 0:
			v = center * math.Exp(rng.Float64()*1.4-0.7)
		case f.Unit == calc.Fraction && hi <= 1:
			v = lo + (math.Min(hi, lo+0.5)-lo)*rng.Float64()
		default:
			v = lo + (math.Min(hi, lo+100)-lo)*rng.Float64()
		}
	}
	if f.Type == calc.Integer {
		v = math.Round(v)
	}
	// Keep strictly inside exclusive bounds, with room for four digits.
	span := hi - lo
	if v <= lo {
		v = lo + span*0.01
	}
	if v >= hi {
		v = hi - span*0.01
	}
	return v
}

// closeTo compares an intended input value with the one the page used.
func closeTo(a, b float64) bool {
	return math.Abs(a-b) <= 1e-12*math.Max(math.Abs(a), math.Abs(b)) || a == b
}

// toFloat reads a spec's example or default as a number.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

// marshalRaw writes a request as the page's JSON.stringify does: without
// Go's HTML escaping of <, > and & (the core quotes the text it got).
func marshalRaw(t testing.TB, req map[string]json.RawMessage) []byte {
	t.Helper()
	var b bytes.Buffer
	b.WriteByte('{')
	for i, k := range slices.Sorted(maps.Keys(req)) {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(k))
		b.WriteByte(':')
		b.Write(req[k])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// jsonString is a JSON string without HTML escaping, as JSON.stringify writes it.
func jsonString(s string) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return bytes.TrimRight(b.Bytes(), "\n")
}
