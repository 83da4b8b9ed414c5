package present_test

import (
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// TestIdeaNote: why an idea is testable or not, from its test days, its
// lift and its share in the request (found by name; 100 % when absent).
func TestIdeaNote(t *testing.T) {
	days := func(n int) *int { return &n }
	req := &calc.PrioritizeRequest{Ideas: []calc.PrioritizeIdea{
		{Name: "fits", ExpectedLift: 0.1, AddressableShare: 1},
		{Name: "long", ExpectedLift: 0.02, AddressableShare: 0.3},
		{Name: "flat", ExpectedLift: 0, AddressableShare: 1},
		{Name: "worse", ExpectedLift: -0.2, AddressableShare: 1},
		{Name: "tiny", ExpectedLift: 1e-12, AddressableShare: 0.5},
	}}
	for _, tc := range []struct {
		idea      calc.PrioritizedIdea
		code      string
		days      int
		share     float64
		wantWords string
	}{
		{calc.PrioritizedIdea{Name: "fits", TestDays: days(20), Testable: true}, "testable", 20, 1, "Yes"},
		{calc.PrioritizedIdea{Name: "long", TestDays: days(143)}, "too_long", 143, 0.3, "No: needs 143 days at 30% of traffic"},
		{calc.PrioritizedIdea{Name: "flat"}, "no_lift", 0, 1, "No: no positive lift to test"},
		{calc.PrioritizedIdea{Name: "worse"}, "no_lift", 0, 1, "No: no positive lift to test"},
		{calc.PrioritizedIdea{Name: "tiny"}, "undetectable", 0, 0.5, "No: lift too small to detect at this traffic"},
		{calc.PrioritizedIdea{Name: "unknown", TestDays: days(90)}, "too_long", 90, 1, "No: needs 90 days at 100% of traffic"},
	} {
		code, d, share := present.IdeaNote(req, &tc.idea)
		if code != tc.code || d != tc.days || share != tc.share {
			t.Errorf("%s: %q %d %g, want %q %d %g", tc.idea.Name, code, d, share, tc.code, tc.days, tc.share)
		}
		res := &calc.Result{Request: req, Response: &calc.PrioritizeResponse{Ideas: []calc.PrioritizedIdea{tc.idea}}}
		pct := func(x float64, f string) string {
			if f == "pct" {
				return map[float64]string{1: "100%", 0.3: "30%", 0.5: "50%"}[x]
			}
			return map[float64]string{143: "143", 90: "90", 20: "20", 0: "0"}[x]
		}
		if got := present.Notes(res, pct)["ideas.0.testable"]; got != tc.wantWords {
			t.Errorf("%s: %q, want %q", tc.idea.Name, got, tc.wantWords)
		}
	}
}

// TestPortfolioNotes: the budget's ideas are marked, the others not; no
// budget, no mark.
func TestPortfolioNotes(t *testing.T) {
	ideas := []calc.PrioritizedIdea{{Name: "a"}, {Name: "b"}, {Name: "c"}}
	plain := func(float64, string) string { return "" }
	res := &calc.Result{Response: &calc.PrioritizeResponse{Ideas: ideas, Portfolio: &calc.PrioritizePortfolio{Names: []string{"a", "c"}}}}
	n := present.Notes(res, plain)
	if n["ideas.0.portfolio"] != "In portfolio" || n["ideas.1.portfolio"] != "" || n["ideas.2.portfolio"] != "In portfolio" {
		t.Errorf("with a budget: %v", n)
	}
	n = present.Notes(&calc.Result{Response: &calc.PrioritizeResponse{Ideas: ideas}}, plain)
	for i := range ideas {
		if s := n["ideas."+string(rune('0'+i))+".portfolio"]; s != "" {
			t.Errorf("no budget, idea %d marked %q", i, s)
		}
	}
	if present.Notes(&calc.Result{Response: &calc.ROIResponse{}}, plain) != nil {
		t.Error("notes for another calculator")
	}
}
