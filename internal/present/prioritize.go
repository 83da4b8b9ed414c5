package present

import (
	"fmt"
	"strings"

	"github.com/roikit/roikit/calc"
)

var prioritize = Presentation{
	Headline: headline(func(r *calc.PrioritizeResponse) string {
		if len(r.Ideas) == 0 {
			return ""
		}
		top := r.Ideas[0]
		s := fmt.Sprintf("%d ideas ranked: %q comes first, with a net present value of %s", len(r.Ideas), top.Name, calc.FormatFixed(top.NPV, 0))
		if len(r.Ideas) == 1 {
			s = fmt.Sprintf("1 idea ranked: %q, with a net present value of %s", top.Name, calc.FormatFixed(top.NPV, 0))
		}
		switch {
		case top.TestDays == nil:
			s += " and no A/B test of its lift"
		case top.Testable:
			s += fmt.Sprintf(" and a %s-day test", count(*top.TestDays))
		default:
			s += fmt.Sprintf(" but a test of %s days, longer than your limit", count(*top.TestDays))
		}
		s += "."
		if p := r.Portfolio; p != nil {
			s += fmt.Sprintf(" The budget buys %s, net present value %s.", pluralIdeas(len(p.Names)), calc.FormatFixed(p.NPV, 0))
		}
		return s
	}),
	Charts: []Chart{
		{"idea-npv", "Net present value of each idea, in rank order, with its 80 % range"},
		{"idea-return-days", "Return per dollar of each idea against the days its test needs"},
	},
	EmbedHeight: 1100,
	Results:     "prioritize.html",
	Notes:       Notes,
	NoteTexts:   NoteTexts,
}

// pluralIdeas writes "no idea", "1 idea", "3 ideas".
func pluralIdeas(n int) string {
	switch n {
	case 0:
		return "no idea"
	case 1:
		return "1 idea"
	}
	return fmt.Sprintf("%d ideas", n)
}

// NoteTexts are the words of the ranked table's notes, by code: the one
// place they are written. The build fills the pre-rendered table with
// them (Notes) and writes them into the page as JSON, from which the page
// script (site/js/ideanotes.js) fills the live table; {days} is a whole
// number of days (format "int") and {share} the idea's share of traffic
// (format "pct").
var NoteTexts = map[string]string{
	"testable":     "Yes",
	"too_long":     "No: needs {days} days at {share} of traffic",
	"no_lift":      "No: no positive lift to test",
	"undetectable": "No: lift too small to detect at this traffic",
	"in_portfolio": "In portfolio",
}

// IdeaNote says why an idea of the ranking is testable or not: its code in
// NoteTexts, the test's days and the idea's share of traffic (for
// "too_long"). The idea's lift and share come from the request's idea of
// the same name (names are unique; share 1 when not found).
//
//	testable      the test fits max_test_days
//	too_long      test_days > max_test_days
//	no_lift       no test_days and expected_lift <= 0
//	undetectable  no test_days and expected_lift > 0
func IdeaNote(req *calc.PrioritizeRequest, idea *calc.PrioritizedIdea) (code string, days int, share float64) {
	lift, share := 0.0, 1.0
	if req != nil {
		for _, in := range req.Ideas {
			if in.Name == idea.Name {
				lift, share = in.ExpectedLift, in.AddressableShare
				break
			}
		}
	}
	switch {
	case idea.Testable:
		return "testable", *idea.TestDays, share
	case idea.TestDays != nil:
		return "too_long", *idea.TestDays, share
	case lift <= 0:
		return "no_lift", 0, share
	}
	return "undetectable", 0, share
}

// Notes are the ranked table's notes of a prioritize result, by path:
// "ideas.N.testable" (NoteTexts' words, numbers written by format with
// the site's data-format names) and "ideas.N.portfolio" ("In portfolio"
// for an idea the budget buys, else ""). Nil for another result.
func Notes(res *calc.Result, format func(x float64, name string) string) map[string]string {
	r, ok := res.Response.(*calc.PrioritizeResponse)
	if !ok {
		return nil
	}
	req, _ := res.Request.(*calc.PrioritizeRequest)
	chosen := map[string]bool{}
	if r.Portfolio != nil {
		for _, n := range r.Portfolio.Names {
			chosen[n] = true
		}
	}
	out := map[string]string{}
	for i := range r.Ideas {
		idea := &r.Ideas[i]
		code, days, share := IdeaNote(req, idea)
		text := strings.Replace(NoteTexts[code], "{days}", format(float64(days), "int"), 1)
		text = strings.Replace(text, "{share}", format(share, "pct"), 1)
		out[fmt.Sprintf("ideas.%d.testable", i)] = text
		out[fmt.Sprintf("ideas.%d.portfolio", i)] = ""
		if chosen[idea.Name] {
			out[fmt.Sprintf("ideas.%d.portfolio", i)] = NoteTexts["in_portfolio"]
		}
	}
	return out
}
