package calc

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// validator is implemented by every typed request: cross-field checks that
// the field specs cannot express (conversions <= visitors).
type validator interface {
	check(p *problems)
}

// solve validates a typed request (the field ranges and choices, the
// fields required by a condition, then the calculator's own checks) and
// computes it. Problems already in p are kept.
func solve[Req any, Resp noter](c *Calculator, req *Req, p *problems, hooks Hooks, compute func(*Req, Hooks) (Resp, error)) (Resp, error) {
	var zero Resp
	v := reflect.ValueOf(req).Elem()
	checkFields(c, v, p)
	checkRequiredWhen(c, v, p)
	if val, ok := any(req).(validator); ok {
		val.check(p)
	}
	if err := p.err(); err != nil {
		return zero, err
	}
	resp, err := compute(req, hooks)
	if err != nil {
		return zero, err
	}
	n := resp.notes()
	if n.Warnings == nil {
		n.Warnings = []Warning{}
	}
	if rv := reflect.ValueOf(resp); !allFinite(rv) {
		path := firstNonFinite(rv, "")
		return zero, Errors{{Field: "", Code: CodeNotComputable, Message: fmt.Sprintf(
			"These inputs give no finite value for %s: check that the numbers are realistic.", path)}}
	}
	return resp, nil
}

// checkFields applies each field spec's range and choices to the typed
// request v. Nil pointers (absent optional fields) are skipped.
func checkFields(c *Calculator, v reflect.Value, p *problems) {
	checkFieldList(c.Fields, v, p, scope{})
}

// checkFieldList is checkFields for a list of fields of the struct v in
// scope sc; an Array field's objects are checked in their own scopes, each
// with its item fields' ranges and conditions.
func checkFieldList(fields []Field, v reflect.Value, p *problems, sc scope) {
	idx := jsonFields(v.Type())
	for i := range fields {
		spec := &fields[i]
		f := sc.field(spec)
		j, ok := idx[spec.Name]
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
		unit := func() Unit { return spec.UnitFor(func(name string) (any, bool) { return valueOf(v, idx, name) }) }
		switch fv.Kind() {
		case reflect.Float64:
			x := fv.Float()
			if math.IsNaN(x) || math.IsInf(x, 0) || !f.inRange(x) {
				p.add(f.Name, CodeOutOfRange, f.outOfRange(unit()))
			}
		case reflect.Int:
			if !f.inRange(float64(fv.Int())) {
				p.add(f.Name, CodeOutOfRange, f.outOfRange(unit()))
			}
		case reflect.String:
			if f.Enum != nil && !slices.Contains(f.Enum, fv.String()) {
				p.add(f.Name, CodeInvalidChoice, fmt.Sprintf("%s must be %s, not %q.", f.Label, f.enumSentence(), truncate(fv.String(), 24)))
			} else if msg := f.lengthProblem(fv.String()); msg != "" {
				p.add(f.Name, CodeOutOfRange, msg)
			}
		case reflect.Slice:
			if spec.Type != Array {
				continue
			}
			for k := 0; k < fv.Len(); k++ {
				isc := sc.item(spec, k)
				if p.has(strings.TrimSuffix(isc.path, ".")) {
					continue // not an object: its fields were never read
				}
				checkFieldList(spec.Items, fv.Index(k), p, isc)
				checkRequiredWhenList(spec.Items, fv.Index(k), p, isc)
			}
		}
	}
}

// lengthProblem is the message for a string outside the field's
// MinLength..MaxLength characters, or "".
func (f *Field) lengthProblem(s string) string {
	n := utf8.RuneCountInString(s)
	switch {
	case f.MinLength > 0 && n < f.MinLength && f.MinLength == 1:
		return fmt.Sprintf("%s cannot be empty.", f.Label)
	case f.MinLength > 0 && n < f.MinLength, f.MaxLength > 0 && n > f.MaxLength:
		return fmt.Sprintf("%s must have %s characters; it has %d.", f.Label, f.lengthWords(), n)
	}
	return ""
}

// lengthWords states a string field's allowed length: "1 to 80".
func (f *Field) lengthWords() string {
	switch {
	case f.MaxLength > 0:
		return fmt.Sprintf("%d to %d", f.MinLength, f.MaxLength)
	default:
		return fmt.Sprintf("at least %d", f.MinLength)
	}
}

// checkRequiredWhen reports each field that its RequiredWhen makes
// required and the request leaves out. Conditions read the typed request:
// a field whose value could not be read (a wrong type, a null) counts as
// left out, so its default is its value and an optional field is absent.
func checkRequiredWhen(c *Calculator, v reflect.Value, p *problems) {
	checkRequiredWhenList(c.Fields, v, p, scope{})
}

// checkRequiredWhenList is checkRequiredWhen for a list of fields of the
// struct v in scope sc; conditions read v's fields (an object's siblings).
func checkRequiredWhenList(fields []Field, v reflect.Value, p *problems, sc scope) {
	idx := jsonFields(v.Type())
	for i := range fields {
		spec := &fields[i]
		f := sc.field(spec)
		if spec.RequiredWhen.IsZero() || p.has(f.Name) || isSet(v, idx, spec.Name) {
			continue
		}
		if spec.RequiredWhen.Holds(func(name string) (any, bool) { return valueOf(v, idx, name) }) {
			p.add(f.Name, CodeRequired, f.requiredWhenMessage())
		}
	}
}

// isSet reports whether an optional field (a pointer) is set; a field
// that is not a pointer always has a value.
func isSet(v reflect.Value, idx map[string]int, name string) bool {
	fv := v.Field(idx[name])
	return fv.Kind() != reflect.Pointer || !fv.IsNil()
}

// valueOf returns a typed request's value of a field for Cond.Holds: nil
// and false for an absent optional field.
func valueOf(v reflect.Value, idx map[string]int, name string) (any, bool) {
	j, ok := idx[name]
	if !ok {
		return nil, false
	}
	fv := v.Field(j)
	if fv.Kind() == reflect.Pointer {
		if fv.IsNil() {
			return nil, false
		}
		fv = fv.Elem()
	}
	return fv.Interface(), true
}
