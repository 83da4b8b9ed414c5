package calc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// maxUnknownFields is how many unknown top-level fields a request may have
// before decoding stops: each is an error, and the errors list is cut at
// MaxErrors anyway, so reading on would only cost time and memory.
const maxUnknownFields = MaxErrors

// decodeObject reads exactly one JSON object, keeping values as written.
// known tells a field of the calculator; after maxUnknownFields other keys
// it stops reading and reports stopped (the request is then refused).
func decodeObject(request []byte, known func(string) bool) (raw map[string]json.RawMessage, stopped bool, err error) {
	trimmed := bytes.TrimSpace(request)
	if len(trimmed) == 0 {
		return nil, false, errors.New("The request is empty: send one JSON object, such as {\"baseline_rate\": 0.05}.")
	}
	if trimmed[0] != '{' {
		return nil, false, errors.New("The request must be one JSON object, in braces: {\"field\": value, ...}.")
	}
	invalid := func(err error) error {
		if err == io.EOF { // the object ends early
			err = io.ErrUnexpectedEOF
		}
		return fmt.Errorf("The request is not valid JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	if _, err := dec.Token(); err != nil { // the opening brace
		return nil, false, invalid(err)
	}
	raw = map[string]json.RawMessage{}
	unknown := 0
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, false, invalid(err)
		}
		key, _ := tok.(string) // Token gives only strings as object keys
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, false, invalid(err)
		}
		if !known(key) {
			if unknown++; unknown > maxUnknownFields {
				return raw, true, nil
			}
		}
		raw[key] = v
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, false, invalid(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, false, errors.New("The request has more after its JSON object: send exactly one object.")
	}
	return raw, false, nil
}

// decodeInto reads raw JSON values into the typed request req (a pointer to
// a request struct holding the defaults) by the field specs, recording
// unknown fields, nulls, wrong types and absent required fields. A field
// with a problem keeps its default.
func (c *Calculator) decodeInto(raw map[string]json.RawMessage, req any, p *problems) {
	decodeFields(c.Name, c.Fields, raw, reflect.ValueOf(req).Elem(), p, scope{})
}

// scope places a field list in a request for error messages: the top level
// (the zero scope), or one object of an Array field, whose fields are
// named "ideas[2].expected_lift" and labelled "Expected lift of idea 3".
type scope struct {
	path  string // "" at the top, "ideas[2]." inside the third idea
	label string // "" at the top, " of idea 3"
}

// field returns f as the scope names it in errors: f itself at the top,
// else a copy with the scope's path and label.
func (s scope) field(f *Field) *Field {
	if s.path == "" {
		return f
	}
	g := *f
	g.Name = s.path + f.Name
	g.Label = f.Label + s.label
	return &g
}

// item is the scope of the k-th object (from 0) of the Array field f,
// itself named in scope s.
func (s scope) item(f *Field, k int) scope {
	noun := f.ItemNoun
	if noun == "" {
		noun = "item"
	}
	return scope{path: fmt.Sprintf("%s%s[%d].", s.path, f.Name, k), label: fmt.Sprintf("%s of %s %d", s.label, noun, k+1)}
}

// decodeFields reads the raw values of one JSON object into the struct v
// by fields, in scope sc (see decodeInto); calc names the calculator in
// the message of an unknown field.
func decodeFields(calc string, fields []Field, raw map[string]json.RawMessage, v reflect.Value, p *problems, sc scope) {
	idx := jsonFields(v.Type())
	// Report in the spec's order, then unknown fields in name order, so the
	// same request always gives the same list.
	for i := range fields {
		spec := &fields[i]
		f := sc.field(spec)
		r, present := raw[spec.Name]
		if !present {
			// A request read only in part (too many unknown fields) may
			// hold its top-level fields after the point where reading
			// stopped: they are not called missing.
			if f.Required && !(p.stopped && sc.path == "") {
				p.add(f.Name, CodeRequired, fmt.Sprintf("%s is required: %s", f.Label, lowerFirst(f.Help)))
			}
			continue
		}
		x, ok := f.decode(r, p)
		if !ok {
			continue
		}
		fv := v.Field(idx[spec.Name])
		if spec.Type == Array {
			decodeItems(calc, spec, x.([]json.RawMessage), fv, p, sc)
			continue
		}
		if !setValue(fv, x) {
			// Unreachable: define checked at start-up that each field's
			// struct type takes what decode gives for its Type.
			p.add(f.Name, CodeInternal, fmt.Sprintf("%s could not be read by the calculator (an error of roikit's, not of the request).", f.Label))
		}
	}
	var unknown []string
	for name := range raw {
		if lookupField(fields, name) == nil {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, key := range unknown {
		name := echoedKey(key)
		where := "the " + calc + " calculator"
		if sc.path != "" {
			where = strings.TrimPrefix(sc.label, " of ")
		}
		msg := fmt.Sprintf("%q is not a field of %s.", name, where)
		if s := suggest(fields, key); s != "" {
			msg += fmt.Sprintf(" Did you mean %q?", s)
		} else {
			msg += " Its fields are listed by `roikit " + calc + " --help`."
		}
		p.add(sc.path+name, CodeUnknownField, msg)
	}
}

// maxEchoedKey is the longest unknown key, in characters, that an error
// repeats whole: longer ones are cut, so that an answer stays small however
// long the keys sent (its errors are capped at MaxErrors).
const maxEchoedKey = 40

// echoedKey is key as an error names it: cut to maxEchoedKey characters,
// with "…" when cut.
func echoedKey(key string) string {
	if r := []rune(key); len(r) > maxEchoedKey {
		return string(r[:maxEchoedKey]) + "…"
	}
	return key
}

// decodeItems reads the objects of the Array field spec into the slice
// field fv: each starts from the item fields' defaults, and its problems
// are named in the object's own scope.
func decodeItems(calc string, spec *Field, elems []json.RawMessage, fv reflect.Value, p *problems, sc scope) {
	slice := reflect.MakeSlice(fv.Type(), len(elems), len(elems))
	for k, r := range elems {
		ev := slice.Index(k)
		if err := applyDefaults(spec.Items, ev.Addr().Interface()); err != nil {
			panic("calc: " + err.Error()) // unreachable: define checked the item fields at start-up
		}
		isc := sc.item(spec, k)
		var obj map[string]json.RawMessage
		t := bytes.TrimSpace(r)
		if len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &obj) != nil {
			name := strings.TrimSuffix(isc.path, ".")
			p.add(name, CodeWrongType, fmt.Sprintf("%s must be an object of named fields, such as {\"name\": \"Recommendations\", ...}, not %s.",
				upperFirst(strings.TrimPrefix(isc.label, " of ")), describeJSON(string(t))))
			continue
		}
		decodeFields(calc, spec.Items, obj, ev, p, isc)
	}
	fv.Set(slice)
}

// lookupField returns the spec of the named field in fields, or nil.
func lookupField(fields []Field, name string) *Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	return nil
}

