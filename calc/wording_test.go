package calc

import (
	"encoding/json"
	"regexp"
	"testing"
)

// codeName matches a contract name such as mde_type in a sentence.
var codeName = regexp.MustCompile(`\b[a-z]+_[a-z0-9_]+\b`)

// quoted matches a quoted value in a message, such as a file's column
// name "customer_id", which is the reader's, not the contract's.
var quoted = regexp.MustCompile(`"[^"]*"`)

// TestMessagesNameFieldsInWords checks that the errors a form can show
// name fields by their labels, not their contract names ("Effect expressed
// as", not "mde_type"): every field of every calculator left out, out of
// range and of the wrong type, from a request of the fields' examples.
func TestMessagesNameFieldsInWords(t *testing.T) {
	for _, c := range Calculators() {
		base := map[string]any{}
		for _, f := range c.Fields {
			if f.Example != nil {
				base[f.Name] = f.Example
			}
		}
		// A form sends the fields it shows (an API request naming others
		// is told so by their contract names, which it used).
		for _, f := range c.Fields {
			if !f.ShowWhen.IsZero() && !c.CondHolds(f.ShowWhen, base) {
				delete(base, f.Name)
			}
		}
		var requests []map[string]any
		for _, f := range c.Fields {
			bad := []any{"abc", nil}
			if f.Min != nil {
				bad = append(bad, *f.Min-1)
			}
			if f.Max != nil {
				bad = append(bad, *f.Max*10+1)
			}
			for _, v := range bad {
				r := map[string]any{}
				for k, x := range base {
					r[k] = x
				}
				if v == nil {
					delete(r, f.Name)
				} else {
					r[f.Name] = v
				}
				requests = append(requests, r)
			}
		}
		for _, r := range requests {
			body, _ := json.Marshal(r)
			res := Run(c.Name, body, Hooks{})
			for _, e := range res.Errors {
				if m := codeName.FindString(quoted.ReplaceAllString(e.Message, "")); m != "" {
					t.Errorf("%s %s: %q names %s", c.Name, body, e.Message, m)
				}
			}
			for _, w := range res.Warnings() {
				if m := codeName.FindString(quoted.ReplaceAllString(w.Message, "")); m != "" {
					t.Errorf("%s %s: warning %q names %s", c.Name, body, w.Message, m)
				}
			}
		}
	}
}
