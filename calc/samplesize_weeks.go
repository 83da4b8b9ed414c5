package calc

import (
	"fmt"
	"math"
	"strings"
)

// mdeWeeks is how many weeks mde_by_week covers: 1 to 8, the longest a
// test should run (cookie churn and seasons; see the long_test warning).
const mdeWeeks = 8

// WeekMDE is one row of mde_by_week: the smallest effect a test of the
// given whole weeks detects at the request's alpha, power, sides, variants,
// correction, control share and variance reduction.
type WeekMDE struct {
	Weeks       int      `json:"weeks"`        // 1..8
	NTotal      int      `json:"n_total"`      // floor(7 x weeks x daily_visitors x traffic_share), visitors in all arms
	RelativeMDE *float64 `json:"relative_mde"` // smallest detectable effect as a share of the baseline; null when unreachable or the baseline mean is 0 or absent
	AbsoluteMDE *float64 `json:"absolute_mde"` // in the metric's units (a difference of rates as a fraction); null when unreachable
}

// sampleSizePlan is what the sample-size formula needs besides the effect:
// k = n_treatment / n_control, the control's share of the test's visitors,
// z_a = Φ⁻¹(1 - alpha_per_comparison/sides), z_b = Φ⁻¹(power) and
// keep = 1 - R² (the variance left after variance reduction).
type sampleSizePlan struct {
	k, controlShare, za, zb, keep float64
}

// weekVisitors is floor(7 x weeks x perDay). A product that is a whole
// number in exact arithmetic but lands just below it in floating point
// (7 x 5 x (6 x 0.7) = 146.99999999999997) counts as that whole number.
func weekVisitors(weeks int, perDay float64) int {
	n := 7 * float64(weeks) * perDay
	if r := math.Round(n); math.Abs(n-r) <= 1e-9*math.Max(1, n) {
		return int(r)
	}
	return int(math.Floor(n))
}

// mdeByWeek fills resp.MDEByWeek for weeks 1..8 at perDay = daily_visitors
// x traffic_share visitors a day: n_total = floor(7 weeks perDay) and the
// smallest detectable effect at n_control = n_total x control_share
// (unrounded) from the same formula as n (proportionMDE, meanMDE). Weeks
// whose effect cannot be reached (a target rate above 1, or no visitor)
// get null MDEs and the response one mde_unreachable warning naming them.
func mdeByWeek(r *SampleSizeRequest, plan sampleSizePlan, perDay float64, resp *SampleSizeResponse) {
	resp.MDEByWeek = make([]WeekMDE, mdeWeeks)
	var unreachable []int
	for w := 1; w <= mdeWeeks; w++ {
		row := WeekMDE{Weeks: w, NTotal: weekVisitors(w, perDay)}
		nControl := float64(row.NTotal) * plan.controlShare
		if r.Metric == "proportion" {
			p1 := *r.BaselineRate
			if d, ok := proportionMDE(p1, nControl, plan); ok {
				rel := d / p1
				row.AbsoluteMDE, row.RelativeMDE = &d, &rel
			}
		} else if d, ok := meanMDE(*r.BaselineSD, nControl, plan); ok {
			row.AbsoluteMDE = &d
			if r.BaselineMean != nil && *r.BaselineMean != 0 {
				if rel := d / math.Abs(*r.BaselineMean); isFinite(rel) {
					row.RelativeMDE = &rel
				}
			}
		}
		if row.AbsoluteMDE == nil {
			unreachable = append(unreachable, w)
		}
		resp.MDEByWeek[w-1] = row
	}
	if len(unreachable) > 0 {
		resp.warn("mde_unreachable", unreachableMessage(r.Metric, unreachable))
	}
}

// unreachableMessage says which weeks of the table are empty and why.
func unreachableMessage(metric string, weeks []int) string {
	which := "week " + fmt.Sprint(weeks[0])
	if n := len(weeks); n > 1 {
		which = fmt.Sprintf("weeks %d to %d", weeks[0], weeks[n-1])
		if weeks[n-1]-weeks[0] != n-1 {
			parts := make([]string, n)
			for i, w := range weeks {
				parts[i] = fmt.Sprint(w)
			}
			which = "weeks " + strings.Join(parts[:n-1], ", ") + " and " + parts[n-1]
		}
	}
	if metric == "mean" {
		return fmt.Sprintf("At this traffic no visitor enters the test in %s, so the table of detectable effects leaves it empty. Send more traffic to the test or run it longer.", which)
	}
	return fmt.Sprintf("At this traffic the test has too few visitors in %s to detect any lift, not even a rise to a 100 %% conversion rate, so the table of detectable effects leaves it empty. Send more traffic to the test or run it longer.", which)
}

// proportionMDE is the smallest absolute increase delta = p2 - p1 of a
// conversion rate p1 (0 < p1 < 1) that nControl visitors in control (and k
// nControl per treatment) detect: the root in (0, 1 - p1] of
//
//	h(delta) = sqrt(nControl) - N(p1 + delta) / delta,
//	N(p2) = z_a sqrt(p̄(1-p̄)(1+1/k) keep) + z_b sqrt((p1(1-p1) + p2(1-p2)/k) keep),
//
// p̄ = (p1 + k p2)/(1 + k): the sample-size formula n_control = N²/delta²
// solved for p2. N is concave and positive, so N(p2)/(p2 - p1) falls
// strictly and h has at most one root; h -> -inf as delta -> 0. ok is
// false when h(1 - p1) < 0 (even p2 = 1 is not detected) or nControl is
// 0. For k = 1, keep = 1 and two sides, p1 + delta is the p2 of R's
// power.prop.test(n = nControl, p1 = p1, power, sig.level). The root is
// found by halving delta from 1 - p1 until h < 0, then bisection to the
// last bit: at most about 1,100 + 60 steps, no NaN for any valid input.
func proportionMDE(p1, nControl float64, plan sampleSizePlan) (delta float64, ok bool) {
	if !(nControl > 0) {
		return 0, false
	}
	sn := math.Sqrt(nControl)
	k := plan.k
	h := func(d float64) float64 {
		p2 := p1 + d
		pbar := (p1 + k*p2) / (1 + k)
		n := plan.za*math.Sqrt(pbar*(1-pbar)*(1+1/k)*plan.keep) + plan.zb*math.Sqrt((p1*(1-p1)+p2*(1-p2)/k)*plan.keep)
		return sn - n/d
	}
	hi := 1 - p1
	if !(h(hi) >= 0) {
		return 0, false
	}
	lo := hi / 2
	for lo > 0 && h(lo) >= 0 {
		hi, lo = lo, lo/2
	}
	// h(lo) < 0 <= h(hi), hi = 2 lo (or lo = 0 after underflow).
	for {
		mid := lo + (hi-lo)/2
		if mid <= lo || mid >= hi {
			break
		}
		if h(mid) >= 0 {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, hi > 0
}

// meanMDE is the smallest absolute change of a mean (in its units) that
// nControl visitors in control detect: the mean formula n_control =
// (z_a + z_b)² sd² keep (1 + 1/k) / delta² solved for delta,
//
//	delta = (z_a + z_b) sd sqrt(keep (1 + 1/k) / nControl).
//
// ok is false when nControl is 0 or delta is not finite.
func meanMDE(sd, nControl float64, plan sampleSizePlan) (float64, bool) {
	if !(nControl > 0) {
		return 0, false
	}
	d := (plan.za + plan.zb) * sd * math.Sqrt(plan.keep*(1+1/plan.k)/nControl)
	return d, isFinite(d)
}
