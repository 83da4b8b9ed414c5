package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
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
	csvOut := fs.String("csv", "", "write every customer's predictions to this CSV file (- for standard output)")
	// The CSV text fields come from --transactions or --summary.
	values, asJSON, help := fieldFlags(fs, c, func(f calc.Field) bool { return f.Type == calc.Text })
	if err := fs.Parse(args); err != nil {
		fmt.Fprintf(stderr, "roikit clvfit: %v\nRun `roikit help clvfit` for the fields.\n", err)
		return exitUsage
	}
	if *help {
		fmt.Fprint(stdout, "roikit clvfit --transactions FILE | --summary FILE [--field value ...] [--json]\n\n"+
			"  --transactions FILE   the transaction log as CSV (- for standard input)\n"+
			"  --summary FILE        a customer summary as CSV (- for standard input)\n"+
			"  --csv FILE            write every customer's predictions as CSV, as the page downloads them (- for standard output)\n\n")
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
	request, ok := flagRequest(c, values, stdin, stderr)
	if !ok {
		return exitUsage
	}
	if *csvOut != "" {
		request["predictions"] = true
	}
	src, closeSrc, err := openInput(*txFile+*sumFile, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "roikit clvfit: cannot read the file: %v\n", err)
		return exitUsage
	}
	defer closeSrc()
	body, _ := json.Marshal(request)
	job := calc.Decode("clvfit", body)
	if req, ok := job.Request.(*calc.CLVFitRequest); ok {
		if *txFile != "" {
			req.TransactionsReader = src
		} else {
			req.SummaryReader = src
		}
	}
	res := job.Run(calc.Hooks{})
	if *csvOut != "" && res.Status == calc.StatusOK {
		if err := writePredictionsCSV(*csvOut, res, stdout); err != nil {
			fmt.Fprintf(stderr, "roikit clvfit: cannot write the predictions: %v\n", err)
			return exitUsage
		}
		if *csvOut == "-" {
			return exitOK
		}
	}
	switch {
	case *asJSON:
		stdout.Write(indentJSON(res.JSON()))
		fmt.Fprintln(stdout)
	case res.Status == calc.StatusOK:
		writeCLVFitSummary(stdout, res, *csvOut)
	default:
		writeCLVFitErrors(stderr, res.Errors)
	}
	if res.Status == calc.StatusOK {
		return exitOK
	}
	return exitInvalid
}

// openInput opens the file name, or stdin for "-", to stream it to the
// core: a regular file as an io.SectionReader, whose size gives the parse
// phase its progress. close releases it.
func openInput(name string, stdin io.Reader) (src io.Reader, close func(), err error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, err
	}
	src = f
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		src = io.NewSectionReader(f, 0, st.Size())
	}
	return src, func() { f.Close() }, nil
}

// writePredictionsCSV writes every customer's predictions as CSV
// (calc.PredictionsCSV, ids guarded against formula injection) to the file
// name, or to stdout when name is "-".
func writePredictionsCSV(name string, res *calc.Result, stdout io.Writer) error {
	b := calc.PredictionsCSV(res.Response.(*calc.CLVFitResponse).CustomersPredictions, nil)
	if name == "-" {
		_, err := stdout.Write(b)
		return err
	}
	return os.WriteFile(name, b, 0o644)
}

// writeCLVFitErrors prints the core's errors with the CLI's names for the
// CSV fields (--transactions, --summary).
func writeCLVFitErrors(w io.Writer, errs calc.Errors) {
	names := strings.NewReplacer("transactions_csv", "the transactions file", "summary_csv", "the summary file")
	for i := range errs {
		errs[i].Message = names.Replace(errs[i].Message)
	}
	writeErrors(w, "clvfit", errs, func(field string) string {
		switch field {
		case "transactions_csv":
			return "transactions"
		case "summary_csv":
			return "summary"
		}
		return flagName(field)
	})
}

