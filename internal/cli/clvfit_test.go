package cli

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

const cdnowDir = "../../calc/testdata/cdnow"

// TestCLVFitCommand runs the CDNOW transactions through the command line,
// from a file and from standard input, and compares with the JSON entry
// point (roikit run clvfit): the same response, byte for byte. The numbers
// themselves are checked against lifetimes and FHL (2005) in calc.
func TestCLVFitCommand(t *testing.T) {
	file := filepath.Join(cdnowDir, "cdnow_sample_transactions.csv")
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]any{"transactions_csv": string(data), "observation_end": "1997-09-30", "gross_margin": 0.3})
	want, status := calc.RunJSON("clvfit", req)
	if status != calc.StatusOK {
		t.Fatalf("core: %s", want)
	}
	fromRun, _, code := runCLI(t, string(req), "run", "clvfit")
	if code != 0 {
		t.Fatalf("run clvfit: exit %d", code)
	}
	for _, args := range [][]string{
		{"clvfit", "--transactions", file, "--observation-end", "1997-09-30", "--gross-margin", "0.3", "--json"},
		{"clvfit", "--transactions", "-", "--observation-end", "1997-09-30", "--gross-margin", "0.3", "--json"},
	} {
		out, errOut, code := runCLI(t, string(data), args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		if out != fromRun || strings.TrimSpace(out) != strings.TrimSpace(string(indentJSON(want))) {
			t.Errorf("%v: differs from the core:\n%.300s\nwant\n%.300s", args, out, indentJSON(want))
		}
	}
	out, _, code := runCLI(t, "", "clvfit", "--transactions", file, "--observation-end", "1997-09-30", "--holdout-end", "1998-06-30")
	for _, w := range []string{"2,357 customers (946 bought more than once)", "r = 0.2426 (± 0.0126), alpha = 4.4136 (± 0.3782)", "p = 6.2496 (± 1.1901), q = 3.7442 (± 0.2901), v = 15.4435 (± 4.1594)", "Holdout check", "7+"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("summary lacks %q (exit %d):\n%s", w, code, out)
		}
	}
}

func TestCLVFitCommandSummary(t *testing.T) {
	out, errOut, code := runCLI(t, "", "clvfit", "--summary", filepath.Join(cdnowDir, "cdnow_customers_summary.csv"), "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r calc.CLVFitResponse
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// lifetimes 0.11.3 BetaGeoFitter on the same file (shared/reference/cases.json).
	if r.Customers != 2357 || r.RepeatCustomers != 946 || relDiff(r.BGNBD.R, 0.2425929282798216) > 2e-3 || relDiff(r.BGNBD.B, 2.4257) > 2e-3 {
		t.Errorf("fit %+v", r.BGNBD)
	}
}

// TestCLVFitCommandPublished: the published CDNOW predictions through the
// command line, from the model it fits to the CDNOW summary (whose
// parameters agree with the published ones to three digits, so the
// predictions agree to about 1e-3).
func TestCLVFitCommandPublished(t *testing.T) {
	summary := filepath.Join(cdnowDir, "cdnow_customers_summary.csv")
	fit := func(horizon string) calc.CLVFitResponse {
		out, errOut, code := runCLI(t, "", "clvfit", "--summary", summary, "--horizon", horizon, "--predictions", "--json")
		if code != 0 {
			t.Fatalf("horizon %s: exit %d: %s", horizon, code, errOut)
		}
		var r calc.CLVFitResponse
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return r
	}
	r := fit("39")
	var first *calc.CLVFitPrediction
	for i := range r.CustomersPredictions {
		if r.CustomersPredictions[i].CustomerID == "1" {
			first = &r.CustomersPredictions[i]
		}
	}
	if first == nil || first.Frequency != 2 || first.Recency != 30.43 || first.T != 38.86 {
		t.Fatalf("customer 1 of the CDNOW summary (x = 2, t_x = 30.43, T = 38.86) is not in the predictions: %+v", first)
	}
	// FHL (2005), section 5: 1.226 purchases expected in the next 39 weeks.
	if math.Abs(first.ExpectedPurchases-1.226) > 2e-3 {
		t.Errorf("expected purchases over 39 weeks %v, want 1.226 (FHL 2005)", first.ExpectedPurchases)
	}
	// lifetimes documentation (conditional_probability_alive): 0.7266.
	if math.Abs(first.PAlive-0.726578570080673) > 2e-3 {
		t.Errorf("P(alive) %v, want 0.7266 (lifetimes docs)", first.PAlive)
	}
	// FHL (2005), figure 1 / lifetimes expected_number_of_purchases_up_to_time:
	// a new customer makes 1.8576 purchases in 78 weeks.
	if got := fit("78").ExpectedPurchasesNewCustomer; math.Abs(got-1.8576) > 5e-3 {
		t.Errorf("new customer over 78 weeks %v, want 1.8576 (FHL 2005)", got)
	}
}

func relDiff(a, b float64) float64 {
	d := (a - b) / b
	if d < 0 {
		return -d
	}
	return d
}

func TestCLVFitCommandErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("customer_id,date\n1,1997-01-01\n1,1997-02-31\n"), 0o644)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
		want  string
	}{
		{"no file", "", []string{"clvfit"}, 2, "exactly one of --transactions"},
		{"both files", "", []string{"clvfit", "--transactions", bad, "--summary", bad}, 2, "exactly one"},
		{"missing file", "", []string{"clvfit", "--transactions", filepath.Join(dir, "nope.csv")}, 2, "cannot read the file"},
		{"bad date row, strict", "", []string{"clvfit", "--transactions", bad, "--strict"}, 1, "--transactions: The transactions file has 1 row that could not be read: line 3"},
		{"bad date rows over 10 %", "", []string{"clvfit", "--transactions", bad}, 1, `--transactions: 1 of the 2 rows of the transactions file (50 %) could not be read, most in the date column "date": line 3`},
		{"ambiguous dates", "customer_id,date\n1,01/02/2024\n1,03/04/2024\n", []string{"clvfit", "--transactions", "-"}, 1, "--date-format: The dates in the date column"},
		{"bad flag value", "", []string{"clvfit", "--transactions", bad, "--horizon", "abc"}, 1, "--horizon:"},
		{"bad time unit", "", []string{"clvfit", "--transactions", bad, "--time-unit", "month"}, 1, "--time-unit:"},
		{"recency > T on stdin", "frequency,recency,T\n1,5,2\n", []string{"clvfit", "--summary", "-"}, 1, "line 2: recency 5 is greater than T 2"},
		{"unknown flag", "", []string{"clvfit", "--nope", "1"}, 2, "flag provided but not defined"},
	}
	for _, tt := range tests {
		_, errOut, code := runCLI(t, tt.stdin, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", tt.name, code, errOut, tt.code, tt.want)
		}
	}
	out, _, code := runCLI(t, "", "clvfit", "--help")
	if code != 0 || !strings.Contains(out, "--transactions FILE") || !strings.Contains(out, "--observation-end") {
		t.Errorf("help: %d %s", code, out)
	}
}

