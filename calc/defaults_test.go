package calc

import (
	"encoding/json"
	"reflect"
	"testing"
)

// constructors are the exported NewXRequest functions, by calculator.
var constructors = map[string]func() any{
	"samplesize":   func() any { r := NewSampleSizeRequest(); return &r },
	"significance": func() any { r := NewSignificanceRequest(); return &r },
	"clv":          func() any { r := NewCLVRequest(); return &r },
	"roi":          func() any { r := NewROIRequest(); return &r },
	"clvfit":       func() any { r := NewCLVFitRequest(); return &r },
	"prioritize":   func() any { r := NewPrioritizeRequest(); return &r },
}

// TestConstructorsMatchSpec: every calculator's constructor holds each
// field's spec default, and nothing for the fields without one; a default
// has the Go type of its field's JSON type.
func TestConstructorsMatchSpec(t *testing.T) {
	for _, c := range Calculators() {
		newRequest, ok := constructors[c.Name]
		if !ok {
			t.Errorf("%s has no constructor in this test", c.Name)
			continue
		}
		v := reflect.ValueOf(newRequest()).Elem()
		idx := jsonFields(v.Type())
		for _, f := range c.Fields {
			j, ok := idx[f.Name]
			if !ok {
				t.Errorf("%s.%s: the request type has no such field", c.Name, f.Name)
				continue
			}
			if f.Default != nil {
				want := map[Type]reflect.Kind{Number: reflect.Float64, Integer: reflect.Int, String: reflect.String, Text: reflect.String, Boolean: reflect.Bool}[f.Type]
				if k := reflect.TypeOf(f.Default).Kind(); k != want {
					t.Errorf("%s.%s: default %#v is a %s, the field's type %s wants a %s", c.Name, f.Name, f.Default, k, f.Type, want)
				}
			}
			fv := v.Field(j)
			if fv.Kind() == reflect.Pointer {
				if !fv.IsNil() {
					t.Errorf("%s.%s: an optional field is set by the constructor", c.Name, f.Name)
				}
				continue // its default, if any, is checked by TestOptionalDefaults
			}
			got := fv.Interface()
			if f.Default == nil {
				if !fv.IsZero() {
					t.Errorf("%s.%s: the constructor sets %#v, the spec has no default", c.Name, f.Name, got)
				}
				continue
			}
			if !reflect.DeepEqual(got, f.Default) {
				t.Errorf("%s.%s: the constructor sets %#v, the spec's default is %#v", c.Name, f.Name, got, f.Default)
			}
		}
	}
}

// TestOptionalDefaults: an optional field (a pointer) with a spec default
// gives, when left out, the answer it gives set to that default.
func TestOptionalDefaults(t *testing.T) {
	bases := map[string]string{
		"clv": `{"average_order_value": 75, "purchases_per_year": 3, "retention_rate": 0.8}`,
	}
	n := 0
	for _, c := range Calculators() {
		v := reflect.ValueOf(c.NewRequest()).Elem()
		idx := jsonFields(v.Type())
		for _, f := range c.Fields {
			if f.Default == nil || v.Field(idx[f.Name]).Kind() != reflect.Pointer {
				continue
			}
			n++
			base, ok := bases[c.Name]
			if !ok {
				t.Errorf("%s.%s: no base request in this test", c.Name, f.Name)
				continue
			}
			without, _ := RunJSON(c.Name, []byte(base))
			var req map[string]any
			json.Unmarshal([]byte(base), &req)
			req[f.Name] = f.Default
			b, _ := json.Marshal(req)
			with, status := RunJSON(c.Name, b)
			if status != StatusOK || string(with) != string(without) {
				t.Errorf("%s.%s: left out gives\n%s\nset to its default %v gives\n%s", c.Name, f.Name, without, f.Default, with)
			}
		}
	}
	if n == 0 {
		t.Error("no optional field with a default: clv's discount_rate has one")
	}
}
