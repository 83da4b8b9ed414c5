package calc

import (
	"fmt"
	"slices"
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
	Array   Type = "array"   // a JSON list of objects, each with the fields Field.Items
)

// Unit says how a number is meant and shown. Fractions are stored as
// fractions (0.05) and shown as percentages (5 %).
type Unit string

// The units of fields and outputs.
const (
	Fraction Unit = "fraction" // a share or rate: 0.05 means 5 %
	Points   Unit = "points"   // a difference of two rates: 0.005 means 0.5 percentage points
	Currency Unit = "currency" // money, in the reader's currency
	Count    Unit = "count"    // visitors, conversions, customers
	Days     Unit = "days"
	Weeks    Unit = "weeks"
	Months   Unit = "months"
	Years    Unit = "years"
	Plain    Unit = "number" // a number with no unit (a z score, a seed)
	Date     Unit = "date"   // YYYY-MM-DD
)

// unitFacts is how each unit is shown: the one table the form labels, the
// form's scale, the CLI help and the error messages read.
var unitFacts = map[Unit]struct {
	label string  // after a form label: "Baseline conversion rate (%)"
	scale float64 // a form shows value x scale
	words string  // in help texts
}{
	Fraction: {"%", 100, "fraction (0.05 = 5 %)"},
	Points:   {"points", 100, "percentage points as a fraction (0.005 = 0.5 points)"},
	Currency: {"$", 1, "currency"},
	Count:    {"", 1, "count"},
	Days:     {"days", 1, "days"},
	Weeks:    {"weeks", 1, "weeks"},
	Months:   {"months", 1, "months"},
	Years:    {"years", 1, "years"},
	Plain:    {"", 1, "number"},
	Date:     {"", 1, "date (YYYY-MM-DD)"},
}

// FormLabel is what a form writes after a field's label, in brackets: "%"
// for fractions, "$" for money, "days" for days; "" for none.
func (u Unit) FormLabel() string { return unitFacts[u].label }

// FormScale is the factor between a contract value and what a form shows:
// 100 for fractions (0.05 is shown as 5), else 1.
func (u Unit) FormScale() float64 {
	if s := unitFacts[u].scale; s != 0 {
		return s
	}
	return 1
}

// Words names the unit in help texts: "fraction (0.05 = 5 %)".
func (u Unit) Words() string {
	if w := unitFacts[u].words; w != "" {
		return w
	}
	return string(u)
}

// Field describes one request field: everything a form, a command-line flag
// or a JSON Schema needs to know about it. It is the one place where the
// field's name, type, unit, default, range, conditions and help are stated.
type Field struct {
	Name  string `json:"name"`  // the contract's snake_case name
	Label string `json:"label"` // a short label for a form, in sentence case
	Type  Type   `json:"type"`
	Unit  Unit   `json:"unit,omitempty"`
	Help  string `json:"help"` // one or two sentences for a marketer

	// UnitWhen gives the field another unit when a condition holds, the
	// first case that holds winning; Unit applies when none does. (The
	// samplesize effect is relative, in percentage points, or in the
	// metric's units, by mde_type and metric.)
	UnitWhen []UnitCase `json:"unit_when,omitempty"`
	// EnumLabels name the Enum values for a form's choices, in the same
	// order ("Conversion rate" for "proportion"); nil shows the values.
	EnumLabels []string `json:"-"`

	// Default is the value used when the field is absent (nil: no default):
	// float64 for numbers, int for integers, string or bool. The typed
	// request constructors (NewSampleSizeRequest...) are built from it.
	Default any `json:"default,omitempty"`
	// DefaultNote describes a default that depends on other fields, such as
	// "1/variants"; Default is then nil.
	DefaultNote string `json:"default_note,omitempty"`
	// Required fields must be present in every request.
	Required bool `json:"required,omitempty"`
	// RequiredWhen makes the field required when the condition holds; the
	// core checks it for every calculator (checkRequiredWhen).
	RequiredWhen Cond `json:"required_when,omitzero"`
	// RequiredMessage, when set, ends the message of a field missing under
	// RequiredWhen: "<Label> is required <RequiredMessage>".
	RequiredMessage string `json:"-"`
	// ShowWhen hides the field in forms unless the condition holds; the
	// zero Cond means always shown.
	ShowWhen Cond `json:"show_when,omitzero"`

	// Min and Max bound numbers; nil means unbounded on that side.
	Min          *float64 `json:"minimum,omitempty"`
	Max          *float64 `json:"maximum,omitempty"`
	MinExclusive bool     `json:"exclusive_minimum,omitempty"`
	MaxExclusive bool     `json:"exclusive_maximum,omitempty"`
	// MinLength and MaxLength bound a string's length in characters; 0
	// means no bound.
	MinLength int `json:"min_length,omitempty"`
	MaxLength int `json:"max_length,omitempty"`
	// Items are the fields of each object of an Array field; MinItems and
	// MaxItems bound how many objects it holds. An error inside the third
	// object names its field "ideas[2].expected_lift" (Field.ItemPath).
	Items    []Field `json:"items,omitempty"`
	MinItems int     `json:"min_items,omitempty"`
	MaxItems int     `json:"max_items,omitempty"`
	// ItemNoun names one object of an Array field in messages: "idea".
	ItemNoun string `json:"-"`
	// Enum lists the allowed values of a string field.
	Enum []string `json:"enum,omitempty"`
	// Example is a typical value, shown as a placeholder.
	Example any `json:"example,omitempty"`
	// Advanced fields are folded away in forms.
	Advanced bool `json:"advanced,omitempty"`
}

