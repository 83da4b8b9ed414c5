package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Run(args, strings.NewReader(stdin), &out, &errOut)
	return out.String(), errOut.String(), code
}

func TestRunJSONCommand(t *testing.T) {
	tests := []struct {
		name     string
		stdin    string
		args     []string
		code     int
		contains string
	}{
		{"success", `{"baseline_rate":0.05,"mde":0.1}`, []string{"run", "samplesize"}, 0, `"n_control": 31234`},
		{"invalid input exits 1 with errors", `{"baseline_rate":5,"mde":0.1}`, []string{"run", "samplesize"}, 1, `"field": "baseline_rate"`},
		{"malformed JSON exits 1", `{"baseline_rate":`, []string{"run", "samplesize"}, 1, `"code": "malformed_json"`},
		{"unknown field", `{"baseline_rate":0.05,"mde":0.1,"mdee":1}`, []string{"run", "samplesize"}, 1, `Did you mean \"mde\"?`},
		{"unknown calculator exits 2", `{}`, []string{"run", "nope"}, 2, ``},
		{"no calculator exits 2", `{}`, []string{"run"}, 2, ``},
		{"no command exits 2", ``, nil, 2, ``},
		{"unknown command exits 2", ``, []string{"frobnicate"}, 2, ``},
	}
	for _, tt := range tests {
		out, _, code := runCLI(t, tt.stdin, tt.args...)
		if code != tt.code || !strings.Contains(out, tt.contains) {
			t.Errorf("%s: exit %d, want %d; output %q should contain %q", tt.name, code, tt.code, out, tt.contains)
		}
		if tt.code != 2 && !json.Valid([]byte(out)) {
			t.Errorf("%s: output is not JSON: %s", tt.name, out)
		}
	}
}

func TestRunInputFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "req.json")
	os.WriteFile(path, []byte(`{"average_order_value":75,"purchases_per_year":3,"lifespan_years":2.5,"gross_margin":0.6}`), 0o644)
	out, _, code := runCLI(t, "", "run", "clv", "--input", path)
	if code != 0 || !strings.Contains(out, `"clv": 337.5`) {
		t.Errorf("exit %d: %s", code, out)
	}
	_, errOut, code := runCLI(t, "", "run", "clv", "--input", path+".missing")
	if code != 2 || !strings.Contains(errOut, "cannot read") {
		t.Errorf("missing file: exit %d: %s", code, errOut)
	}
}

func TestFriendlySubcommand(t *testing.T) {
	out, _, code := runCLI(t, "", "samplesize", "--baseline-rate", "0.05", "--mde", "0.1", "--daily-visitors", "5000")
	for _, want := range []string{"You need 31,234 visitors per variant, 62,468 in total: 13 days (2 weeks).", "Target conversion rate  5.5 %"} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output %q lacks %q", code, out, want)
		}
	}
	out, _, _ = runCLI(t, "", "samplesize", "--baseline-rate", "0.05", "--mde", "0.1", "--json")
	if !json.Valid([]byte(out)) || !strings.Contains(out, `"n_total": 62468`) {
		t.Errorf("--json: %s", out)
	}
	// Bad values reach the core as typed, so the messages are the core's.
	_, errOut, code := runCLI(t, "", "samplesize", "--baseline-rate", "5%", "--mde", "0.1")
	if code != 1 || !strings.Contains(errOut, "--baseline-rate: Baseline conversion rate must be a number") {
		t.Errorf("exit %d: %s", code, errOut)
	}
	_, errOut, code = runCLI(t, "", "samplesize", "--baseline", "0.05")
	if code != 2 || !strings.Contains(errOut, "roikit help samplesize") {
		t.Errorf("unknown flag: exit %d: %s", code, errOut)
	}
	_, _, code = runCLI(t, "", "clv", "stray")
	if code != 2 {
		t.Errorf("stray argument: exit %d", code)
	}
}

// TestHelpListsEveryField checks that help is generated from the specs: every
// field with its flag, and every output.
func TestHelpListsEveryField(t *testing.T) {
	for _, args := range [][]string{{"help", "samplesize"}, {"samplesize", "--help"}} {
		out, _, code := runCLI(t, "", args...)
		if code != 0 {
			t.Fatalf("%v: exit %d", args, code)
		}
		for _, want := range []string{"--baseline-rate", "--variance-reduction", "default 0.05", "0 < x < 1", "n_per_treatment", "default 1/variants"} {
			if !strings.Contains(out, want) {
				t.Errorf("%v: help lacks %q", args, want)
			}
		}
	}
	out, _, _ := runCLI(t, "", "help")
	for _, name := range []string{"samplesize", "significance", "clv", "roi", "clvfit"} {
		if !strings.Contains(out, name) {
			t.Errorf("help lacks %s", name)
		}
	}
	if _, _, code := runCLI(t, "", "help", "nope"); code != 2 {
		t.Errorf("help for an unknown calculator: exit %d", code)
	}
}