// decode reads one raw JSON value for the field: a float64, an int, a
// string or a bool, by the field's type.
func (f *Field) decode(r json.RawMessage, p *problems) (any, bool) {
	s := strings.TrimSpace(string(r))
	if s == "null" {
		p.add(f.Name, CodeNull, fmt.Sprintf("%s cannot be null: leave it out to use the default, or give a value.", f.Label))
		return nil, false
	}
	switch f.Type {
	case Number, Integer:
		if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be a number (%s), not %s.", f.Label, f.RangeWords(), describeJSON(s)))
			return nil, false
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			p.add(f.Name, CodeOutOfRange, f.outOfRange(f.Unit))
			return nil, false
		}
		if f.Type == Integer {
			if v != math.Trunc(v) {
				p.add(f.Name, CodeNotInteger, fmt.Sprintf("%s must be a whole number (%s).", f.Label, f.RangeWords()))
				return nil, false
			}
			if math.Abs(v) > 1<<53 {
				p.add(f.Name, CodeOutOfRange, f.outOfRange(f.Unit))
				return nil, false
			}
			return int(v), true
		}
		return v, true
	case String, Text:
		var str string
		if err := json.Unmarshal(r, &str); err != nil {
			what := "text"
			if f.Enum != nil {
				what = f.enumSentence()
			}
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be %s, not %s.", f.Label, what, describeJSON(s)))
			return nil, false
		}
		return str, true
	case Array:
		var elems []json.RawMessage
		if s == "" || s[0] != '[' || json.Unmarshal(r, &elems) != nil {
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be a list of objects, not %s.", f.Label, describeJSON(s)))
			return nil, false
		}
		if len(elems) < f.MinItems || (f.MaxItems > 0 && len(elems) > f.MaxItems) {
			p.add(f.Name, CodeOutOfRange, fmt.Sprintf("%s must hold %s; this request has %d.", f.Label, f.itemsWords(), len(elems)))
			return nil, false
		}
		return elems, true
	case Boolean:
		if s != "true" && s != "false" {
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be true or false, not %s.", f.Label, describeJSON(s)))
			return nil, false
		}
		return s == "true", true
	}
	return nil, false
}

// setValue stores x (float64, int, string or bool) in the struct field fv,
// allocating a pointer field; it reports false when x does not fit.
func setValue(fv reflect.Value, x any) bool {
	if fv.Kind() == reflect.Pointer {
		nv := reflect.New(fv.Type().Elem())
		if !setValue(nv.Elem(), x) {
			return false
		}
		fv.Set(nv)
		return true
	}
	switch fv.Kind() {
	case reflect.Float64:
		switch n := x.(type) {
		case float64:
			fv.SetFloat(n)
			return true
		case int:
			fv.SetFloat(float64(n))
			return true
		}
	case reflect.Int:
		if n, ok := x.(int); ok {
			fv.SetInt(int64(n))
			return true
		}
	case reflect.String:
		if s, ok := x.(string); ok {
			fv.SetString(s)
			return true
		}
	case reflect.Bool:
		if b, ok := x.(bool); ok {
			fv.SetBool(b)
			return true
		}
	}
	return false
}

// fieldIndex maps a struct type's JSON names to its field indexes.
var fieldIndex sync.Map // reflect.Type -> map[string]int

// jsonFields returns the JSON names of a struct type's fields with their
// indexes (fields tagged "-" or without a tag are left out).
func jsonFields(t reflect.Type) map[string]int {
	if m, ok := fieldIndex.Load(t); ok {
		return m.(map[string]int)
	}
	m := map[string]int{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = i
		}
	}
	fieldIndex.Store(t, m)
	return m
}

// describeJSON names the kind of a JSON value for an error message.
func describeJSON(s string) string {
	switch {
	case s == "":
		return "nothing"
	case s[0] == '"':
		return "text (" + truncate(s, 24) + ")"
	case s[0] == '{':
		return "an object"
	case s[0] == '[':
		return "a list"
	case s == "true" || s == "false":
		return s
	}
	return truncate(s, 24)
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// suggest returns the field name of fields closest to a misspelt one, or "".
func suggest(fields []Field, name string) string {
	best, bestD := "", min(3, len(name)/3+1)
	norm := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	for _, f := range fields {
		if d := editDistance(norm, f.Name); d < bestD {
			best, bestD = f.Name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
