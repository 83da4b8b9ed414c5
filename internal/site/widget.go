package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
	"github.com/roikit/roikit/internal/site/calcmd"
)

// run is one calculator run: the request and the core's response.
type run struct {
	Name     string
	Request  []byte
	Response []byte
	Value    map[string]any // Response decoded with json.Number
}

// runCalc runs a calculator through the core; problems are the core's errors.
func runCalc(name string, request []byte) (*run, []calcmd.Problem) {
	resp, status := calc.RunJSON(name, request)
	if status != calc.StatusOK {
		var body struct {
			Errors calc.Errors `json:"errors"`
		}
		_ = json.Unmarshal(resp, &body)
		var ps []calcmd.Problem
		for _, e := range body.Errors {
			ps = append(ps, calcmd.Problem{Field: e.Field, Message: e.Message})
		}
		if len(ps) == 0 {
			ps = append(ps, calcmd.Problem{Message: string(resp)})
		}
		return nil, ps
	}
	r := &run{Name: name, Request: request, Response: resp}
	dec := json.NewDecoder(bytes.NewReader(resp))
	dec.UseNumber()
	if err := dec.Decode(&r.Value); err != nil {
		return nil, []calcmd.Problem{{Message: "the response is not a JSON object: " + err.Error()}}
	}
	return r, nil
}

// lookup follows a dotted path into a decoded response: keys of objects,
// indexes of arrays.
func lookup(v any, path string) (any, error) {
	cur := v
	done := ""
	for _, part := range strings.Split(path, ".") {
		switch c := cur.(type) {
		case map[string]any:
			next, ok := c[part]
			if !ok {
				keys := make([]string, 0, len(c))
				for k := range c {
					keys = append(keys, k)
				}
				slices.Sort(keys)
				return nil, fmt.Errorf("%q has no %q (it has %s)", orTop(done), part, strings.Join(keys, ", "))
			}
			cur = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, fmt.Errorf("%q is a list of %d: %q is not an index of it", orTop(done), len(c), part)
			}
			cur = c[i]
		default:
			return nil, fmt.Errorf("%q is a single value: it has no %q", orTop(done), part)
		}
		done = strings.TrimPrefix(done+"."+part, ".")
	}
	return cur, nil
}

func orTop(s string) string {
	if s == "" {
		return "the response"
	}
	return s
}

