package present

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

var sampleSize = Presentation{
	Headline: headline(func(r *calc.SampleSizeResponse) string {
		s := fmt.Sprintf("You need %s visitors in control and %s per treatment, %s in total", count(r.NControl), count(r.NPerTreatment), count(r.NTotal))
		if r.NControl == r.NPerTreatment {
			s = fmt.Sprintf("You need %s visitors per variant, %s in total", count(r.NPerTreatment), count(r.NTotal))
		}
		if r.Days != nil {
			weeks := 0
			if r.Weeks != nil {
				weeks = *r.Weeks
			}
			s += fmt.Sprintf(": %s days (%s weeks)", count(*r.Days), count(weeks))
		}
		return s + "."
	}),
	Charts: []Chart{
		{"visitors-vs-mde", "Visitors needed per variant against the minimum detectable effect"},
	},
	EmbedHeight: 820,
	Results:     "samplesize.html",
}

// count writes a whole number with grouped thousands: 31234 -> "31,234".
func count(n int) string { return calc.FormatCount(float64(n)) }
