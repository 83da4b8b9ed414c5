package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
)

// flagName is the command-line spelling of a contract field: baseline_rate
// becomes --baseline-rate.
func flagName(field string) string { return strings.ReplaceAll(field, "_", "-") }

// rawValue records a flag's text as typed; the core validates it, so a flag
// gets exactly the messages the site and the API give.
type rawValue struct {
	text   string
	set    bool
	isBool bool
}

func (v *rawValue) String() string     { return v.text }
func (v *rawValue) Set(s string) error { v.text, v.set = s, true; return nil }
func (v *rawValue) IsBoolFlag() bool   { return v.isBool }

// fieldFlags defines a flag per field of c (--baseline-rate for
// baseline_rate), except the fields skip names, and the --json and --help
// flags every friendly subcommand has.
func fieldFlags(fs *flag.FlagSet, c *calc.Calculator, skip func(calc.Field) bool) (values map[string]*rawValue, asJSON, help *bool) {
	values = make(map[string]*rawValue, len(c.Fields))
	for _, f := range c.Fields {
		if skip != nil && skip(f) {
			continue
		}
		v := &rawValue{isBool: f.Type == calc.Boolean}
		values[f.Name] = v
		fs.Var(v, flagName(f.Name), f.Help)
	}
	asJSON = fs.Bool("json", false, "print the response as JSON")
	help = fs.Bool("help", false, "list the fields")
	fs.BoolVar(help, "h", false, "list the fields")
	return values, asJSON, help
}

// runFriendly implements `roikit NAME --field value ...`.
func runFriendly(c *calc.Calculator, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(c.Name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	values, asJSON, help := fieldFlags(fs, c, nil)
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "roikit %s: %v\nRun `roikit help %s` for the fields.\n", c.Name, err, c.Name)
		return exitUsage
	}
	if *help {
		writeCalculatorHelp(stdout, c)
		return exitOK
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "roikit %s: unexpected argument %q: every input is a flag, such as --%s VALUE.\n", c.Name, fs.Arg(0), flagName(c.Fields[0].Name))
		return exitUsage
	}
	request := map[string]any{}
	for _, f := range c.Fields {
		v := values[f.Name]
		if !v.set {
			continue
		}
		val, err := flagValue(f, v.text, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "roikit %s: --%s: %v\n", c.Name, flagName(f.Name), err)
			return exitUsage
		}
		request[f.Name] = val
	}
	body, _ := json.Marshal(request)
	resp, status := calc.RunJSON(c.Name, body)
	if *asJSON {
		stdout.Write(indentJSON(resp))
		fmt.Fprintln(stdout)
	} else if status == calc.StatusOK {
		writeSummary(stdout, c, resp)
	} else {
		writeErrors(stderr, c, resp)
	}
	if status == calc.StatusOK {
		return exitOK
	}
	return exitInvalid
}

// flagValue converts a flag's text to the JSON value the core expects. Text
// that is not a number is passed as a string, so the core names the problem.
func flagValue(f calc.Field, text string, stdin io.Reader) (any, error) {
	switch f.Type {
	case calc.Number, calc.Integer:
		t := strings.TrimSpace(text)
		if _, err := strconv.ParseFloat(t, 64); err == nil && !strings.ContainsAny(t, "xXpP_") && !strings.EqualFold(t, "inf") && !strings.EqualFold(t, "nan") {
			return json.Number(t), nil
		}
		return text, nil
	case calc.Boolean:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return text, nil
		}
		return b, nil
	case calc.Text:
		var data []byte
		var err error
		if text == "-" {
			data, err = io.ReadAll(stdin)
		} else {
			data, err = os.ReadFile(text)
		}
		if err != nil {
			return nil, fmt.Errorf("cannot read the file: %v", err)
		}
		return string(data), nil
	}
	return text, nil
}

