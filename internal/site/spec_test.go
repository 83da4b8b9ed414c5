package site

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/roikit/roikit/calc"
)

var update = flag.Bool("update", false, "rewrite site/js/testdata/conditions.json from the Go evaluator")

// conditionCase is one evaluation of a condition, as the Go evaluator
// answers it; site/js/spec.test.js checks the page's evaluator gives the
// same answer for each.
type conditionCase struct {
	Calc    string         `json:"calc"`
	Field   string         `json:"field"`
	Rule    string         `json:"rule"` // show_when, required_when or unit_when.N (the Nth unit case)
	Clauses []calc.Clause  `json:"clauses"`
	Request map[string]any `json:"request"`
	Want    bool           `json:"want"`
}

// conditionCases evaluates every condition of every calculator on
// requests that make each clause hold and fail: the field left out (its
// default), set to each of its choices or to a value outside the
// condition, and given or not for a presence clause.
func conditionCases(t *testing.T) []conditionCase {
	var cases []conditionCase
	for _, c := range calc.Calculators() {
		for _, f := range c.Fields {
			rules := map[string]calc.Cond{"show_when": f.ShowWhen, "required_when": f.RequiredWhen}
			for i, uc := range f.UnitWhen {
				rules[fmt.Sprintf("unit_when.%d", i)] = uc.When
			}
			for rule, cond := range rules {
				if cond.IsZero() {
					continue
				}
				requests := []map[string]any{{}}
				for _, cl := range cond.Clauses() {
					g := c.Field(cl.Field)
					var options []any
					switch {
					case len(g.Enum) > 0:
						for _, e := range g.Enum {
							options = append(options, e)
						}
					case len(cl.In) > 0:
						options = append(options, cl.In[0], "something else")
					default:
						options = append(options, 0.5)
					}
					var next []map[string]any
					for _, r := range requests {
						next = append(next, r) // the field left out
						for _, o := range options {
							m := map[string]any{}
							for k, v := range r {
								m[k] = v
							}
							m[cl.Field] = o
							next = append(next, m)
						}
					}
					requests = next
				}
				holds, fails := 0, 0
				for _, r := range requests {
					want := c.CondHolds(cond, r)
					if want {
						holds++
					} else {
						fails++
					}
					cases = append(cases, conditionCase{Calc: c.Name, Field: f.Name, Rule: rule, Clauses: cond.Clauses(), Request: r, Want: want})
				}
				if holds == 0 || fails == 0 {
					t.Errorf("%s.%s %s %q: %d requests hold, %d fail: both sides must be tried", c.Name, f.Name, rule, cond, holds, fails)
				}
			}
		}
	}
	return cases
}

// TestConditionCasesForThePage writes (with -update) or checks
// site/js/testdata/conditions.json: the form specs the page reads and the
// Go evaluator's answer on every condition case.
func TestConditionCasesForThePage(t *testing.T) {
	specs := map[string]json.RawMessage{}
	for _, c := range calc.Calculators() {
		specs[c.Name] = json.RawMessage(formSpec(c))
	}
	cases := conditionCases(t)
	// Map iteration above has no order: sort for a stable file.
	sortCases(cases)
	got, err := json.MarshalIndent(map[string]any{"specs": specs, "cases": cases}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "..", "site", "js", "testdata", "conditions.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is not the Go evaluator's answers (%v): run  go test ./internal/site -run TestConditionCasesForThePage -update", path, err)
	}
	if len(cases) < 50 {
		t.Errorf("only %d condition cases", len(cases))
	}
}

func sortCases(cases []conditionCase) {
	key := func(c conditionCase) string {
		b, _ := json.Marshal(c)
		return string(b)
	}
	sort.Slice(cases, func(i, j int) bool { return key(cases[i]) < key(cases[j]) })
}
