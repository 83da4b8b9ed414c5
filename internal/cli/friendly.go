package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
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
	request, ok := flagRequest(c, values, stdin, stderr)
	if !ok {
		return exitUsage
	}
	body, _ := json.Marshal(request)
	res := calc.Run(c.Name, body, calc.Hooks{})
	switch {
	case *asJSON:
		stdout.Write(indentJSON(res.JSON()))
		fmt.Fprintln(stdout)
	case res.Status == calc.StatusOK:
		writeSummary(stdout, res)
	default:
		writeErrors(stderr, c.Name, res.Errors, flagName)
	}
	if res.Status == calc.StatusOK {
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

// writeErrors prints the core's messages, one per line, each with the
// flag it concerns (flag names the flag of a field).
func writeErrors(w io.Writer, name string, errs calc.Errors, flag func(field string) string) {
	fmt.Fprintf(w, "roikit %s: the input has %s:\n", name, plural(len(errs), "problem"))
	for _, e := range errs {
		if e.Field != "" {
			fmt.Fprintf(w, "  --%s: %s\n", flag(e.Field), e.Message)
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

// writeSummary prints a result for people: its headline, each output with
// its label, and the warnings.
func writeSummary(w io.Writer, res *calc.Result) {
	if h := present.Headline(res); h != "" {
		fmt.Fprintln(w, h)
		fmt.Fprintln(w)
	}
	outputs := res.Calc.Outputs
	width := 0
	for _, o := range outputs {
		if outputTables[o.Name] == nil {
			width = max(width, len(o.Label))
		}
	}
	for _, o := range outputs {
		v, err := calc.PathValue(res.Response, o.Name)
		if err != nil || v == nil || outputTables[o.Name] != nil {
			continue
		}
		fmt.Fprintf(w, "  %-*s  %s\n", width, o.Label, present.Text(v, o.Unit))
	}
	for _, o := range outputs {
		if t := outputTables[o.Name]; t != nil {
			t(w, res, o.Label)
		}
	}
	if ws := res.Warnings(); len(ws) > 0 {
		fmt.Fprintln(w)
		for _, x := range ws {
			fmt.Fprintf(w, "Warning: %s\n", x.Message)
		}
	}
}

// flagRequest builds the request of the fields given as flags (values from
// fieldFlags), in the calculator's field order; a value that cannot be read
// is reported on stderr as "roikit NAME: --flag: problem" and ok is false.
func flagRequest(c *calc.Calculator, values map[string]*rawValue, stdin io.Reader, stderr io.Writer) (request map[string]any, ok bool) {
	request = map[string]any{}
	for _, f := range c.Fields {
		v, given := values[f.Name]
		if !given || !v.set {
			continue
		}
		val, err := flagValue(f, v.text, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "roikit %s: --%s: %v\n", c.Name, flagName(f.Name), err)
			return nil, false
		}
		request[f.Name] = val
	}
	return request, true
}
