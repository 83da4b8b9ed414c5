package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var roi = Presentation{
	Headline: headline(func(r *calc.ROIResponse) string {
		s := fmt.Sprintf("Net present value %s", calc.FormatFixed(r.NPV, 0))
		if r.ROIPerDollar != nil {
			s += fmt.Sprintf(": %s back per dollar spent (present value)", calc.FormatFixed(*r.ROIPerDollar, 2))
		}
		if r.PaybackMonth != nil {
			s += fmt.Sprintf(", paid back in month %s", count(*r.PaybackMonth))
		} else {
			s += ", not paid back within the horizon"
		}
		return s + "."
	}),
	Charts: []Chart{
		{"cash-flow", "Cumulative discounted cash flow by month"},
		{"npv-distribution", "Distribution of the net present value across the simulations"},
		{"tornado", "How much each input moves the net present value"},
	},
	EmbedHeight: 1200,
	Results:     "roi.html",
}
