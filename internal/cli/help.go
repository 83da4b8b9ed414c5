package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/roikit/roikit/calc"
)

// writeCalculatorHelp lists every field of a calculator with its flag,
// default, unit, allowed range and meaning, all from the field specs.
func writeCalculatorHelp(w io.Writer, c *calc.Calculator) {
	fmt.Fprintf(w, "roikit %s: %s\n%s\n\n", c.Name, c.Title, c.Description)
	fmt.Fprintf(w, "Usage:\n  roikit %s [--field value ...] [--json]\n  roikit run %s < request.json\n\nFields (JSON name, flag):\n", c.Name, c.Name)
	for _, f := range c.Fields {
		fmt.Fprintf(w, "\n  %s  --%s", f.Name, flagName(f.Name))
		if f.Type == calc.Text {
			fmt.Fprint(w, " FILE")
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "      %s\n", f.Help)
		var facts []string
		switch {
		case f.Required:
			facts = append(facts, "required")
		case f.RequiredWhen != "":
			facts = append(facts, "required when "+strings.ReplaceAll(f.RequiredWhen, "=", " is "))
		}
		if f.Default != nil {
			d, _ := json.Marshal(f.Default)
			facts = append(facts, "default "+string(d))
		} else if f.DefaultNote != "" {
			facts = append(facts, "default "+f.DefaultNote)
		}
		if f.Unit != "" {
			facts = append(facts, "unit: "+unitWords(f.Unit))
		}
		if r := rangeWords(f); r != "" {
			facts = append(facts, r)
		}
		if len(f.Enum) > 0 {
			facts = append(facts, "one of "+strings.Join(f.Enum, ", "))
		}
		if len(facts) > 0 {
			fmt.Fprintf(w, "      (%s)\n", strings.Join(facts, "; "))
		}
	}
	fmt.Fprintln(w, "\nOutputs:")
	for _, o := range c.Outputs {
		fmt.Fprintf(w, "  %-24s %s\n", o.Name, o.Help)
	}
	fmt.Fprintln(w, "\nEvery response also has \"warnings\": a list of {code, message}.")
}

func unitWords(u calc.Unit) string {
	if u == calc.Fraction {
		return "fraction (0.05 = 5 %)"
	}
	return string(u)
}

// rangeWords writes a field's bounds as an interval: "0 < x < 1".
func rangeWords(f calc.Field) string {
	if f.Min == nil && f.Max == nil {
		return ""
	}
	var b strings.Builder
	if f.Min != nil {
		op := " <= "
		if f.MinExclusive {
			op = " < "
		}
		b.WriteString(formatNumber(*f.Min, calc.Plain) + op)
	}
	b.WriteString("x")
	if f.Max != nil {
		op := " <= "
		if f.MaxExclusive {
			op = " < "
		}
		b.WriteString(op + formatNumber(*f.Max, calc.Plain))
	}
	return b.String()
}
