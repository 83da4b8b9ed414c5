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
		{"mde-by-week", "Smallest detectable lift against the weeks the test runs"},
	},
	EmbedHeight: 1380,
	Results:     "samplesize.html",
	Notes:       sampleSizeNotes,
}

// count writes a whole number with grouped thousands: 31234 -> "31,234".
func count(n int) string { return calc.FormatCount(float64(n)) }

// PlannedWeek is the row of mde_by_week the pages and the CLI mark as the
// reader's plan: the test's whole weeks (weeks), or the 8-week row, the
// last, when the plan is longer; 0 without daily visitors. The page's
// script (site/js/mdeweeks.js) applies the same rule.
func PlannedWeek(r *calc.SampleSizeResponse) int {
	if r.Weeks == nil || len(r.MDEByWeek) == 0 {
		return 0
	}
	return min(*r.Weeks, len(r.MDEByWeek))
}

// PlannedMark is the words beside the planned row: "Your plan" when the
// plan is the row's weeks, else how long the plan is. The results
// template (samplesize.html) carries the same words for the page's script.
func PlannedMark(r *calc.SampleSizeResponse) string {
	if r.Weeks == nil {
		return ""
	}
	if *r.Weeks <= len(r.MDEByWeek) {
		return "Your plan"
	}
	return fmt.Sprintf("Your plan: %s weeks", count(*r.Weeks))
}

// sampleSizeNotes marks the planned row of the results' mde_by_week table:
// "mde_by_week.N.plan" is PlannedMark for the row of PlannedWeek (N its
// index), and absent for every other row.
func sampleSizeNotes(res *calc.Result, _ func(float64, string) string) map[string]string {
	r, ok := res.Response.(*calc.SampleSizeResponse)
	if !ok {
		return nil
	}
	out := map[string]string{}
	if w := PlannedWeek(r); w > 0 {
		out[fmt.Sprintf("mde_by_week.%d.plan", w-1)] = PlannedMark(r)
	}
	return out
}
