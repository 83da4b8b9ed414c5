package site

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
	"github.com/roikit/roikit/internal/present"
	"github.com/roikit/roikit/internal/site/calcmd"
)

// run is one calculator run: the request as the page's data-request
// carries it and the core's typed result.
type run struct {
	Request []byte
	Result  *calc.Result
}

// runCalc runs a calculator through the core; problems are the core's errors.
func runCalc(name string, request []byte) (*run, []calcmd.Problem) {
	res := calc.Run(name, request, calc.Hooks{})
	if res.Status != calc.StatusOK {
		var ps []calcmd.Problem
		for _, e := range res.Errors {
			ps = append(ps, calcmd.Problem{Field: e.Field, Message: e.Message})
		}
		if len(ps) == 0 {
			ps = append(ps, calcmd.Problem{Message: string(res.JSON())})
		}
		return nil, ps
	}
	return &run{Request: request, Result: res}, nil
}

// lookup follows a dotted path into a run's response (calc.PathValue).
func (r *run) lookup(path string) (any, error) { return calc.PathValue(r.Result.Response, path) }

// scalar reports whether v is one value (a number, a string, a bool or
// nil), not an object or a list.
func scalar(v any) bool {
	switch v.(type) {
	case nil, float64, int, string, bool:
		return true
	}
	return false
}

// rawJSON writes a value as the core's JSON writes it: data-value holds
// exactly what the response has at that path.
func rawJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// valueSpan is an inline or results value element.
func valueSpan(tag, class, id, path, format string, v any) (template.HTML, error) {
	text, err := FormatValue(v, format)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("<" + tag)
	if class != "" {
		b.WriteString(` class="` + template.HTMLEscapeString(class) + `"`)
	}
	fmt.Fprintf(&b, ` data-field="%s" data-format="%s" data-value="%s"`,
		template.HTMLEscapeString(path), template.HTMLEscapeString(format), template.HTMLEscapeString(rawJSON(v)))
	if id != "" {
		fmt.Fprintf(&b, ` data-calc-ref="%s"`, template.HTMLEscapeString(id))
	}
	b.WriteString(">" + template.HTMLEscapeString(text) + "</" + tag + ">")
	return template.HTML(b.String()), nil
}

// ResultData is what a results template (internal/present/results/NAME.html)
// receives; its functions val, when, unless, label and has take it first.
type ResultData struct {
	ID   string
	Calc *calc.Calculator
	Run  *run
}

// FieldView is one form field of a widget.
type FieldView struct {
	Name, InputID, Label, Unit, Hint string
	// DefaultMoney is a money default for the hint ("Default: $0"): the
	// value as JSON and as en-US text; the page script writes it in the
	// reader's currency. Empty for none.
	DefaultMoney, DefaultMoneyText string
	Control                        string // input, select, checkbox, textarea
	Type, DataUnit                 string
	Scale                          bool
	Value                          string
	Checked                        bool
	Options                        []OptionView
	ShowWhen                       string
	Hidden                         bool
	Inputmode                      string
	// An Array field ("array" control): its item fields as columns and its
	// starting items as rows, an editable table (site/js/ideas.js).
	Columns []FieldView
	Rows    [][]FieldView
	Path    string // a cell of an Array field: FIELD[N].ITEM, as the core names its errors
}

// OptionView is one option of a select.
type OptionView struct {
	Value, Label string
	Selected     bool
}

// ChartView is one pre-rendered chart figure.
type ChartView struct {
	ID, Title string
	Option    template.JS
	Hidden    bool
}

// WidgetData is what the "widget" template receives.
type WidgetData struct {
	ID, Name, Title string
	Level           int
	Primary         bool
	Request         string
	Fields          []FieldView
	Advanced        []FieldView
	Results         template.HTML
	Warnings        []calc.Warning
	Charts          []ChartView
	Spec            template.JS // the form's spec for site/js/spec.js (formSpec)
	CalcPage        string      // a guide's widget: the calculator's page, for Copy link
}