// UnitCase is one case of Field.UnitWhen: the field's unit when the
// condition holds.
type UnitCase struct {
	When Cond `json:"when"`
	Unit Unit `json:"unit"`
}

// Units lists every unit the field can have: Unit, then each case's.
func (f *Field) Units() []Unit {
	out := []Unit{f.Unit}
	for _, c := range f.UnitWhen {
		if !slices.Contains(out, c.Unit) {
			out = append(out, c.Unit)
		}
	}
	return out
}

// UnitFor returns the field's unit for a request's values (value reports a
// field's value, as for Cond.Holds).
func (f *Field) UnitFor(value func(field string) (any, bool)) Unit {
	for _, c := range f.UnitWhen {
		if c.When.Holds(value) {
			return c.Unit
		}
	}
	return f.Unit
}

// EnumLabel is the form's name of one of the field's Enum values.
func (f *Field) EnumLabel(value string) string {
	for i, e := range f.Enum {
		if e == value && i < len(f.EnumLabels) {
			return f.EnumLabels[i]
		}
	}
	return value
}

// Output describes one response field.
type Output struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	Unit  Unit   `json:"unit,omitempty"`
	Help  string `json:"help"`
}

// metricLabels name the metric choices of samplesize and significance.
var metricLabels = []string{"Conversion rate (proportion)", "Average per visitor (mean)"}

// ptr returns a pointer to v; used for Min and Max in field tables.
func ptr(v float64) *float64 { return &v }

// fieldIn returns the spec of the named field in fields; the names asked
// for are constants of this package, so a missing one is a programming error.
func fieldIn(fields []Field, name string) *Field {
	for i := range fields {
		if fields[i].Name == name {
			return &fields[i]
		}
	}
	panic("calc: no field " + name)
}

// defaultDiscountRate is the annual discount rate every calculator that
// discounts uses unless told otherwise: a typical cost of capital.
const defaultDiscountRate = 0.10

// grossMarginField is the gross_margin field shared by clv, roi and clvfit:
// the share of value kept after the cost of goods, default 1. what names
// the value ("revenue", "that value", "spend") and example is a typical
// margin as a fraction.
func grossMarginField(what, example, leaveAt string) Field {
	return Field{Name: "gross_margin", Label: "Gross margin", Type: Number, Unit: Fraction, Default: 1.0,
		Min: ptr(0), Max: ptr(1), MinExclusive: true,
		Help: fmt.Sprintf("The share of %s you keep after the cost of goods: %s for %s %%. Leave at 1 %s.", what, example, percentOf(example), leaveAt)}
}

// discountRateField is the annual discount_rate field shared by clv, roi
// and clvfit (default defaultDiscountRate); use says what it discounts.
func discountRateField(use string) Field {
	return Field{Name: "discount_rate", Label: "Annual discount rate", Type: Number, Unit: Fraction, Default: defaultDiscountRate,
		Min: ptr(0), Max: ptr(1), Advanced: true,
		Help: strings.TrimSpace("How much less money a year from now is worth than money today (your cost of capital): 0.10 for 10 %. " + use)}
}

// forMetric returns f shown and required only when the request's metric is
// the given one (significance's and samplesize's metric-specific fields).
func forMetric(metric string, f Field) Field {
	f.ShowWhen = when("metric", metric)
	f.RequiredWhen = f.ShowWhen
	return f
}

// shownWhen returns f shown in forms only when cond holds.
func shownWhen(f Field, cond Cond) Field {
	f.ShowWhen = cond
	return f
}

