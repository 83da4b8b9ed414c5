package calc

import (
	"fmt"
	"reflect"
	"strings"
)

// registry lists every calculator, in menu order. A calculator is added here
// and in its own file (its fields, outputs, request, response and compute)
// and nowhere else in calc: forms, flags, API schemas and docs are generated
// from it; its presentation (headline, charts, embed height, results
// template) is internal/present's file of the same name.
var registry = []*Calculator{
	sampleSizeCalc,
	significanceCalc,
	clvCalc,
	roiCalc,
	clvfitCalc,
	prioritizeCalc,
}

// Calculator describes one calculator of the contract: its request fields,
// its outputs, and how to run it. The values in the registry are read-only.
type Calculator struct {
	Name        string   `json:"name"`        // as in the URL and the CLI: "samplesize"
	Title       string   `json:"title"`       // "A/B test sample size and duration"
	Description string   `json:"description"` // one sentence
	Fields      []Field  `json:"fields"`
	Outputs     []Output `json:"outputs"`
	// MaxBody bounds a request's JSON body in bytes, where a front end
	// receives bodies over a network (the API, the Worker, `roikit serve`):
	// room for the largest legal request with margin, a few KB for the
	// closed forms. The API refuses a larger body with 413 before reading it.
	MaxBody int64 `json:"-"`

	ops runner // the typed request's defaults and the compute step (define)
}

// runner is a calculator's typed half, built by define: a fresh request
// holding the spec's defaults, and the validation and computation of one.
type runner interface {
	newRequest() any // a pointer to a new typed request with the defaults
	solve(c *Calculator, req any, p *problems, hooks Hooks) (any, error)
}

// typedRunner is the runner of a calculator with request Req and response Resp.
type typedRunner[Req any, Resp noter] struct {
	defaults Req
	compute  func(*Req, Hooks) (Resp, error)
}

func (t *typedRunner[Req, Resp]) newRequest() any {
	req := t.defaults
	return &req
}

func (t *typedRunner[Req, Resp]) solve(c *Calculator, req any, p *problems, hooks Hooks) (any, error) {
	resp, err := solve(c, req.(*Req), p, hooks, t.compute)
	if err != nil {
		return nil, err
	}
	return resp, nil
}

// define builds a registry entry from a calculator's spec and its compute
// step, which may assume a valid request. The typed request's defaults are
// taken from the field specs (Field.Default), so they are stated once; a
// default that does not fit its struct field stops the program at start-up.
func define[Req any, Resp noter](c Calculator, compute func(*Req, Hooks) (Resp, error)) *Calculator {
	entry := &c
	t := &typedRunner[Req, Resp]{compute: compute}
	if err := applyDefaults(c.Fields, &t.defaults); err != nil {
		panic(fmt.Sprintf("calc: %s: %v", c.Name, err))
	}
	entry.ops = t
	return entry
}

// withoutHooks adapts a compute step that takes no hooks (every calculator
// but clvfit runs in microseconds to milliseconds).
func withoutHooks[Req any, Resp any](compute func(*Req) (Resp, error)) func(*Req, Hooks) (Resp, error) {
	return func(r *Req, _ Hooks) (Resp, error) { return compute(r) }
}

// newRequestOf returns calculator c's typed request with its defaults: the
// body of every NewXRequest constructor.
func newRequestOf[Req any](c *Calculator) Req {
	return *c.ops.newRequest().(*Req)
}

// runTyped is the typed entry point shared by the exported calculator
// functions (SampleSize, ROI, ...): validation, then computation.
func runTyped[Req any, Resp noter](c *Calculator, req Req, hooks Hooks) (Resp, error) {
	var p problems
	t := c.ops.(*typedRunner[Req, Resp])
	return solve(c, &req, &p, hooks, t.compute)
}

// applyDefaults checks that every field of the spec has a struct field of
// its type in req (a pointer to a request struct), and sets each field that
// has a Field.Default to it. Optional fields (pointers) stay nil: a
// calculator that gives one a default applies it where it computes.
func applyDefaults(fields []Field, req any) error {
	v := reflect.ValueOf(req).Elem()
	idx := jsonFields(v.Type())
	for i := range fields {
		f := &fields[i]
		j, ok := idx[f.Name]
		if !ok {
			return fmt.Errorf("the request type has no field %q", f.Name)
		}
		fv := v.Field(j)
		if f.Type == Array {
			if fv.Kind() != reflect.Slice || fv.Type().Elem().Kind() != reflect.Struct {
				return fmt.Errorf("field %q is an array of objects in the spec but a %s in the request type", f.Name, fv.Type())
			}
			if err := applyDefaults(f.Items, reflect.New(fv.Type().Elem()).Interface()); err != nil {
				return fmt.Errorf("in the items of %q: %w", f.Name, err)
			}
			continue
		}
		if !setValue(reflect.New(fv.Type()).Elem(), sampleOf(f.Type)) {
			return fmt.Errorf("field %q is a %s in the spec but a %s in the request type", f.Name, f.Type, fv.Type())
		}
		if f.Default == nil || fv.Kind() == reflect.Pointer {
			continue
		}
		if !setValue(fv, f.Default) {
			return fmt.Errorf("the default %#v of %q does not fit a %s", f.Default, f.Name, fv.Type())
		}
	}
	return nil
}

// sampleOf is a value of the Go type Field.decode gives for a JSON type.
func sampleOf(t Type) any {
	switch t {
	case Number:
		return 0.0
	case Integer:
		return 0
	case Boolean:
		return false
	}
	return ""
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

// UnknownCalculator is the message for a name no calculator has.
func UnknownCalculator(name string) string {
	return fmt.Sprintf("There is no calculator called %q. The calculators are %s.", name, strings.Join(Names(), ", "))
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

// NewRequest returns a new typed request of the calculator holding its
// defaults, as a pointer (*SampleSizeRequest, ...).
func (c *Calculator) NewRequest() any { return c.ops.newRequest() }

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

// closedFormMaxBody bounds the body of a closed-form calculator (samplesize,
// significance, clv, roi): a dozen numbers and short strings, pretty-printed,
// take under 1 KB.
const closedFormMaxBody = 8 << 10

// clvfitMaxBody bounds a clvfit request through the API: 2 MB holds a
// transaction log of about 75,000 rows (27 bytes a row), which workerd fits
// with per-customer predictions in 0.6 to 2.6 s on a busy 2-core machine;
// content/docs/api.md gives the measurements. A Worker has 128 MB and a CPU limit per request, and a
// request waits for the one before it, so the API takes no more; the CLI
// and the calculator page read files of any size.
const clvfitMaxBody = 2 << 20
