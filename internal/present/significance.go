package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var significance = Presentation{
	Headline: headline(func(r *calc.SignificanceResponse) string {
		if r.Significant {
			return fmt.Sprintf("The difference is statistically significant (p = %s).", Number(r.PValue, calc.Plain))
		}
		return fmt.Sprintf("The difference is not statistically significant (p = %s).", Number(r.PValue, calc.Plain))
	}),
	Charts: []Chart{
		{"posteriors", "Where the true values probably lie: the two posteriors, or the lift's interval"},
	},
	EmbedHeight: 980,
	Results:     "significance.html",
}
