package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/roikit/roikit/calc"
)

// runCLVFit implements `roikit clvfit --transactions FILE` (or --summary
// FILE; "-" reads standard input) with the other fields as flags. The file
// is streamed to the core, so memory grows with the number of customers,
// not with the file's size. It prints a summary for people, or the JSON
// response with --json.
func runCLVFit(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	c, _ := calc.Lookup("clvfit")
	fs := flag.NewFlagSet("clvfit", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	txFile := fs.String("transactions", "", "the transaction log (CSV), or - for standard input")
	sumFile := fs.String("summary", "", "a customer summary (CSV: frequency, recency, T), or - for standard input")
	fs.StringVar(txFile, "transactions-csv", "", "the same as --transactions (the field's name in `roikit help clvfit`)")
	fs.StringVar(sumFile, "summary-csv", "", "the same as --summary")
	// The CSV text fields come from --transactions or --summary.
	values, asJSON, help := fieldFlags(fs, c, func(f calc.Field) bool { return f.Type == calc.Text })
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "roikit clvfit: %v\nRun `roikit help clvfit` for the fields.\n", err)
		return exitUsage
	}
	if *help {
		fmt.Fprint(stdout, "roikit clvfit --transactions FILE | --summary FILE [--field value ...] [--json]\n\n"+
			"  --transactions FILE   the transaction log as CSV (- for standard input)\n"+
			"  --summary FILE        a customer summary as CSV (- for standard input)\n\n")
		writeCalculatorHelp(stdout, c)
		return exitOK
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "roikit clvfit: unexpected argument %q: give the file with --transactions FILE or --summary FILE.\n", fs.Arg(0))
		return exitUsage
	}
	if (*txFile == "") == (*sumFile == "") {
		fmt.Fprintln(stderr, "roikit clvfit: give exactly one of --transactions FILE and --summary FILE (- reads standard input).")
		return exitUsage
	}
	request := map[string]any{}
	for _, f := range c.Fields {
		v, ok := values[f.Name]
		if !ok || !v.set {
			continue
		}
		val, err := flagValue(f, v.text, stdin)
		if err != nil {
			fmt.Fprintf(stderr, "roikit clvfit: --%s: %v\n", flagName(f.Name), err)
			return exitUsage
		}
		request[f.Name] = val
	}
	name := *txFile + *sumFile
	var src io.Reader = stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(stderr, "roikit clvfit: cannot read the file: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		src = f
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			src = io.NewSectionReader(f, 0, st.Size())
		}
	}
	var tx, sum io.Reader
	if *txFile != "" {
		tx = src
	} else {
		sum = src
	}
	body, _ := json.Marshal(request)
	resp, status := calc.RunCLVFitReaders(body, tx, sum, calc.Hooks{})
	if *asJSON {
		stdout.Write(indentJSON(resp))
		fmt.Fprintln(stdout)
	} else if status == calc.StatusOK {
		writeCLVFitSummary(stdout, resp)
	} else {
		writeCLVFitErrors(stderr, c, resp, *txFile != "")
	}
	if status == calc.StatusOK {
		return exitOK
	}
	return exitInvalid
}

// writeCLVFitErrors prints the core's errors with the CLI's names for the
// CSV fields (--transactions, --summary).
func writeCLVFitErrors(w io.Writer, c *calc.Calculator, resp []byte, transactions bool) {
	var body struct {
		Errors calc.Errors `json:"errors"`
	}
	if json.Unmarshal(resp, &body) != nil || len(body.Errors) == 0 {
		w.Write(resp)
		return
	}
	fmt.Fprintf(w, "roikit clvfit: the input has %s:\n", plural(len(body.Errors), "problem"))
	for _, e := range body.Errors {
		msg := strings.NewReplacer("transactions_csv", "the transactions file", "summary_csv", "the summary file").Replace(e.Message)
		switch e.Field {
		case "":
			fmt.Fprintf(w, "  %s\n", msg)
		case "transactions_csv":
			fmt.Fprintf(w, "  --transactions: %s\n", msg)
		case "summary_csv":
			fmt.Fprintf(w, "  --summary: %s\n", msg)
		default:
			fmt.Fprintf(w, "  --%s: %s\n", flagName(e.Field), msg)
		}
	}
}

