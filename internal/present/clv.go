package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var clv = Presentation{
	Headline: headline(func(r *calc.CLVResponse) string {
		return fmt.Sprintf("Each customer is worth %s in margin over their lifetime.", calc.FormatFixed(r.CLV, 2))
	}),
	Charts: []Chart{
		{"cumulative-value", "Customer lifetime value accumulated year by year"},
	},
	EmbedHeight: 760,
	Results:     "clv.html",
}
