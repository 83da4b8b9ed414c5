package cli

import (
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// runPrioritize implements `roikit prioritize --input ideas.csv` ("-" reads
// standard input): one idea per CSV row, the idea fields as columns (name,
// expected_lift, lift_low, ...; dashes, spaces and case do not matter), an
// empty cell leaving the field at its default; the shared fields are flags.
// It prints the ranking as a table, or the JSON response with --json.
func runPrioritize(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, _ := calc.Lookup("prioritize")
	fs := flag.NewFlagSet("prioritize", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	input := fs.String("input", "", "the ideas as CSV, one per row with a header (- for standard input)")
	values, asJSON, help := fieldFlags(fs, c, func(f calc.Field) bool { return f.Type == calc.Array })
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "roikit prioritize: %v\nRun `roikit prioritize --help` for the fields.\n", err)
		return exitUsage
	}
	if *help {
		fmt.Fprint(stdout, "roikit prioritize --input FILE [--field value ...] [--json]\n\n"+
			"  --input FILE   the ideas as CSV (- for standard input): a header row naming the idea fields\n"+
			"                 (name, expected_lift, lift_low, lift_high, addressable_share, one_time_cost,\n"+
			"                 monthly_cost, ramp_months, risk_adjustment), then one idea per row\n\n")
		writeCalculatorHelp(stdout, c)
		return exitOK
	}
	if fs.NArg() > 0 || *input == "" {
		fmt.Fprintln(stderr, "roikit prioritize: give the ideas with --input FILE (a CSV file, - for standard input).")
		return exitUsage
	}
	request, ok := flagRequest(c, values, stdin, stderr)
	if !ok {
		return exitUsage
	}
	var src io.Reader = stdin
	if *input != "-" {
		f, err := os.Open(*input)
		if err != nil {
			fmt.Fprintf(stderr, "roikit prioritize: cannot read the file: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		src = f
	}
	ideas, err := readIdeas(src, c.Field("ideas"))
	if err != nil {
		fmt.Fprintf(stderr, "roikit prioritize: %s: %v\n", *input, err)
		return exitInvalid
	}
	request["ideas"] = ideas
	body, _ := json.Marshal(request)
	res := calc.Run("prioritize", body, calc.Hooks{})
	switch {
	case *asJSON:
		stdout.Write(indentJSON(res.JSON()))
		fmt.Fprintln(stdout)
	case res.Status == calc.StatusOK:
		writeRanking(stdout, res)
	default:
		writeErrors(stderr, "prioritize", res.Errors, ideaFlag)
	}
	if res.Status == calc.StatusOK {
		return exitOK
	}
	return exitInvalid
}

// ideaPath matches an error's field inside an idea: ideas[2].expected_lift.
var ideaPath = regexp.MustCompile(`^ideas\[(\d+)\](?:\.(.+))?$`)

// ideaFlag names where a field is set: a flag, or a row and column of the
// input file (the third idea is row 4, after the header).
func ideaFlag(field string) string {
	if m := ideaPath.FindStringSubmatch(field); m != nil {
		k, _ := strconv.Atoi(m[1])
		if m[2] == "" {
			return fmt.Sprintf("input row %d", k+2)
		}
		return fmt.Sprintf("input row %d, column %s", k+2, m[2])
	}
	return flagName(field)
}

// readIdeas reads the ideas CSV into request objects: the header's names
// as fields (normalized to the contract's snake_case), numbers as JSON
// numbers, other text as strings (the core names what is wrong), empty
// cells left out. The name column is always text.
func readIdeas(r io.Reader, spec *calc.Field) ([]any, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("not readable as CSV: %v", err)
	}
	if len(rows) < 2 {
		return nil, fmt.Errorf("a header row and at least one idea are needed")
	}
	header := make([]string, len(rows[0]))
	for i, h := range rows[0] {
		h = strings.TrimPrefix(h, "\ufeff")
		header[i] = strings.ToLower(strings.NewReplacer("-", "_", " ", "_").Replace(strings.TrimSpace(h)))
	}
	types := map[string]calc.Type{}
	for _, f := range spec.Items {
		types[f.Name] = f.Type
	}
	var ideas []any
	for n, row := range rows[1:] {
		if len(row) == 1 && strings.TrimSpace(row[0]) == "" {
			continue // a blank line
		}
		if len(row) > len(header) {
			return nil, fmt.Errorf("row %d has %d cells but the header names %d columns", n+2, len(row), len(header))
		}
		idea := map[string]any{}
		for i, cell := range row {
			cell = strings.TrimSpace(cell)
			if cell == "" {
				continue
			}
			if t := types[header[i]]; t == calc.Number || t == calc.Integer {
				if _, err := strconv.ParseFloat(cell, 64); err == nil {
					idea[header[i]] = json.Number(cell)
					continue
				}
			}
			idea[header[i]] = calc.UnguardCSVText(cell) // the page's download guards names against formula injection
		}
		ideas = append(ideas, idea)
	}
	return ideas, nil
}

// writeRanking prints the ranked ideas as a table for people, with the
// headline, the portfolio and the warnings.
func writeRanking(w io.Writer, res *calc.Result) {
	r := res.Response.(*calc.PrioritizeResponse)
	fmt.Fprintln(w, present.Headline(res))
	fmt.Fprintln(w)
	nameWidth := len("Idea")
	for _, idea := range r.Ideas {
		nameWidth = max(nameWidth, len([]rune(idea.Name)))
	}
	orDash := func(s string, ok bool) string {
		if !ok {
			return "—"
		}
		return s
	}
	fmt.Fprintf(w, "  %4s  %-*s  %14s  %10s  %7s  %9s  %9s  %s\n", "Rank", nameWidth, "Idea", "NPV", "Per dollar", "Payback", "P(NPV>0)", "Test days", "Testable")
	for _, idea := range r.Ideas {
		perDollar := orDash(calc.FormatFixed(deref(idea.ROIPerDollar), 2), idea.ROIPerDollar != nil)
		payback, days := "—", "—"
		if idea.PaybackMonth != nil {
			payback = strconv.Itoa(*idea.PaybackMonth)
		}
		if idea.TestDays != nil {
			days = calc.FormatCount(float64(*idea.TestDays))
		}
		prob := orDash(calc.FormatFixed(deref(idea.ProbPositiveNPV)*100, 0)+" %", idea.ProbPositiveNPV != nil)
		testable := map[bool]string{true: "yes", false: "no"}[idea.Testable]
		fmt.Fprintf(w, "  %4d  %-*s  %14s  %10s  %7s  %9s  %9s  %s\n", idea.Rank, nameWidth, idea.Name, calc.FormatFixed(idea.NPV, 0),
			perDollar, payback, prob, days, testable)
	}
	if p := r.Portfolio; p != nil {
		fmt.Fprintf(w, "\nWithin the budget: %s (NPV %s, cost %s in present value).\n",
			orDash(strings.Join(p.Names, ", "), len(p.Names) > 0), calc.FormatFixed(p.NPV, 0), calc.FormatFixed(p.PVCosts, 0))
	}
	for _, x := range res.Warnings() {
		fmt.Fprintf(w, "\nWarning: %s\n", x.Message)
	}
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}