// widgetData builds a widget's view from the calculator's specs, the
// starting request (the fields set) and the pre-rendered run.
func (b *builder) widgetData(c *calc.Calculator, id string, level int, primary bool, r *run) (*WidgetData, error) {
	var set map[string]any
	if err := json.Unmarshal(r.Request, &set); err != nil {
		return nil, err
	}
	w := &WidgetData{ID: id, Name: c.Name, Title: c.Title, Level: level, Primary: primary, Request: string(r.Request), Spec: formSpec(c)}
	current := func(name string) (any, bool) {
		if v, ok := set[name]; ok {
			return v, true
		}
		if f := c.Field(name); f != nil && f.Default != nil {
			return f.Default, true
		}
		return nil, false
	}
	values := func(name string) (any, bool) { return current(name) }
	for _, f := range c.Fields {
		unit := f.UnitFor(values)
		fv := FieldView{Name: f.Name, InputID: id + "-" + f.Name, Label: f.Label, Type: string(f.Type),
			DataUnit: string(unit), ShowWhen: f.ShowWhen.String()}
		fv.Unit = unit.FormLabel()
		fv.Scale = unit.FormScale() != 1
		fv.Hint = pageHelp(&f)
		if x, ok := f.Default.(float64); ok && f.Unit == calc.Currency && !strings.Contains(f.Help, "Default") {
			fv.DefaultMoney, fv.DefaultMoneyText = strconv.FormatFloat(x, 'g', -1, 64), defaultText(&f)
		} else if d := defaultText(&f); d != "" && !strings.Contains(f.Help, "Default") {
			fv.Hint = strings.TrimSpace(fv.Hint + " Default: " + d + ".")
		}
		v, has := current(f.Name)
		switch {
		case f.Type == calc.Array:
			fv.Control = "array"
			fv.Columns, fv.Rows = arrayViews(&f, id, v)
			fv.Hint = fmt.Sprintf("One row per %s, %d to %d, each with its own name. An empty cell takes the field's default; hover a column's name for its help.", f.ItemNoun, f.MinItems, f.MaxItems)
		case f.Type == calc.Boolean:
			fv.Control = "checkbox"
			fv.Checked = v == true
		case f.Type == calc.Text:
			fv.Control = "textarea"
			if s, ok := v.(string); ok {
				fv.Value = s
			}
		case len(f.Enum) > 0:
			fv.Control = "select"
			cur, _ := v.(string)
			for _, e := range f.Enum {
				fv.Options = append(fv.Options, OptionView{Value: e, Label: f.EnumLabel(e), Selected: e == cur})
			}
		default:
			fv.Control = "input"
			fv.Inputmode = "decimal"
			if f.Type == calc.Integer {
				fv.Inputmode = "numeric"
			}
			if has {
				fv.Value = inputText(v, fv.Scale)
			}
		}
		if !f.ShowWhen.IsZero() {
			fv.Hidden = !c.CondHolds(f.ShowWhen, set)
		}
		if f.Advanced {
			w.Advanced = append(w.Advanced, fv)
		} else {
			w.Fields = append(w.Fields, fv)
		}
	}
	res, err := b.renderResults(c, id, r)
	if err != nil {
		return nil, err
	}
	w.Results = res
	w.Warnings = r.Result.Warnings()
	if w.Charts, err = chartViews(r.Result); err != nil {
		return nil, err
	}
	return w, nil
}

