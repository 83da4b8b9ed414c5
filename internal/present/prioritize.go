package present

import (
	"fmt"

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
		{"idea-npv", "Net present value of each idea, in rank order"},
	},
	EmbedHeight: 1100,
	Results:     "prioritize.html",
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
