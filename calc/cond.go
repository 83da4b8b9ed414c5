package calc

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Cond is a condition on a request's values: when a field is shown in a
// form (Field.ShowWhen) or required (Field.RequiredWhen). It holds when every
// one of its clauses holds; the zero Cond has no clause and always holds.
//
// It is written, in specs, JSON and docs, as clauses joined by " && ":
// "metric=mean" (the field's value is one of the listed values, separated by
// "|"), "lift_low" (the field is given) or "metric=mean && mde_type=relative".
// A field left out of a request has its default as its value, so
// "metric=proportion" holds for a request without a metric.
//
// Cond is evaluated by Holds here and by condHolds in site/js/spec.js, from
// the JSON Clauses gives; a test checks both on every condition of every
// calculator (calc/cond_test.go writes the cases site/js/spec.test.js reads).
type Cond struct {
	clauses []Clause
}

// Clause is one test of a Cond: the field's value is one of In, or, with In
// empty, the field is given (present in the request, or with a default).
type Clause struct {
	Field string   `json:"field"`
	In    []string `json:"in,omitempty"`
}

// when is the condition "field's value is one of values".
func when(field string, values ...string) Cond {
	return Cond{clauses: []Clause{{Field: field, In: values}}}
}

// given is the condition "field is given".
func given(field string) Cond { return Cond{clauses: []Clause{{Field: field}}} }

// and is c with the clauses of d added.
func (c Cond) and(d Cond) Cond {
	return Cond{clauses: append(append([]Clause(nil), c.clauses...), d.clauses...)}
}

// ParseCond reads a condition written as String writes it.
func ParseCond(s string) (Cond, error) {
	var c Cond
	if strings.TrimSpace(s) == "" {
		return c, nil
	}
	for _, part := range strings.Split(s, "&&") {
		part = strings.TrimSpace(part)
		name, values, hasValues := strings.Cut(part, "=")
		cl := Clause{Field: strings.TrimSpace(name)}
		if cl.Field == "" || strings.ContainsAny(cl.Field, " |!") {
			return Cond{}, fmt.Errorf("condition %q: %q is not a field name", s, cl.Field)
		}
		if hasValues {
			for _, v := range strings.Split(values, "|") {
				if v = strings.TrimSpace(v); v == "" {
					return Cond{}, fmt.Errorf("condition %q: an empty value", s)
				}
				cl.In = append(cl.In, strings.TrimSpace(v))
			}
		}
		c.clauses = append(c.clauses, cl)
	}
	return c, nil
}

// IsZero reports whether c has no clause (it always holds).
func (c Cond) IsZero() bool { return len(c.clauses) == 0 }

// Clauses returns c's clauses (a copy).
func (c Cond) Clauses() []Clause { return append([]Clause(nil), c.clauses...) }

// Fields lists the fields c reads.
func (c Cond) Fields() []string {
	out := make([]string, len(c.clauses))
	for i, cl := range c.clauses {
		out[i] = cl.Field
	}
	return out
}

// String writes c as ParseCond reads it: "metric=mean && lift_low".
func (c Cond) String() string {
	parts := make([]string, len(c.clauses))
	for i, cl := range c.clauses {
		parts[i] = cl.Field
		if len(cl.In) > 0 {
			parts[i] += "=" + strings.Join(cl.In, "|")
		}
	}
	return strings.Join(parts, " && ")
}

// Words writes c for a sentence: "metric is mean and lift_low is given".
func (c Cond) Words() string {
	parts := make([]string, len(c.clauses))
	for i, cl := range c.clauses {
		switch len(cl.In) {
		case 0:
			parts[i] = cl.Field + " is given"
		case 1:
			parts[i] = cl.Field + " is " + cl.In[0]
		default:
			parts[i] = cl.Field + " is one of " + strings.Join(cl.In, ", ")
		}
	}
	return strings.Join(parts, " and ")
}

// MarshalJSON writes c as its String, as the API's field listing shows it.
func (c Cond) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// Holds evaluates c. value returns a field's value in the request (its
// default when the request leaves it out) and whether it has one.
func (c Cond) Holds(value func(field string) (any, bool)) bool {
	for _, cl := range c.clauses {
		v, ok := value(cl.Field)
		if !ok || v == nil {
			return false
		}
		if len(cl.In) == 0 {
			continue
		}
		text := condText(v)
		hit := false
		for _, want := range cl.In {
			hit = hit || text == want
		}
		if !hit {
			return false
		}
	}
	return true
}

// condText writes a value as a condition compares it: strings as they are,
// booleans as true/false, numbers in their shortest form (2, 0.5).
func condText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return strconv.FormatInt(int64(x), 10)
		}
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	return fmt.Sprint(v)
}

// CondHolds evaluates cond on a request given as contract values (the
// page's and the tests' form of a request: float64, string, bool): a field
// the request leaves out has its spec's default.
func (c *Calculator) CondHolds(cond Cond, request map[string]any) bool {
	return cond.Holds(func(name string) (any, bool) {
		if v, ok := request[name]; ok {
			return v, true
		}
		if f := c.Field(name); f != nil && f.Default != nil {
			return f.Default, true
		}
		return nil, false
	})
}
