//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/roikit/roikit/calc"
)

// TestConditionsAsTheCore: on every calculator page, after each change of a
// field that a show_when reads, every field is shown exactly when calc's
// evaluator says its show_when holds for the request the inputs make. The
// roi case is the bug the parsed conditions fixed: with lift_low cleared,
// simulations and seed used to stay shown.
func TestConditionsAsTheCore(t *testing.T) {
	for _, c := range pagedCalculators(t) {
		if c.Name == "clvfit" {
			continue // its inputs are a file; it has no show_when
		}
		if c.Name == "prioritize" {
			continue // no show_when: its fields shared with roi are always shown (calc.sharedROI)
		}
		t.Run(c.Name, func(t *testing.T) {
			tb := newTab(t)
			tb.navigate(calcPath(c.Name))
			runs := tb.waitLive()
			checked := 0
			for _, step := range conditionSteps(c) {
				tb.setInputs(primary, step)
				// The answer may be valid or not (a range half given is an
				// error); wait until the page has answered this change.
				runs = tb.waitAnswer(primary, runs)
				checked += checkShown(t, tb, c, fmt.Sprint(step))
			}
			if checked == 0 {
				t.Errorf("%s: no field with a show_when was checked", c.Name)
			}
		})
	}
}

// conditionSteps are input changes that make each show_when of c hold and
// fail: a choice field set to each of its choices, a field that must be
// given filled and then cleared.
func conditionSteps(c *calc.Calculator) []map[string]*string {
	var steps []map[string]*string
	seen := map[string]bool{}
	for _, f := range c.Fields {
		for _, cl := range f.ShowWhen.Clauses() {
			if seen[cl.Field] {
				continue
			}
			seen[cl.Field] = true
			g := c.Field(cl.Field)
			if len(g.Enum) > 0 {
				order := append(append([]string(nil), g.Enum[1:]...), g.Enum[0])
				for _, e := range order {
					steps = append(steps, ptrs(map[string]string{g.Name: e}))
				}
				continue
			}
			if g.Type == calc.Boolean { // a checkbox: ticked, then cleared
				steps = append(steps, ptrs(map[string]string{g.Name: "true"}), ptrs(map[string]string{g.Name: "false"}))
				continue
			}
			// Given as its example (in the form's units), then cleared.
			text := "1"
			if x, ok := g.Example.(float64); ok {
				text = strconv.FormatFloat(x*g.Unit.FormScale(), 'g', 6, 64)
			}
			steps = append(steps, ptrs(map[string]string{g.Name: text}), map[string]*string{g.Name: nil})
		}
	}
	return steps
}

// checkShown compares each show_when field's visibility with the core's
// evaluation on the widget's current values; it returns how many it checked.
func checkShown(t *testing.T, tb *tab, c *calc.Calculator, where string) int {
	t.Helper()
	w := tb.widget(primary)
	values := map[string]any{}
	if err := json.Unmarshal([]byte(w.Request), &values); err != nil {
		t.Fatalf("data-request: %v", err)
	}
	for _, in := range w.Inputs {
		if in.Kind == "checkbox" {
			values[in.Name] = in.Checked
			continue
		}
		if in.Value == "" {
			delete(values, in.Name)
			continue
		}
		if in.DataType == "number" || in.DataType == "integer" {
			if x, err := strconv.ParseFloat(in.Value, 64); err == nil {
				values[in.Name] = x / in.Scale
				continue
			}
		}
		values[in.Name] = in.Value
	}
	n := 0
	for _, in := range w.Inputs {
		f := c.Field(in.Name)
		if f == nil || f.ShowWhen.IsZero() {
			continue
		}
		want := c.CondHolds(f.ShowWhen, values)
		if in.Hidden == want {
			t.Errorf("%s after %s: %s is shown=%v, the core's %q says %v (values %v)", c.Name, where, f.Name, !in.Hidden, f.ShowWhen, want, values)
		}
		n++
	}
	return n
}

// waitAnswer waits until the widget has answered (live or invalid) with
// data-runs above runs, and returns data-runs.
func (tb *tab) waitAnswer(sel string, runs int) int {
	tb.t.Helper()
	return poll[int](tb, sel+" answered", 60*time.Second, `function (sel, runs) {
  const s = document.querySelector(sel);
  const n = Number(s.dataset.runs || 0);
  return (s.dataset.state === "live" || s.dataset.state === "invalid") && n > runs ? n : false;
}`, sel, runs)
}