// TestCLVFitCommandCSV: --csv FILE writes every customer's predictions as
// the page downloads them (calc.PredictionsCSV), with ids a spreadsheet
// would run as formulas guarded by a leading ' (issue 15); --csv - writes
// them to standard output.
func TestCLVFitCommandCSV(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(cdnowDir, "cdnow_sample_transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	ids := strings.NewReplacer("\n0001,", "\n=1+2,", "\n0002,", "\n\"+cmd|' /C calc'!A0\",", "\n0003,", "\n@SUM(A1:A9),")
	text := ids.Replace(string(data))
	out := filepath.Join(t.TempDir(), "predictions.csv")
	summary, errOut, code := runCLI(t, text, "clvfit", "--transactions", "-", "--observation-end", "1997-09-30", "--csv", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(summary, "2,357 per-customer rows written to "+out) {
		t.Errorf("the summary does not say where the rows went:\n%s", summary)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(got), "\n")
	for i, want := range []string{"customer_id,frequency,", "'=1+2,", `'+cmd|' /C calc'!A0,`, "'@SUM(A1:A9),", "0004,"} {
		if !strings.HasPrefix(lines[i], want) {
			t.Errorf("line %d is %q, want it to start with %q", i+1, lines[i], want)
		}
	}
	req, _ := json.Marshal(map[string]any{"transactions_csv": text, "observation_end": "1997-09-30", "predictions": true})
	job := calc.Decode("clvfit", req)
	res := job.Run(calc.Hooks{})
	if want := calc.PredictionsCSV(res.Response.(*calc.CLVFitResponse).CustomersPredictions, nil); string(got) != string(want) {
		t.Errorf("the file is not the core's predictions CSV")
	}
	stdout, _, code := runCLI(t, text, "clvfit", "--transactions", "-", "--observation-end", "1997-09-30", "--csv", "-")
	if code != 0 || stdout != string(got) {
		t.Errorf("--csv -: exit %d, %d bytes; want the file's %d", code, len(stdout), len(got))
	}
}

// endless is a stream of one byte without end; read counts what was taken.
type endless struct {
	b    byte
	read int64
}

func (e *endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = e.b
	}
	e.read += int64(len(p))
	return len(p), nil
}

// TestCLVFitCommandHugeLines: the reproductions of issue 15 on standard
// input. A line of gigabytes of zero bytes (the stream never ends: the
// command must stop by itself) and a 200 MB customer id stop at the 1 MB
// line limit with exit 1 and a message naming the line, having read a few
// MB; a file with CR line ends answers as its LF twin.
func TestCLVFitCommandHugeLines(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		b          byte
		want       string
	}{
		{"zero bytes", "customer_id,date\n1,1997-01-01\n", 0, "line 3 is longer than 1 MB"},
		{"a 200 MB id", "customer_id,date\n", 'a', "line 2 is longer than 1 MB"},
	} {
		tail := &endless{b: tc.b}
		var out, errOut bytes.Buffer
		code := Run([]string{"clvfit", "--transactions", "-"}, io.MultiReader(strings.NewReader(tc.head), tail), &out, &errOut)
		if code != exitInvalid || !strings.Contains(errOut.String(), tc.want) {
			t.Errorf("%s: exit %d, %q; want exit 1 and %q", tc.name, code, errOut.String(), tc.want)
		}
		if tail.read > 4<<20 {
			t.Errorf("%s: read %d MB", tc.name, tail.read>>20)
		}
	}
	data, err := os.ReadFile(filepath.Join(cdnowDir, "cdnow_sample_transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	lf := strings.ReplaceAll(string(data), "\r\n", "\n")
	args := []string{"clvfit", "--transactions", "-", "--observation-end", "1997-09-30", "--json"}
	want, _, _ := runCLI(t, lf, args...)
	got, errOut, code := runCLI(t, strings.ReplaceAll(lf, "\n", "\r"), args...)
	if code != 0 || got != want {
		t.Errorf("CR line ends: exit %d %s, and the answer differs from the LF file's: %.300s", code, errOut, got)
	}
}
