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

// Calculator describes one calculator of the contract: its request fields,
// its outputs, and how to run it. The values in the registry are read-only.
type Calculator struct {
	Name        string   `json:"name"`        // as in the URL and the CLI: "samplesize"
	Title       string   `json:"title"`       // "A/B test sample size and duration"
	Description string   `json:"description"` // one sentence
	Fields      []Field  `json:"fields"`
	Outputs     []Output `json:"outputs"`

	// run decodes type-checked values into the typed request, validates and
	// computes. values holds only fields that passed the type checks.
	run func(values map[string]any, p *problems) (any, error)
}

// Field returns the spec of the named request field, or nil.
func (c *Calculator) Field(name string) *Field {
	for i := range c.Fields {
		if c.Fields[i].Name == name {
			return &c.Fields[i]
		}
	}
	return nil
}

// Output returns the spec of the named response field, or nil.
func (c *Calculator) Output(name string) *Output {
	for i := range c.Outputs {
		if c.Outputs[i].Name == name {
			return &c.Outputs[i]
		}
	}
	return nil
}

// Calculators lists every calculator, in the order a site menu shows them.
func Calculators() []*Calculator { return registry }

// Lookup returns the calculator with the given name.
func Lookup(name string) (*Calculator, bool) {
	for _, c := range registry {
		if c.Name == name {
			return c, true
		}
	}
	return nil, false
}

// Names lists the calculators' names.
func Names() []string {
	names := make([]string, len(registry))
	for i, c := range registry {
		names[i] = c.Name
	}
	return names
}

// Status classifies the outcome of RunJSON.
type Status int

// The outcomes of RunJSON.
const (
	StatusOK        Status = iota // the response holds the outputs and warnings
	StatusInvalid                 // the response holds errors about the request's fields
	StatusMalformed               // the request is not one JSON object
	StatusUnknown                 // no calculator has that name
)

// errorsBody is the contract's invalid-input response.
type errorsBody struct {
	Errors Errors `json:"errors"`
}

// RunJSON runs the named calculator on a JSON request and returns the JSON
// response: the outputs and warnings (StatusOK) or the contract's errors
// object (any other status). It never panics on any input and never returns
// NaN or Infinity.
func RunJSON(name string, request []byte) ([]byte, Status) {
	c, ok := Lookup(name)
	if !ok {
		return marshalErrors(Errors{{Code: CodeUnknownCalc, Message: fmt.Sprintf(
			"There is no calculator called %q. The calculators are %s.", name, strings.Join(Names(), ", "))}}), StatusUnknown
	}
	raw, err := decodeObject(request)
	if err != nil {
		return marshalErrors(Errors{{Code: CodeMalformedJSON, Message: err.Error()}}), StatusMalformed
	}
	var p problems
	values := c.typeCheck(raw, &p)
	return c.respond(c.run(values, &p))
}

// respond writes a calculator's answer: the response JSON (StatusOK), or the
// contract's errors object in the order of the form's fields.
func (c *Calculator) respond(resp any, err error) ([]byte, Status) {
	if err != nil {
		var errs Errors
		if !errors.As(err, &errs) {
			errs = Errors{{Code: CodeNotComputable, Message: err.Error()}}
		}
		return marshalErrors(c.inSpecOrder(errs)), StatusInvalid
	}
	out, err := json.Marshal(resp)
	if err != nil { // unreachable: responses are checked finite before this
		return marshalErrors(Errors{{Code: CodeNotComputable, Message: "The result could not be written: " + err.Error()}}), StatusInvalid
	}
	return out, StatusOK
}

// inSpecOrder sorts errors in the order of the form's fields, unknown fields
// and whole-request problems last, so a list reads top to bottom.
func (c *Calculator) inSpecOrder(errs Errors) Errors {
	rank := func(name string) int {
		for i := range c.Fields {
			if c.Fields[i].Name == name {
				return i
			}
		}
		return len(c.Fields)
	}
	sorted := append(Errors(nil), errs...)
	sort.SliceStable(sorted, func(i, j int) bool { return rank(sorted[i].Field) < rank(sorted[j].Field) })
	return sorted
}

func marshalErrors(errs Errors) []byte {
	b, _ := json.Marshal(errorsBody{Errors: errs})
	return b
}