// arrayViews are an Array field's columns (its item fields, without
// values) and rows (one per item of v, each cell an input of the idea's
// field): cell inputs are named FIELD[N].ITEM, as the core names their errors.
func arrayViews(f *calc.Field, id string, v any) (cols []FieldView, rows [][]FieldView) {
	for _, it := range f.Items {
		unit := it.Unit
		cv := FieldView{Name: it.Name, Label: it.Label, Type: string(it.Type), DataUnit: string(unit),
			Unit: unit.FormLabel(), Scale: unit.FormScale() != 1, Hint: pageHelp(&it), Control: "input", Inputmode: "decimal"}
		if it.Type == calc.Integer {
			cv.Inputmode = "numeric"
		}
		if it.Type == calc.String {
			cv.Inputmode = "text"
		}
		if d := defaultText(&it); d != "" {
			cv.Hint = strings.TrimSpace(cv.Hint + " Default: " + d + ".")
		}
		cols = append(cols, cv)
	}
	items, _ := v.([]any)
	for n, item := range items {
		obj, _ := item.(map[string]any)
		var row []FieldView
		for _, c := range cols {
			cell := c
			cell.Path = fmt.Sprintf("%s[%d].%s", f.Name, n, c.Name)
			cell.InputID = fmt.Sprintf("%s-%s-%d-%s", id, f.Name, n, c.Name)
			if x, ok := obj[c.Name]; ok {
				cell.Value = inputText(x, c.Scale)
			}
			row = append(row, cell)
		}
		rows = append(rows, row)
	}
	return cols, rows
}

var (
	fractionExample = regexp.MustCompile(`(^|[\s(:])(0?\.\d+|1)( for | means | cuts | if )`)
	sameExample     = regexp.MustCompile(`(\d+(?:\.\d+)?) for (\d+(?:\.\d+)?) %`)
)

// pageHelp is a field's help as a form shows it: a field entered in
// percent or points speaks of what is typed (percentHelp).
func pageHelp(f *calc.Field) string {
	for _, u := range f.Units() {
		if u.FormScale() != 1 {
			return percentHelp(f.Help)
		}
	}
	return f.Help
}

// percentHelp rewrites a fraction field's help for a form that shows
// percentages (data-scale="100"): the core's help speaks in fractions for
// the API and the CLI ("as a fraction: 0.05 for 5 %"), the form's input
// holds 5. Examples become "enter 5 for 5 %", "0.8 means" becomes "80 means".
func percentHelp(help string) string {
	help = strings.ReplaceAll(help, ", as a fraction:", ":")
	help = strings.ReplaceAll(help, " as a fraction, such as", ", such as")
	help = fractionExample.ReplaceAllStringFunc(help, func(m string) string {
		sub := fractionExample.FindStringSubmatch(m)
		v, err := strconv.ParseFloat(sub[2], 64)
		if err != nil {
			return m
		}
		return sub[1] + strconv.FormatFloat(v*100, 'g', 12, 64) + sub[3]
	})
	return strings.ReplaceAll(sameExample.ReplaceAllStringFunc(help, func(m string) string {
		sub := sameExample.FindStringSubmatch(m)
		if sub[1] != sub[2] {
			return m
		}
		return "enter " + sub[1] + " for " + sub[2] + " %"
	}), "such as enter ", "such as ")
}

// inputText writes a value as an input shows it: fractions x100, no float
// noise (0.07 x 100 shows 7, not 7.000000000000001).
func inputText(v any, scale bool) string {
	switch x := v.(type) {
	case float64:
		if scale {
			x *= 100
		}
		return strconv.FormatFloat(x, 'g', 12, 64)
	case int:
		if scale {
			return inputText(float64(x), true)
		}
		return strconv.Itoa(x)
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	}
	return ""
}

// defaultText states a field's default for its hint.
func defaultText(f *calc.Field) string {
	if f.Default == nil {
		return f.DefaultNote
	}
	switch x := f.Default.(type) {
	case float64:
		switch f.Unit {
		case calc.Fraction:
			return strconv.FormatFloat(x*f.Unit.FormScale(), 'g', 12, 64) + " " + f.Unit.FormLabel()
		case calc.Currency:
			if x == math.Trunc(x) {
				return "$" + fixed(x, 0)
			}
			return FormatNumber(x, "money")
		}
		return strconv.FormatFloat(x, 'g', 12, 64)
	case int:
		return defaultText(&calc.Field{Unit: f.Unit, Default: float64(x)})
	case bool: // a checkbox
		if x {
			return "ticked"
		}
		return "not ticked"
	}
	if v, ok := f.Default.(string); ok && len(f.Enum) > 0 {
		return f.EnumLabel(v) // the choice as the select names it
	}
	return fmt.Sprint(f.Default)
}