// writeErrors prints the core's messages, one per line, with the flag names.
func writeErrors(w io.Writer, c *calc.Calculator, resp []byte) {
	var body struct {
		Errors calc.Errors `json:"errors"`
	}
	if json.Unmarshal(resp, &body) != nil || len(body.Errors) == 0 {
		w.Write(resp)
		return
	}
	fmt.Fprintf(w, "roikit %s: the input has %s:\n", c.Name, plural(len(body.Errors), "problem"))
	for _, e := range body.Errors {
		if e.Field != "" {
			fmt.Fprintf(w, "  --%s: %s\n", flagName(e.Field), e.Message)
		} else {
			fmt.Fprintf(w, "  %s\n", e.Message)
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}

// writeSummary prints a response for people: a headline, each output with
// its label, and the warnings.
func writeSummary(w io.Writer, c *calc.Calculator, resp []byte) {
	var out map[string]any
	dec := json.NewDecoder(strings.NewReader(string(resp)))
	dec.UseNumber()
	if dec.Decode(&out) != nil {
		w.Write(resp)
		return
	}
	if h := headline(c.Name, out); h != "" {
		fmt.Fprintln(w, h)
		fmt.Fprintln(w)
	}
	width := 0
	for _, o := range c.Outputs {
		width = max(width, len(o.Label))
	}
	for _, o := range c.Outputs {
		v, ok := out[o.Name]
		if !ok || v == nil {
			continue
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, o.Label, formatValue(v, o.Unit))
	}
	if ws, ok := out["warnings"].([]any); ok && len(ws) > 0 {
		fmt.Fprintln(w)
		for _, x := range ws {
			if m, ok := x.(map[string]any); ok {
				fmt.Fprintf(w, "Warning: %v\n", m["message"])
			}
		}
	}
}

// formatValue writes a response value for a terminal, by its unit.
func formatValue(v any, unit calc.Unit) string {
	switch x := v.(type) {
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return x.String()
		}
		return formatNumber(f, unit)
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case string:
		return x
	case []any:
		if len(x) == 2 {
			if _, ok := x[0].(json.Number); ok {
				return formatValue(x[0], unit) + " to " + formatValue(x[1], unit)
			}
		}
		return fmt.Sprintf("%d values (--json prints them)", len(x))
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := make([]string, 0, len(keys))
		for _, k := range keys {
			parts = append(parts, k+" "+formatValue(x[k], calc.Plain))
		}
		return strings.Join(parts, ", ")
	}
	return fmt.Sprint(v)
}

// formatNumber writes a number by unit: 0.055 as "5.5 %", 31234 as
// "31,234", money with two decimals.
func formatNumber(f float64, unit calc.Unit) string {
	switch unit {
	case calc.Fraction:
		return trimZeros(strconv.FormatFloat(f*100, 'f', 2, 64)) + " %"
	case calc.Currency:
		return group(f, 2)
	case calc.Count, calc.Days, calc.Weeks, calc.Months:
		if f == math.Trunc(f) {
			return group(f, 0)
		}
		return group(f, 1)
	}
	if f != 0 && (math.Abs(f) < 1e-3 || math.Abs(f) >= 1e9) {
		return strconv.FormatFloat(f, 'g', 4, 64)
	}
	return trimZeros(strconv.FormatFloat(f, 'f', 4, 64))
}

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// group writes f with the given decimals and comma thousands separators.
func group(f float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(f), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	out := calc.GroupDigits(whole)
	if frac != "" {
		out += "." + frac
	}
	if f < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// headline is the one-sentence answer for the calculators that have one.
func headline(name string, out map[string]any) string {
	num := func(k string) (float64, bool) {
		n, ok := out[k].(json.Number)
		if !ok {
			return 0, false
		}
		f, err := n.Float64()
		return f, err == nil
	}
	switch name {
	case "samplesize":
		n, _ := num("n_per_treatment")
		c, _ := num("n_control")
		t, _ := num("n_total")
		s := fmt.Sprintf("You need %s visitors in control and %s per treatment, %s in total", group(c, 0), group(n, 0), group(t, 0))
		if c == n {
			s = fmt.Sprintf("You need %s visitors per variant, %s in total", group(n, 0), group(t, 0))
		}
		if d, ok := num("days"); ok {
			wk, _ := num("weeks")
			s += fmt.Sprintf(": %s days (%s weeks)", group(d, 0), group(wk, 0))
		}
		return s + "."
	case "clv":
		v, _ := num("clv")
		return fmt.Sprintf("Each customer is worth %s in margin over their lifetime.", group(v, 2))
	case "roi":
		npv, _ := num("npv")
		rpd, ok := num("roi_per_dollar")
		s := fmt.Sprintf("Net present value %s", group(npv, 0))
		if ok {
			s += fmt.Sprintf(": %s back per dollar spent (present value)", group(rpd, 2))
		}
		if p, ok := num("payback_month"); ok {
			s += fmt.Sprintf(", paid back in month %s", group(p, 0))
		} else {
			s += ", not paid back within the horizon"
		}
		return s + "."
	case "significance":
		p, _ := num("p_value")
		if sig, _ := out["significant"].(bool); sig {
			return fmt.Sprintf("The difference is statistically significant (p = %s).", formatNumber(p, calc.Plain))
		}
		return fmt.Sprintf("The difference is not statistically significant (p = %s).", formatNumber(p, calc.Plain))
	}
	return ""
}