// rawJSON writes a decoded value back as JSON, as the core wrote it.
func rawJSON(v any) string {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
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

// ResultData is what a results template (site/templates/results/NAME.html)
// receives; its functions val, when, unless, label and has take it first.
type ResultData struct {
	ID   string
	Calc *calc.Calculator
	Run  *run
}

// FieldView is one form field of a widget.
type FieldView struct {
	Name, InputID, Label, Unit, Hint string
	Control                          string // input, select, checkbox, textarea
	Type, DataUnit                   string
	Scale                            bool
	Value                            string
	Checked                          bool
	Options                          []OptionView
	ShowWhen                         string
	Hidden                           bool
	Inputmode                        string
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
}

// widgetData builds a widget's view from the calculator's specs, the
// starting request (the fields set) and the pre-rendered run.
func (b *builder) widgetData(c *calc.Calculator, id string, level int, primary bool, r *run) (*WidgetData, error) {
	var set map[string]json.RawMessage
	if err := json.Unmarshal(r.Request, &set); err != nil {
		return nil, err
	}
	w := &WidgetData{ID: id, Name: c.Name, Title: c.Title, Level: level, Primary: primary, Request: string(r.Request)}
	current := func(name string) (any, bool) {
		if raw, ok := set[name]; ok {
			var v any
			_ = json.Unmarshal(raw, &v)
			return v, true
		}
		if f := c.Field(name); f != nil && f.Default != nil {
			return f.Default, true
		}
		return nil, false
	}
	for _, f := range c.Fields {
		fv := FieldView{Name: f.Name, InputID: id + "-" + f.Name, Label: f.Label, Type: string(f.Type),
			DataUnit: string(f.Unit), ShowWhen: f.ShowWhen}
		fv.Unit = unitLabel(f.Unit)
		fv.Scale = f.Unit == calc.Fraction
		fv.Hint = f.Help
		if fv.Scale {
			fv.Hint = percentHelp(fv.Hint)
		}
		if d := defaultText(&f); d != "" && !strings.Contains(f.Help, "Default") {
			fv.Hint = strings.TrimSpace(fv.Hint + " Default: " + d + ".")
		}
		v, has := current(f.Name)
		switch {
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
				fv.Options = append(fv.Options, OptionView{Value: e, Label: e, Selected: e == cur})
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
		if f.ShowWhen != "" {
			fv.Hidden = !showWhen(f.ShowWhen, current)
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
	if ws, ok := r.Value["warnings"].([]any); ok {
		for _, x := range ws {
			if m, ok := x.(map[string]any); ok {
				code, _ := m["code"].(string)
				msg, _ := m["message"].(string)
				w.Warnings = append(w.Warnings, calc.Warning{Code: code, Message: msg})
			}
		}
	}
	infos := charts.IDs(c.Name)
	if len(infos) > 0 {
		built, err := charts.Build(c.Name, r.Request, r.Response)
		if err != nil {
			return nil, fmt.Errorf("charts of %s: %v", c.Name, err)
		}
		byID := map[string]charts.Chart{}
		for _, ch := range built {
			byID[ch.ID] = ch
		}
		for _, info := range infos {
			cv := ChartView{ID: info.ID, Title: info.Title, Option: "null", Hidden: true}
			if ch, ok := byID[info.ID]; ok && len(ch.Option) > 0 && string(ch.Option) != "null" {
				var buf bytes.Buffer
				if err := json.Compact(&buf, ch.Option); err != nil {
					return nil, fmt.Errorf("chart %s of %s: %v", info.ID, c.Name, err)
				}
				var esc bytes.Buffer
				json.HTMLEscape(&esc, buf.Bytes())
				cv.Option, cv.Hidden = template.JS(esc.String()), false
			}
			w.Charts = append(w.Charts, cv)
		}
	}
	return w, nil
}

var (
	fractionExample = regexp.MustCompile(`(^|[\s(:])(0?\.\d+|1)( for | means | cuts | if )`)
	sameExample     = regexp.MustCompile(`(\d+(?:\.\d+)?) for (\d+(?:\.\d+)?) %`)
)

// percentHelp rewrites a fraction field's help for a form that shows
// percentages (data-scale="100"): the core's help speaks in fractions for
// the API and the CLI ("as a fraction: 0.05 for 5 %"), the form's input
// holds 5. Examples become "enter 5 for 5 %", "0.8 means" becomes "80 means".
func percentHelp(help string) string {
	help = strings.ReplaceAll(help, ", as a fraction:", ":")
	help = fractionExample.ReplaceAllStringFunc(help, func(m string) string {
		sub := fractionExample.FindStringSubmatch(m)
		v, err := strconv.ParseFloat(sub[2], 64)
		if err != nil {
			return m
		}
		return sub[1] + strconv.FormatFloat(v*100, 'g', 12, 64) + sub[3]
	})
	return sameExample.ReplaceAllStringFunc(help, func(m string) string {
		sub := sameExample.FindStringSubmatch(m)
		if sub[1] != sub[2] {
			return m
		}
		return "enter " + sub[1] + " for " + sub[2] + " %"
	})
}

// showWhen evaluates a ShowWhen condition: "field=value" (the current value
// equals value) or "field" (the field has a value).
func showWhen(cond string, current func(string) (any, bool)) bool {
	name, want, eq := strings.Cut(cond, "=")
	v, has := current(name)
	if !eq {
		return has && v != nil && v != ""
	}
	return has && fmt.Sprint(v) == want
}

// unitLabel is the unit shown after a field's label.
func unitLabel(u calc.Unit) string {
	switch u {
	case calc.Fraction:
		return "%"
	case calc.Currency:
		return "$"
	case calc.Days, calc.Weeks, calc.Months, calc.Years:
		return string(u)
	}
	return ""
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
			return strconv.FormatFloat(x*100, 'g', 12, 64) + " %"
		case calc.Currency:
			if x == math.Trunc(x) {
				return "$" + fixed(x, 0)
			}
			return FormatNumber(x, "money")
		}
		return strconv.FormatFloat(x, 'g', 12, 64)
	case int:
		if f.Unit == calc.Fraction {
			return strconv.Itoa(x*100) + " %"
		}
		return strconv.Itoa(x)
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
			v, err := lookup(d.Run.Value, path)
			if err != nil {
				v = nil // absent for this request: shown by data-if when a live result has it
			}
			return valueSpan("span", "value", "", path, format, v)
		},
		// when marks an element shown only when the path holds a value.
		"when": func(d *ResultData, path string) template.HTMLAttr {
			return condAttr("data-if", path, !present(d, path))
		},
		// unless marks an element shown only when the path holds no value.
		"unless": func(d *ResultData, path string) template.HTMLAttr {
			return condAttr("data-unless", path, present(d, path))
		},
		"has": func(d *ResultData, path string) bool { return present(d, path) },
		// label is an output's label from the core's specs.
		"label": func(d *ResultData, name string) string {
			if o := d.Calc.Output(name); o != nil {
				return o.Label
			}
			return name
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

// present: the path exists and is neither null nor false.
func present(d *ResultData, path string) bool {
	v, err := lookup(d.Run.Value, path)
	return err == nil && v != nil && v != false
}

// renderResults executes results/NAME.html, or lists every scalar output
// when the calculator has no results template.
func (b *builder) renderResults(c *calc.Calculator, id string, r *run) (template.HTML, error) {
	var buf bytes.Buffer
	data := &ResultData{ID: id, Calc: c, Run: r}
	if t := b.tmpl.Lookup("results/" + c.Name); t != nil {
		if err := t.Execute(&buf, data); err != nil {
			return "", err
		}
		return template.HTML(buf.String()), nil
	}
	buf.WriteString(`<dl class="outputs">`)
	for _, o := range c.Outputs {
		v, ok := r.Value[o.Name]
		if !ok {
			continue
		}
		switch v.(type) {
		case map[string]any, []any:
			continue
		}
		f := formatFor(o.Unit)
		span, err := valueSpan("dd", "", "", o.Name, f, v)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(&buf, `<div %s><dt>%s</dt>%s</div>`, condAttr("data-if", o.Name, v == nil), template.HTMLEscapeString(o.Label), span)
	}
	buf.WriteString(`</dl>`)
	return template.HTML(buf.String()), nil
}

// formatFor is the usual format of an output unit.
func formatFor(u calc.Unit) string {
	switch u {
	case calc.Fraction:
		return "pct1"
	case calc.Currency:
		return "money"
	case calc.Count:
		return "int"
	case calc.Date:
		return "date"
	}
	return "plain"
}