// resultFuncs are the functions of results templates.
func resultFuncs() template.FuncMap {
	return template.FuncMap{
		// val writes an element showing one output: {{val . "n_control" "int"}}.
		"val": func(d *ResultData, path, format string) (template.HTML, error) {
			first, _, _ := strings.Cut(path, ".")
			if d.Calc.Output(first) == nil {
				return "", fmt.Errorf("results of %s: %q is not an output of the calculator", d.Calc.Name, first)
			}
			v, err := d.Run.lookup(path)
			if err != nil {
				v = nil // absent for this request: shown by data-if when a live result has it
			}
			return valueSpan("span", "value", "", path, format, v)
		},
		// when marks an element shown only when the path holds a value.
		"when": func(d *ResultData, path string) template.HTMLAttr {
			return condAttr("data-if", path, !hasValue(d, path))
		},
		// unless marks an element shown only when the path holds no value.
		"unless": func(d *ResultData, path string) template.HTMLAttr {
			return condAttr("data-unless", path, hasValue(d, path))
		},
		"has": func(d *ResultData, path string) bool { return hasValue(d, path) },
		// label is an output's label from the core's specs.
		"label": func(d *ResultData, name string) string {
			if o := d.Calc.Output(name); o != nil {
				return o.Label
			}
			return name
		},
		// note is a note of the calculator's presentation (present.Notes)
		// for a path: "" when it has none.
		"note": func(d *ResultData, path string) string {
			p := present.For(d.Calc.Name)
			if p == nil || p.Notes == nil || d.Run.Result == nil {
				return ""
			}
			return p.Notes(d.Run.Result, FormatNumber)[path]
		},
		// noteTexts are the words of the presentation's notes, as JSON for
		// a <script type="application/json"> block.
		"noteTexts": func(d *ResultData) template.JS {
			p := present.For(d.Calc.Name)
			if p == nil {
				return "{}"
			}
			b, _ := json.Marshal(p.NoteTexts)
			var esc bytes.Buffer
			json.HTMLEscape(&esc, b)
			return template.JS(esc.String())
		},
		// help is an output's help text.
		"help": func(d *ResultData, name string) string {
			if o := d.Calc.Output(name); o != nil {
				return o.Help
			}
			return ""
		},
	}
}

func condAttr(attr, path string, hidden bool) template.HTMLAttr {
	s := attr + `="` + template.HTMLEscapeString(path) + `"`
	if hidden {
		s += " hidden"
	}
	return template.HTMLAttr(s)
}

// hasValue: the path exists and is neither null nor false.
func hasValue(d *ResultData, path string) bool {
	v, err := d.Run.lookup(path)
	return err == nil && v != nil && v != false
}

// chartViews pre-renders a result's charts: each option as JSON safe in a
// <script> block, hidden when the chart does not apply.
func chartViews(res *calc.Result) ([]ChartView, error) {
	built, err := charts.Build(res)
	if err != nil {
		return nil, fmt.Errorf("charts of %s: %v", res.Calc.Name, err)
	}
	var out []ChartView
	for _, ch := range built {
		cv := ChartView{ID: ch.ID, Title: ch.Title, Option: "null", Hidden: true}
		if string(ch.Option) != "null" {
			var esc bytes.Buffer
			json.HTMLEscape(&esc, ch.Option)
			cv.Option, cv.Hidden = template.JS(esc.String()), false
		}
		out = append(out, cv)
	}
	return out, nil
}

