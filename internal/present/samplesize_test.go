package present

import (
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present/results"
)

// TestPlannedWeek: the marked row is the plan's weeks, or the last (eight
// weeks) when the plan is longer, and its words are those the results
// template gives the page's script (data-plan-text, data-nearest-text with
// {weeks}), so the served and the live page say the same.
func TestPlannedWeek(t *testing.T) {
	tmpl, err := results.Templates.ReadFile("samplesize.html")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		request  string
		week     int
		mark, js string
	}{
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`, 2, "Your plan", `data-plan-text="Your plan"`},
		{`{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000}`, 8, "Your plan: 9 weeks", `data-nearest-text="Your plan: {weeks}"`},
		{`{"baseline_rate":0.05,"mde":0.1}`, 0, "", ""},
	} {
		res := calc.Run("samplesize", []byte(tc.request), calc.Hooks{})
		r := res.Response.(*calc.SampleSizeResponse)
		if w := PlannedWeek(r); w != tc.week {
			t.Errorf("%s: planned week %d, want %d", tc.request, w, tc.week)
		}
		if tc.week == 0 {
			continue
		}
		notes := sampleSizeNotes(res, nil)
		if m := PlannedMark(r); m != tc.mark || notes["mde_by_week."+string(rune('0'+tc.week-1))+".plan"] != tc.mark || len(notes) != 1 {
			t.Errorf("%s: mark %q, notes %v, want %q", tc.request, m, notes, tc.mark)
		}
		if !strings.Contains(string(tmpl), tc.js) {
			t.Errorf("the results template lacks %s", tc.js)
		}
	}
}
