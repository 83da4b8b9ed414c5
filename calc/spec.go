package calc

import (
	"fmt"
	"strconv"
	"strings"
)

// Type is the JSON type of a request field.
type Type string

// The JSON types a request field may have.
const (
	Number  Type = "number"  // any finite JSON number
	Integer Type = "integer" // a JSON number with no fractional part
	String  Type = "string"  // a JSON string, often one of Field.Enum
	Boolean Type = "boolean" // true or false
	Text    Type = "text"    // a long JSON string such as a CSV file
)

// Unit says how a number is meant and shown. Fractions are stored as
// fractions (0.05) and shown as percentages (5 %).
type Unit string

// The units of fields and outputs.
const (
	Fraction Unit = "fraction" // a share or rate: 0.05 means 5 %
	Currency Unit = "currency" // money, in the reader's currency
	Count    Unit = "count"    // visitors, conversions, customers
	Days     Unit = "days"
	Weeks    Unit = "weeks"
	Months   Unit = "months"
	Years    Unit = "years"
	Plain    Unit = "number" // a number with no unit (a z score, a seed)
	Date     Unit = "date"   // YYYY-MM-DD
)

// Field describes one request field: everything a form, a command-line flag
// or a JSON Schema needs to know about it.
type Field struct {
	Name  string `json:"name"`  // the contract's snake_case name
	Label string `json:"label"` // a short label for a form, in sentence case
	Type  Type   `json:"type"`
	Unit  Unit   `json:"unit,omitempty"`
	Help  string `json:"help"` // one or two sentences for a marketer

	// Default is the value used when the field is absent (nil: no default).
	Default any `json:"default,omitempty"`
	// DefaultNote describes a default that depends on other fields, such as
	// "1/variants"; Default is then nil.
	DefaultNote string `json:"default_note,omitempty"`
	// Required fields must be present in every request.
	Required bool `json:"required,omitempty"`
	// RequiredWhen names the condition under which the field is required,
	// in the form "metric=proportion". Checked by the calculator.
	RequiredWhen string `json:"required_when,omitempty"`
	// ShowWhen hides the field in forms unless the condition holds
	// ("metric=mean"); empty means always shown.
	ShowWhen string `json:"show_when,omitempty"`

	// Min and Max bound numbers; nil means unbounded on that side.
	Min          *float64 `json:"minimum,omitempty"`
	Max          *float64 `json:"maximum,omitempty"`
	MinExclusive bool     `json:"exclusive_minimum,omitempty"`
	MaxExclusive bool     `json:"exclusive_maximum,omitempty"`
	// Enum lists the allowed values of a string field.
	Enum []string `json:"enum,omitempty"`
	// Example is a typical value, shown as a placeholder.
	Example any `json:"example,omitempty"`
	// Advanced fields are folded away in forms.
	Advanced bool `json:"advanced,omitempty"`
}

// Output describes one response field.
type Output struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Unit  Unit   `json:"unit,omitempty"`
	Help  string `json:"help"`
}

// ptr returns a pointer to v; used for Min and Max in field tables.
func ptr(v float64) *float64 { return &v }

// rangeSentence states a field's allowed range in words, for error messages:
// "must be greater than 0 % and less than 100 %".
func (f *Field) rangeSentence() string {
	lo, hi := "", ""
	if f.Min != nil {
		if f.MinExclusive {
			lo = "greater than " + f.formatBound(*f.Min)
		} else {
			lo = "at least " + f.formatBound(*f.Min)
		}
	}
	if f.Max != nil {
		if f.MaxExclusive {
			hi = "less than " + f.formatBound(*f.Max)
		} else {
			hi = "at most " + f.formatBound(*f.Max)
		}
	}
	switch {
	case lo != "" && hi != "" && !f.MinExclusive && !f.MaxExclusive:
		return "between " + f.formatBound(*f.Min) + " and " + f.formatBound(*f.Max)
	case lo != "" && hi != "":
		return lo + " and " + hi
	case lo != "":
		return lo
	case hi != "":
		return hi
	}
	return "a finite number"
}

// formatBound writes a bound as a plain number, or as a percentage for a
// fraction (forms show fractions as percentages; the message then adds the
// fraction form, so both readers understand it).
func (f *Field) formatBound(v float64) string {
	if f.Unit == Fraction {
		return strconv.FormatFloat(v*100, 'f', -1, 64) + " %"
	}
	s := strconv.FormatFloat(v, 'f', -1, 64)
	if v >= 1e6 {
		s = FormatCount(v)
	}
	return s
}

// outOfRange is the message for a number outside the field's range.
func (f *Field) outOfRange() string {
	msg := fmt.Sprintf("%s must be %s.", f.Label, f.rangeSentence())
	if f.Unit == Fraction {
		msg = strings.TrimSuffix(msg, ".") + " (as a fraction: 0.05 means 5 %)."
	}
	return msg
}

// inRange reports whether v satisfies the field's bounds.
func (f *Field) inRange(v float64) bool {
	if f.Min != nil && (v < *f.Min || (f.MinExclusive && v == *f.Min)) {
		return false
	}
	if f.Max != nil && (v > *f.Max || (f.MaxExclusive && v == *f.Max)) {
		return false
	}
	return true
}

// enumSentence lists the allowed values: `"a", "b" or "c"`.
func (f *Field) enumSentence() string {
	q := make([]string, len(f.Enum))
	for i, e := range f.Enum {
		q[i] = strconv.Quote(e)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