// percentOf writes a fraction's text as a percentage's: "0.4" -> "40".
func percentOf(fraction string) string {
	v, err := strconv.ParseFloat(fraction, 64)
	if err != nil {
		return fraction
	}
	return strconv.FormatFloat(v*100, 'g', 12, 64)
}

// RangeWords states the field's allowed range in words, for error messages
// and hints: "greater than 0 % and less than 100 %", "between 1 and 120".
// Fractions are stated as percentages, as forms show them.
func (f *Field) RangeWords() string { return f.RangeWordsIn(f.Unit) }

// RangeWordsIn states the field's allowed range as a form showing unit u
// writes it: percentages for fractions, points for points.
func (f *Field) RangeWordsIn(u Unit) string {
	g := *f
	g.Unit = u
	return g.rangeWords()
}

func (f *Field) rangeWords() string {
	if f.Max != nil && f.Unit.FormScale() != 1 && *f.Max*f.Unit.FormScale() >= hugePercent {
		// A guard against overflow (the effect's 10^12 is there for means
		// in their own units), not a choice: as a percentage it reads as
		// noise ("at most 100,000,000,000,000 %"), so it is not stated.
		g := *f
		g.Max = nil
		return g.rangeWords()
	}
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

// Allowed states the field's allowed values briefly, in the contract's
// units, for the CLI help and the docs' field tables: "0 < x <= 1",
// "x >= 1,000", "one of proportion, mean"; "" when anything goes.
func (f *Field) Allowed() string {
	if len(f.Enum) > 0 {
		return "one of " + strings.Join(f.Enum, ", ")
	}
	if f.Min == nil && f.Max == nil {
		return ""
	}
	var b strings.Builder
	if f.Min != nil {
		b.WriteString(plainBound(*f.Min))
		b.WriteString(map[bool]string{true: " < ", false: " <= "}[f.MinExclusive])
	}
	b.WriteString("x")
	if f.Max != nil {
		b.WriteString(map[bool]string{true: " < ", false: " <= "}[f.MaxExclusive])
		b.WriteString(plainBound(*f.Max))
	}
	return b.String()
}

// hugePercent: an upper bound shown as a percentage from this size up is
// an overflow guard, left out of range sentences.
const hugePercent = 1e9

// formatBound writes a bound for RangeWords: a percentage for a fraction,
// else a plain number, grouped from a million up.
func (f *Field) formatBound(v float64) string {
	switch f.Unit {
	case Fraction:
		return plainBound(v*100) + " %"
	case Points:
		return plainBound(v*100) + " points"
	}
	return plainBound(v)
}

// plainBound writes a bound as a plain number, grouped from a million up:
// 0.5, 120, 1,000,000,000,000; 2^53 is written in full.
func plainBound(v float64) string {
	if v >= 1e6 || v <= -1e6 {
		return FormatCount(v)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// outOfRange is the message for a number outside the field's range when
// the request gives it unit u, for the contract's users: a fraction's
// message says how to write it.
func (f *Field) outOfRange(u Unit) string {
	msg := f.OutOfRangeIn(u)
	switch u {
	case Fraction:
		msg = strings.TrimSuffix(msg, ".") + " (as a fraction: 0.05 means 5 %)."
	case Points:
		msg = strings.TrimSuffix(msg, ".") + " (as a fraction: 0.005 means 0.5 points)."
	}
	return msg
}

// OutOfRangeIn is the message for a number outside the field's range as a
// form showing unit u phrases it: "Baseline conversion rate must be
// greater than 0 % and less than 100 %." (never "as a fraction").
func (f *Field) OutOfRangeIn(u Unit) string {
	return fmt.Sprintf("%s must be %s.", f.Label, f.RangeWordsIn(u))
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

// requiredWhenMessage is the message for a field missing while its
// RequiredWhen holds.
func (f *Field) requiredWhenMessage() string {
	if f.RequiredMessage != "" {
		return f.Label + " is required " + f.RequiredMessage
	}
	return fmt.Sprintf("%s is required when %s: %s", f.Label, f.RequiredWhen.Words(), lowerFirst(f.Help))
}

// itemsWords states how many objects an Array field may hold: "1 to 20
// ideas", "at least 1 idea".
func (f *Field) itemsWords() string {
	noun := f.ItemNoun
	if noun == "" {
		noun = "item"
	}
	plural := func(n int) string {
		if n == 1 {
			return "1 " + noun
		}
		return strconv.Itoa(n) + " " + noun + "s"
	}
	if f.MaxItems > 0 {
		return fmt.Sprintf("%d to %s", f.MinItems, plural(f.MaxItems))
	}
	return "at least " + plural(f.MinItems)
}