// writeCLVFitSummary prints the fit for people: the data, the parameters
// with their meaning, the population's predictions, the holdout check and
// the warnings; csvName is the file the predictions were written to, if
// any.
func writeCLVFitSummary(w io.Writer, res *calc.Result, csvName string) {
	r := res.Response.(*calc.CLVFitResponse)
	unit := r.TimeUnit
	fmt.Fprintln(w, present.Headline(res))
	fmt.Fprintln(w)
	b := r.BGNBD
	fmt.Fprintf(w, "Purchases (BG/NBD, %d iterations, log-likelihood %s):\n", b.Iterations, present.Number(b.LogLikelihood, calc.Plain))
	se := b.StandardErrors
	fmt.Fprintf(w, "  r = %s, alpha = %s   purchase rates vary across customers; mean %s per %s while active\n", withSE(b.R, se.R), withSE(b.Alpha, se.Alpha), present.Number(b.R/b.Alpha, calc.Plain), unit)
	fmt.Fprintf(w, "  a = %s, b = %s   chance of dropping out after each purchase; mean %s\n", withSE(b.A, se.A), withSE(b.B, se.B), present.Number(b.A/(b.A+b.B), calc.Fraction))
	fmt.Fprintln(w, "  (± standard errors, from the curvature of the likelihood at the fit)")
	if g := r.GammaGamma; g != nil {
		fmt.Fprintf(w, "Spend (Gamma-Gamma, %s repeat buyers):\n", calc.FormatFixed(float64(g.Customers), 0))
		gse := g.StandardErrors
		fmt.Fprintf(w, "  p = %s, q = %s, v = %s", withSE(g.P, gse.P), withSE(g.Q, gse.Q), withSE(g.V, gse.V))
		if g.MeanSpend != nil {
			fmt.Fprintf(w, "   mean spend per purchase %s (observed %s)", calc.FormatFixed(*g.MeanSpend, 2), calc.FormatFixed(g.ObservedSpend, 2))
		}
		fmt.Fprintln(w)
		if r.FrequencyMonetaryCorrelation != nil {
			fmt.Fprintf(w, "  correlation of frequency and spend: %s\n", present.Number(*r.FrequencyMonetaryCorrelation, calc.Plain))
		}
	}
	fmt.Fprintln(w)
	p := r.Population
	fmt.Fprintf(w, "Over the next %s %ss:\n", present.Number(r.Horizon, calc.Plain), unit)
	fmt.Fprintf(w, "  mean P(alive)                     %s\n", present.Number(p.MeanPAlive, calc.Fraction))
	fmt.Fprintf(w, "  expected purchases, all customers %s (%s per customer)\n", calc.FormatFixed(p.ExpectedPurchases, 0), present.Number(p.ExpectedPurchasesPerCustomer, calc.Plain))
	fmt.Fprintf(w, "  expected purchases, new customer  %s\n", present.Number(r.ExpectedPurchasesNewCustomer, calc.Plain))
	if p.CLVTotal != nil {
		fmt.Fprintf(w, "  discounted CLV, all customers     %s (%s per customer)\n", calc.FormatFixed(*p.CLVTotal, 2), calc.FormatFixed(*p.CLVMean, 2))
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
		if csvName != "" {
			fmt.Fprintf(w, "\n%s per-customer rows written to %s.\n", calc.FormatFixed(float64(len(r.CustomersPredictions)), 0), csvName)
		} else {
			fmt.Fprintf(w, "\n%s per-customer rows: run with --csv FILE or --json to get them.\n", calc.FormatFixed(float64(len(r.CustomersPredictions)), 0))
		}
	}
	if len(r.Warnings) > 0 {
		fmt.Fprintln(w)
		for _, x := range r.Warnings {
			fmt.Fprintf(w, "Warning: %s\n", x.Message)
		}
	}
}

// withSE writes a parameter with its standard error: "0.243 (± 0.0126)",
// or "(± not determined)" when the data do not determine it (null).
func withSE(v float64, se *float64) string {
	if se == nil {
		return present.Number(v, calc.Plain) + " (± not determined)"
	}
	return present.Number(v, calc.Plain) + " (± " + present.Number(*se, calc.Plain) + ")"
}