// renderResults executes the calculator's results template.
func (b *builder) renderResults(c *calc.Calculator, id string, r *run) (template.HTML, error) {
	p := present.For(c.Name)
	if p == nil {
		return "", fmt.Errorf("%s has no presentation (internal/present)", c.Name)
	}
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "results/"+p.Results, &ResultData{ID: id, Calc: c, Run: r}); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// formSpec is what the page script needs of a calculator's fields
// (site/js/spec.js): each field's name, default and show_when clauses; for
// a field whose unit depends on other fields, its unit cases; and the
// messages a form shows in place of the core's where the core speaks in
// the contract's units: "required" (the help in the form's units) and
// "out_of_range" by unit (calc.Field.OutOfRangeIn). "units" says how each
// unit is shown (scale, label). JSON for a <script type="application/json"
// data-calc-spec> block; each input carries its starting type, unit and
// scale in data-type, data-unit and data-scale.
func formSpec(c *calc.Calculator) template.JS {
	type unitCase struct {
		When []calc.Clause `json:"when"`
		Unit calc.Unit     `json:"unit"`
	}
	type fieldSpec struct {
		Name     string         `json:"name"`
		Default  any            `json:"default,omitempty"`
		ShowWhen []calc.Clause  `json:"show_when,omitempty"`
		Unit     calc.Unit      `json:"unit,omitempty"`
		UnitWhen []unitCase     `json:"unit_when,omitempty"`
		Messages map[string]any `json:"messages,omitempty"`
		Items    []fieldSpec    `json:"items,omitempty"` // an Array field's item fields: name and messages ("{n}": the item's number from 1)
	}
	type unitView struct {
		Scale float64 `json:"scale"`
		Label string  `json:"label"`
	}
	spec := struct {
		Name   string                 `json:"name"`
		Fields []fieldSpec            `json:"fields"`
		Units  map[calc.Unit]unitView `json:"units"`
	}{Name: c.Name, Units: map[calc.Unit]unitView{}}
	messages := func(f *calc.Field) map[string]any {
		scaled := false
		ranges := map[calc.Unit]string{}
		for _, u := range f.Units() {
			spec.Units[u] = unitView{Scale: u.FormScale(), Label: u.FormLabel()}
			scaled = scaled || u.FormScale() != 1
			if f.Min != nil || f.Max != nil {
				ranges[u] = f.OutOfRangeIn(u)
			}
		}
		if !scaled {
			return nil
		}
		m := map[string]any{"out_of_range": ranges}
		if msg := pageRequiredMessage(f); msg != "" {
			m["required"] = msg
		}
		return m
	}
	for _, f := range c.Fields {
		fs := fieldSpec{Name: f.Name, Default: f.Default, ShowWhen: f.ShowWhen.Clauses(), Unit: f.Unit}
		for _, uc := range f.UnitWhen {
			fs.UnitWhen = append(fs.UnitWhen, unitCase{When: uc.When.Clauses(), Unit: uc.Unit})
		}
		fs.Messages = messages(&f)
		for _, item := range f.Items {
			// The core names an item's field "Expected lift of idea 2".
			g := item
			g.Label = item.Label + " of " + cmp.Or(f.ItemNoun, "item") + " {n}"
			fs.Items = append(fs.Items, fieldSpec{Name: item.Name, Messages: messages(&g)})
		}
		spec.Fields = append(spec.Fields, fs)
	}
	b, _ := json.Marshal(spec)
	var esc bytes.Buffer
	json.HTMLEscape(&esc, b)
	return template.JS(esc.String())
}

// pageRequiredMessage is the message of a required field left empty, in
// the form's units: the core's message with its examples as typed in the
// form ("such as 5 for 5 %").
func pageRequiredMessage(f *calc.Field) string {
	switch {
	case !f.RequiredWhen.IsZero() && f.RequiredMessage != "":
		return percentHelp(f.Label + " is required " + f.RequiredMessage)
	case f.Required || !f.RequiredWhen.IsZero():
		return f.Label + " is required: " + lowerFirst(pageHelp(f))
	}
	return ""
}

// lowerFirst lowercases the first letter of s.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
