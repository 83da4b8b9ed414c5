package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var clvfit = Presentation{
	Headline: headline(func(r *calc.CLVFitResponse) string {
		s := fmt.Sprintf("%s customers (%s bought more than once), %s distinct purchase patterns",
			count(r.Customers), count(r.RepeatCustomers), count(r.UniquePatterns))
		if r.Rows > 0 {
			s += fmt.Sprintf(", from %s transaction rows; the fit uses the purchases from %s to %s", count(r.Rows), r.FirstPurchase, r.ObservationEnd)
		}
		return s + "."
	}),
	Charts: []Chart{
		{"clv-distribution", "Distribution of customer lifetime value"},
		{"p-alive", "Probability a customer is still active, by frequency and recency"},
		{"holdout", "Expected and actual repeat purchases in the holdout period"},
	},
	EmbedHeight: 1200,
	Results:     "clvfit.html",
}
