package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var significance = Presentation{
	Headline: headline(func(r *calc.SignificanceResponse) string {
		verdict := "not statistically significant"
		if r.Significant {
			verdict = "statistically significant"
		}
		if r.Sequential {
			return fmt.Sprintf("Always-valid (sequential) result: the difference is %s (p = %s; read once, the fixed-horizon test would give p = %s).",
				verdict, Number(r.PValue, calc.Plain), Number(r.FixedHorizonPValue, calc.Plain))
		}
		return fmt.Sprintf("The difference is %s (p = %s).", verdict, Number(r.PValue, calc.Plain))
	}),
	Charts: []Chart{
		{"posteriors", "Where the true values probably lie: the two posteriors, or the lift's interval"},
	},
	EmbedHeight: 980,
	Results:     "significance.html",
}