// writeCLVFitSummary prints the fit for people: the data, the parameters
// with their meaning, the population's predictions, the holdout check and
// the warnings.
func writeCLVFitSummary(w io.Writer, raw []byte) {
	var r calc.CLVFitResponse
	if json.Unmarshal(raw, &r) != nil {
		w.Write(raw)
		return
	}
	unit := r.TimeUnit
	fmt.Fprintf(w, "%s customers (%s bought more than once), %s distinct purchase patterns", group(float64(r.Customers), 0), group(float64(r.RepeatCustomers), 0), group(float64(r.UniquePatterns), 0))
	if r.Rows > 0 {
		fmt.Fprintf(w, ", from %s transaction rows; the fit uses the purchases from %s to %s", group(float64(r.Rows), 0), r.FirstPurchase, r.ObservationEnd)
	}
	fmt.Fprintln(w, ".")
	fmt.Fprintln(w)
	b := r.BGNBD
	fmt.Fprintf(w, "Purchases (BG/NBD, %d iterations, log-likelihood %s):\n", b.Iterations, formatNumber(b.LogLikelihood, calc.Plain))
	fmt.Fprintf(w, "  r = %s, alpha = %s   purchase rates vary across customers; mean %s per %s while active\n", formatNumber(b.R, calc.Plain), formatNumber(b.Alpha, calc.Plain), formatNumber(b.R/b.Alpha, calc.Plain), unit)
	fmt.Fprintf(w, "  a = %s, b = %s   chance of dropping out after each purchase; mean %s\n", formatNumber(b.A, calc.Plain), formatNumber(b.B, calc.Plain), formatNumber(b.A/(b.A+b.B), calc.Fraction))
	if g := r.GammaGamma; g != nil {
		fmt.Fprintf(w, "Spend (Gamma-Gamma, %s repeat buyers):\n", group(float64(g.Customers), 0))
		fmt.Fprintf(w, "  p = %s, q = %s, v = %s", formatNumber(g.P, calc.Plain), formatNumber(g.Q, calc.Plain), formatNumber(g.V, calc.Plain))
		if g.MeanSpend != nil {
			fmt.Fprintf(w, "   mean spend per purchase %s (observed %s)", group(*g.MeanSpend, 2), group(g.ObservedSpend, 2))
		}
		fmt.Fprintln(w)
		if r.FrequencyMonetaryCorrelation != nil {
			fmt.Fprintf(w, "  correlation of frequency and spend: %s\n", formatNumber(*r.FrequencyMonetaryCorrelation, calc.Plain))
		}
	}
	fmt.Fprintln(w)
	p := r.Population
	fmt.Fprintf(w, "Over the next %s %ss:\n", formatNumber(r.Horizon, calc.Plain), unit)
	fmt.Fprintf(w, "  mean P(alive)                     %s\n", formatNumber(p.MeanPAlive, calc.Fraction))
	fmt.Fprintf(w, "  expected purchases, all customers %s (%s per customer)\n", group(p.ExpectedPurchases, 0), formatNumber(p.ExpectedPurchasesPerCustomer, calc.Plain))
	fmt.Fprintf(w, "  expected purchases, new customer  %s\n", formatNumber(r.ExpectedPurchasesNewCustomer, calc.Plain))
	if p.CLVTotal != nil {
		fmt.Fprintf(w, "  discounted CLV, all customers     %s (%s per customer)\n", group(*p.CLVTotal, 2), group(*p.CLVMean, 2))
	}
	if len(r.Holdout) > 0 {
		fmt.Fprintf(w, "\nHoldout check (to %s), repeat purchases per customer:\n  frequency  customers  expected  actual\n", r.HoldoutEnd)
		for _, h := range r.Holdout {
			f := fmt.Sprint(h.Frequency)
			if h.Frequency == 7 {
				f = "7+"
			}
			fmt.Fprintf(w, "  %9s  %9d  %8.3f  %6.3f\n", f, h.Customers, h.Expected, h.Actual)
		}
	}
	if len(r.CustomersPredictions) > 0 {
		fmt.Fprintf(w, "\n%s per-customer rows: run with --json to get them.\n", group(float64(len(r.CustomersPredictions)), 0))
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w)
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "Warning: %s\n", x.Message)
		}
	}
}
