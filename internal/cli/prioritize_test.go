package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

const ideasCSV = "Name,Expected lift,lift-low,LIFT_HIGH,one_time_cost,monthly_cost,addressable_share\n" +
	"Recommendations,0.05,0.01,0.09,50000,2000,\n" +
	"\"Search, on site\",0.03,,,20000,1000,0.6\n" +
	"Email,0.02,-0.01,0.05,10000,,0.3\n"

// TestPrioritizeCommand: the CSV and the flags give the same response as
// `roikit run prioritize` on the equivalent JSON request, byte for byte,
// from a file and from standard input; the table lists every idea.
func TestPrioritizeCommand(t *testing.T) {
	req := `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"budget":120000,"ideas":[
		{"name":"Recommendations","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":50000,"monthly_cost":2000},
		{"name":"Search, on site","expected_lift":0.03,"one_time_cost":20000,"monthly_cost":1000,"addressable_share":0.6},
		{"name":"Email","expected_lift":0.02,"lift_low":-0.01,"lift_high":0.05,"one_time_cost":10000,"addressable_share":0.3}]}`
	want, status := calc.RunJSON("prioritize", []byte(req))
	if status != calc.StatusOK {
		t.Fatalf("core: %s", want)
	}
	fromRun, _, code := runCLI(t, req, "run", "prioritize")
	if code != 0 {
		t.Fatalf("run prioritize: exit %d", code)
	}
	file := filepath.Join(t.TempDir(), "ideas.csv")
	if err := os.WriteFile(file, []byte(ideasCSV), 0o644); err != nil {
		t.Fatal(err)
	}
	flags := []string{"--monthly-visitors", "200000", "--conversion-rate", "0.02", "--value-per-conversion", "80", "--gross-margin", "0.4", "--budget", "120000"}
	for _, input := range []string{file, "-"} {
		out, errOut, code := runCLI(t, ideasCSV, append([]string{"prioritize", "--input", input, "--json"}, flags...)...)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", input, code, errOut)
		}
		var a, b, c any
		json.Unmarshal([]byte(out), &a)
		json.Unmarshal(want, &b)
		json.Unmarshal([]byte(fromRun), &c)
		if !reflect.DeepEqual(a, b) || b == nil {
			t.Errorf("%s: the command gives\n%s\nthe core\n%s", input, out, want)
		}
		if !reflect.DeepEqual(c, b) {
			t.Errorf("run prioritize gives\n%s\nthe core\n%s", fromRun, want)
		}
	}
	out, _, code := runCLI(t, "", append([]string{"prioritize", "--input", file}, flags...)...)
	if code != 0 || !strings.Contains(out, `"Recommendations" comes first`) || !strings.Contains(out, "Search, on site") ||
		!strings.Contains(out, "Within the budget: Recommendations") {
		t.Errorf("summary (exit %d):\n%s", code, out)
	}
}

// TestPrioritizeCommandErrors: a problem inside an idea names its row and
// column; a missing file or no --input is a usage error.
func TestPrioritizeCommandErrors(t *testing.T) {
	flags := []string{"--monthly-visitors", "200000", "--conversion-rate", "0.02", "--value-per-conversion", "80"}
	_, errOut, code := runCLI(t, "name,expected_lift,lift_low\nA,0.05,0.01\nA,x,\n", append([]string{"prioritize", "--input", "-"}, flags...)...)
	if code != exitInvalid {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"input row 2, column lift_high", "input row 3, column expected_lift: Expected lift of idea 2 must be a number",
		"input row 3, column name: Name of idea 2 (\"A\") is already the name of idea 1"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("errors lack %q:\n%s", want, errOut)
		}
	}
	if _, errOut, code := runCLI(t, "", append([]string{"prioritize"}, flags...)...); code != exitUsage || !strings.Contains(errOut, "--input FILE") {
		t.Errorf("without --input: exit %d: %s", code, errOut)
	}
	if _, _, code := runCLI(t, "", "prioritize", "--input", "/nonexistent.csv"); code != exitUsage {
		t.Errorf("missing file: exit %d", code)
	}
	if _, errOut, code := runCLI(t, "name\n", append([]string{"prioritize", "--input", "-"}, flags...)...); code != exitInvalid || !strings.Contains(errOut, "at least one idea") {
		t.Errorf("header only: exit %d: %s", code, errOut)
	}
}

// TestPrioritizeReadsGuardedNames: the prioritize page's CSV download puts
// a ' before names a spreadsheet would run as formulas (issue 15); the
// command reads them back as typed. Other text keeps its '.
func TestPrioritizeReadsGuardedNames(t *testing.T) {
	csv := "name,expected_lift,one_time_cost\n'=1+2,0.05,50000\n'@SUM(A1:A9),0.03,20000\n'quoted,0.02,10000\n"
	out, errOut, code := runCLI(t, csv, "prioritize", "--input", "-", "--json", "--monthly-visitors", "200000", "--conversion-rate", "0.02", "--value-per-conversion", "80")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Ideas []struct {
			Name string `json:"name"`
		} `json:"ideas"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, i := range r.Ideas {
		names = append(names, i.Name)
	}
	slices.Sort(names)
	if want := []string{"'quoted", "=1+2", "@SUM(A1:A9)"}; !slices.Equal(names, want) {
		t.Errorf("names %q, want %q", names, want)
	}
}
