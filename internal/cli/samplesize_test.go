package cli

import (
	"strings"
	"testing"
)

// TestMDEByWeekTable: with daily visitors the summary ends with the table
// of what the test detects by week, the planned row marked; each figure is
// the core's mde_by_week (calc/testdata/mde_by_week.json, from
// scripts/reference/power_prop_inverse.py: week 2 at 5,000 a day is
// 70,000 visitors, +9.43 % relative, +0.47 points; week 1 at 2 a day
// detects nothing at a 50 % rate).
func TestMDEByWeekTable(t *testing.T) {
	out, _, code := runCLI(t, "", "samplesize", "--baseline-rate", "0.05", "--mde", "0.1", "--daily-visitors", "5000")
	for _, want := range []string{
		"What this test can detect by week:\n  Weeks  Visitors  Smallest relative lift  Smallest lift (points)\n",
		"      2    70,000                   9.4 %                   +0.47  ← Your plan\n",
		"      8   280,000                   4.7 %                   +0.23\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("exit %d, output %q lacks %q", code, out, want)
		}
	}
	if i, j := strings.Index(out, "Weeks                   2"), strings.Index(out, "What this test"); i < 0 || j < i {
		t.Errorf("the table is not after the summary: %q", out)
	}
	out, _, _ = runCLI(t, "", "samplesize", "--baseline-rate", "0.5", "--mde", "0.1", "--daily-visitors", "2")
	for _, want := range []string{"      1        14                       —                       —\n", "      8       112                  50.7 %                  +25.34  ← Your plan: 224 weeks\n", "too few visitors in week 1 "} {
		if !strings.Contains(out, want) {
			t.Errorf("unreachable: output %q lacks %q", out, want)
		}
	}
	out, _, _ = runCLI(t, "", "samplesize", "--baseline-rate", "0.05", "--mde", "0.1")
	if strings.Contains(out, "by week") {
		t.Errorf("table without daily visitors: %q", out)
	}
}
