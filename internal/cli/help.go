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
		if f.Type == calc.Array {
			fmt.Fprintf(w, "\n  %s  --input FILE (a CSV file, one %s a row, the fields below as columns)\n      %s\n      (%s; %s)\n", f.Name, f.ItemNoun, f.Help,
				map[bool]string{true: "required", false: "optional"}[f.Required], fmt.Sprintf("%d to %d %ss", f.MinItems, f.MaxItems, f.ItemNoun))
			for _, item := range f.Items {
				fmt.Fprintf(w, "        %-18s %s", item.Name, item.Label)
				if item.Default != nil {
					d, _ := json.Marshal(item.Default)
					fmt.Fprintf(w, " (default %s)", d)
				} else if item.Required {
					fmt.Fprint(w, " (required)")
				}
				if r := item.Allowed(); r != "" {
					fmt.Fprintf(w, " [%s]", r)
				}
				fmt.Fprintln(w)
			}
			continue
		}
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
		case !f.RequiredWhen.IsZero():
			facts = append(facts, "required when "+f.RequiredWhen.Words())
		}
		if f.Default != nil {
			d, _ := json.Marshal(f.Default)
			facts = append(facts, "default "+string(d))
		} else if f.DefaultNote != "" {
			facts = append(facts, "default "+f.DefaultNote)
		}
		if f.Unit != "" {
			unit := "unit: " + f.Unit.Words()
			for _, uc := range f.UnitWhen {
				unit += "; " + uc.Unit.Words() + " when " + uc.When.Words()
			}
			facts = append(facts, unit)
		}
		if r := f.Allowed(); r != "" {
			facts = append(facts, r)
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