// decodeObject reads exactly one JSON object, keeping numbers as written.
func decodeObject(request []byte) (map[string]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(request)
	if len(trimmed) == 0 {
		return nil, errors.New("The request is empty: send one JSON object, such as {\"baseline_rate\": 0.05}.")
	}
	if trimmed[0] != '{' {
		return nil, errors.New("The request must be one JSON object, in braces: {\"field\": value, ...}.")
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var raw map[string]json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return nil, fmt.Errorf("The request is not valid JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, errors.New("The request has more after its JSON object: send exactly one object.")
	}
	return raw, nil
}

// typeCheck turns raw JSON values into Go values (float64, int, string, bool)
// by the field specs, recording unknown fields, nulls, wrong types and absent
// required fields. Fields with problems are left out of the result.
func (c *Calculator) typeCheck(raw map[string]json.RawMessage, p *problems) map[string]any {
	values := make(map[string]any, len(raw))
	// Report in the spec's order, then unknown fields in name order, so the
	// same request always gives the same list.
	for i := range c.Fields {
		f := &c.Fields[i]
		r, present := raw[f.Name]
		if !present {
			if f.Required {
				p.add(f.Name, CodeRequired, fmt.Sprintf("%s is required: %s", f.Label, lowerFirst(f.Help)))
			}
			continue
		}
		if v, ok := f.decode(r, p); ok {
			values[f.Name] = v
		}
	}
	var unknown []string
	for name := range raw {
		if c.Field(name) == nil {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		msg := fmt.Sprintf("%q is not a field of the %s calculator.", name, c.Name)
		if s := c.suggest(name); s != "" {
			msg += fmt.Sprintf(" Did you mean %q?", s)
		} else {
			msg += " Its fields are listed by `roikit " + c.Name + " --help`."
		}
		p.add(name, CodeUnknownField, msg)
	}
	return values
}

// decode reads one raw JSON value for the field.
func (f *Field) decode(r json.RawMessage, p *problems) (any, bool) {
	s := strings.TrimSpace(string(r))
	if s == "null" {
		p.add(f.Name, CodeNull, fmt.Sprintf("%s cannot be null: leave it out to use the default, or give a value.", f.Label))
		return nil, false
	}
	switch f.Type {
	case Number, Integer:
		if s == "" || (s[0] != '-' && (s[0] < '0' || s[0] > '9')) {
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be a number (%s), not %s.", f.Label, f.rangeSentence(), describeJSON(s)))
			return nil, false
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
			p.add(f.Name, CodeOutOfRange, f.outOfRange())
			return nil, false
		}
		if f.Type == Integer {
			if v != math.Trunc(v) {
				p.add(f.Name, CodeNotInteger, fmt.Sprintf("%s must be a whole number (%s).", f.Label, f.rangeSentence()))
				return nil, false
			}
			if math.Abs(v) > 1<<53 {
				p.add(f.Name, CodeOutOfRange, f.outOfRange())
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
	case Boolean:
		if s != "true" && s != "false" {
			p.add(f.Name, CodeWrongType, fmt.Sprintf("%s must be true or false, not %s.", f.Label, describeJSON(s)))
			return nil, false
		}
		return s == "true", true
	}
	return nil, false
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

// suggest returns the field name closest to a misspelt one, or "".
func (c *Calculator) suggest(name string) string {
	best, bestD := "", min(3, len(name)/3+1)
	norm := strings.ToLower(strings.ReplaceAll(name, "-", "_"))
	for _, f := range c.Fields {
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

// validator is implemented by every typed request: cross-field checks that
// the field specs cannot express (conversions <= visitors, required-when).
type validator interface {
	check(p *problems)
}

// noter is implemented by every response through its embedded Notes.
type noter interface {
	notes() *Notes
}

// Notes carries a response's warnings. Every response embeds it, so
// "warnings" is always present, as an empty list when there is nothing to say.
type Notes struct {
	Warnings []Warning `json:"warnings"`
}

func (n *Notes) notes() *Notes { return n }

// warn adds a warning.
func (n *Notes) warn(code, message string) {
	n.Warnings = append(n.Warnings, Warning{Code: code, Message: message})
}

// define builds a registry entry from a calculator's typed parts: a
// constructor of the request with its defaults, and compute, which may assume
// a valid request.
func define[Req any, Resp noter](c Calculator, newRequest func() Req, compute func(*Req) (Resp, error)) *Calculator {
	entry := &c
	entry.run = func(values map[string]any, p *problems) (any, error) {
		req := newRequest()
		if len(values) > 0 {
			b, err := json.Marshal(values)
			if err == nil {
				err = json.Unmarshal(b, &req)
			}
			if err != nil { // unreachable: values are type-checked
				p.add("", CodeWrongType, "The request could not be read: "+err.Error())
			}
		}
		return solve(entry, &req, p, compute)
	}
	return entry
}

// solve validates a typed request (the field ranges, then the calculator's
// own checks) and computes it. Problems already in p are kept.
func solve[Req any, Resp noter](c *Calculator, req *Req, p *problems, compute func(*Req) (Resp, error)) (Resp, error) {
	var zero Resp
	checkFields(c, req, p)
	if v, ok := any(req).(validator); ok {
		v.check(p)
	}
	if err := p.err(); err != nil {
		return zero, err
	}
	resp, err := compute(req)
	if err != nil {
		return zero, err
	}
	n := resp.notes()
	if n.Warnings == nil {
		n.Warnings = []Warning{}
	}
	if v := reflect.ValueOf(resp); !allFinite(v) {
		path := firstNonFinite(v, "")
		return zero, Errors{{Field: "", Code: CodeNotComputable, Message: fmt.Sprintf(
			"These inputs give no finite value for %s: check that the numbers are realistic.", path)}}
	}
	return resp, nil
}

// run is the typed entry point shared by the exported calculator functions.
func run[Req any, Resp noter](c *Calculator, req Req, compute func(*Req) (Resp, error)) (Resp, error) {
	var p problems
	return solve(c, &req, &p, compute)
}

// fieldIndex maps a request struct's JSON names to its field indexes.
var fieldIndex sync.Map // reflect.Type -> map[string]int

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

// checkFields applies each field spec's range and choices to the typed
// request. Nil pointers (absent optional fields) are skipped.
func checkFields(c *Calculator, req any, p *problems) {
	v := reflect.ValueOf(req).Elem()
	idx := jsonFields(v.Type())
	for i := range c.Fields {
		f := &c.Fields[i]
		j, ok := idx[f.Name]
		if !ok || p.has(f.Name) {
			continue
		}
		fv := v.Field(j)
		if fv.Kind() == reflect.Pointer {
			if fv.IsNil() {
				continue
			}
			fv = fv.Elem()
		}
		switch fv.Kind() {
		case reflect.Float64:
			x := fv.Float()
			if math.IsNaN(x) || math.IsInf(x, 0) || !f.inRange(x) {
				p.add(f.Name, CodeOutOfRange, f.outOfRange())
			}
		case reflect.Int:
			if !f.inRange(float64(fv.Int())) {
				p.add(f.Name, CodeOutOfRange, f.outOfRange())
			}
		case reflect.String:
			if f.Enum != nil && !contains(f.Enum, fv.String()) {
				p.add(f.Name, CodeInvalidChoice, fmt.Sprintf("%s must be %s, not %q.", f.Label, f.enumSentence(), truncate(fv.String(), 24)))
			}
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// allFinite reports whether every number in a response is finite. It is the
// fast check; firstNonFinite names the culprit once one is known to exist.
func allFinite(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		x := v.Float()
		return !math.IsNaN(x) && !math.IsInf(x, 0)
	case reflect.Pointer, reflect.Interface:
		return v.IsNil() || allFinite(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Float64 {
			for i := 0; i < v.Len(); i++ {
				if x := v.Index(i).Float(); math.IsNaN(x) || math.IsInf(x, 0) {
					return false
				}
			}
			return true
		}
		for i := 0; i < v.Len(); i++ {
			if !allFinite(v.Index(i)) {
				return false
			}
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			// CanInterface is false for unexported fields, and much cheaper
			// than reading the field's reflect.StructField.
			if f := v.Field(i); f.CanInterface() && !allFinite(f) {
				return false
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if !allFinite(iter.Value()) {
				return false
			}
		}
	}
	return true
}

// firstNonFinite returns the JSON path of the first NaN or infinite number
// in a response, or "".
func firstNonFinite(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Float64, reflect.Float32:
		if x := v.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			if path == "" {
				return "the result"
			}
			return path
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return firstNonFinite(v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			if s := firstNonFinite(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); s != "" {
				return s
			}
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < v.NumField(); i++ {
			if !t.Field(i).IsExported() {
				continue
			}
			name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
			sub := path
			if name != "" && name != "-" {
				if sub != "" {
					sub += "."
				}
				sub += name
			}
			if s := firstNonFinite(v.Field(i), sub); s != "" {
				return s
			}
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			if s := firstNonFinite(iter.Value(), path+"."+iter.Key().String()); s != "" {
				return s
			}
		}
	}
	return ""
}
