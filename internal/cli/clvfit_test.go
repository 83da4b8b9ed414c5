package cli

import (
	"encoding/json"
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
	for _, w := range []string{"2,357 customers (946 bought more than once)", "r = 0.2426, alpha = 4.4136", "p = 6.2496, q = 3.7442, v = 15.4435", "Holdout check", "7+"} {
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
		{"bad date row", "", []string{"clvfit", "--transactions", bad}, 1, "--transactions: the transactions file has 1 row that could not be read: line 3"},
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
