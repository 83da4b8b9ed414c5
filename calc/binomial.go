package calc

import "math"

// The beta-binomial walk of compareBetas stops a tail once all that is left
// of it is provably below betaTailEps times the sum of that tail's side of
// the cut (so a probability of 1e-13 keeps 7 more digits than an absolute
// bound would give it), or below betaFloor times the whole mass (so that
// probabilities under 1e-40, shown as 0 anyway, do not cost a walk to the
// far end of the support).
const (
	betaTailEps = 1e-20
	betaFloor   = 1e-50
)

// betaComparison is the comparison of two independent Beta posteriors of
// conversion rates, pC ~ Beta(aC, bC) for control and pT ~ Beta(aT, bT) for
// the treatment.
type betaComparison struct {
	probTreatmentBetter float64 // P(pT > pC)
	expectedLoss        float64 // E[max(pC - pT, 0)]: what shipping the treatment costs on average
	terms               int     // beta-binomial terms summed, for tests and benchmarks
}

// compareBetas returns P(pT > pC) and E[max(pC - pT, 0)] for independent
// pC ~ Beta(aC, bC) and pT ~ Beta(aT, bT) whose parameters are whole numbers
// >= 1 (1 + conversions and 1 + non-conversions under a uniform prior), at
// most 2^53.
//
// Method: exact, by the order-statistic form of a Beta variable. With
// n = aT + bT - 1, pT is the aT-th smallest of n independent uniforms; the
// number K of those below pC is BetaBinomial(n, aC, bC), and
//
//	pT > pC        <=>  K <= aT - 1
//	P(pT > pC)     =    sum over k < aT of P(K = k)
//	E[(pC-pT)+]    =    sum over k >= aT of P(K = k) (aC+k)/(aC+bC+n) (1 - aT/(k+1))
//
// because given K = k, pC ~ Beta(aC+k, bC+n-k) and, when k >= aT, pT is the
// aT-th smallest of k uniforms on (0, pC), with mean pC aT/(k+1). The first
// sum is Evan Miller's closed form for P(B > A) rearranged; the second has
// only non-negative terms, so a tiny expected loss is not lost to
// cancellation. The same holds with the arms' roles exchanged (then the
// (aC - k)-th of the n - k uniforms above pT is pC); the arm with fewer
// visitors provides the n, which keeps the beta-binomial narrow.
//
// The sums are not taken term by term from k = 0, which costs O(conversions)
// and cannot serve a test with billions of visitors: the beta-binomial pmf is
// log-concave for a, b >= 1, so the terms are walked outwards from its mode
// with the ratio t(k+1)/t(k) = (n-k)(k+a)/((k+1)(n-k-1+b)), starting from
// t(mode) = 1 and normalising by their total (the pmf sums to 1, so no
// Gamma function of a huge argument is ever evaluated: lgamma(1e9) carries an
// absolute error near 1e-6, too much for a log-space sum). Each tail stops
// when the geometric bound t(k) r/(1-r) on all that is left is negligible
// (see betaTailEps). The work is about 20 standard deviations of K, up to 30
// when a result is a far-tail probability: about 400 terms for 10,000
// visitors per arm, 1e5 for a billion, 3e6 for a trillion at 1 %.
func compareBetas(aC, bC, aT, bT float64) betaComparison {
	if aT+bT <= aC+bC {
		n := aT + bT - 1
		var loss float64
		low, high, terms := walkBetaBinomial(n, aC, bC, aT, func(k, t float64) {
			if k >= aT {
				loss += t * (aC + k) * ((k + 1 - aT) / (k + 1))
			}
		})
		total := low + high
		return betaComparison{
			probTreatmentBetter: low / total,
			expectedLoss:        loss / ((aC + bC + n) * total),
			terms:               terms,
		}
	}
	// Roles exchanged: n = aC + bC - 1 uniforms, pC their aC-th smallest, K
	// of them below pT ~ Beta(aT, bT). pC > pT <=> K <= aC - 1, and then
	// E[pC - pT | pT, K=k] = (1 - pT)(aC - k)/(n - k + 1) with
	// E[1 - pT | K=k] = (bT + n - k)/(aT + bT + n).
	n := aC + bC - 1
	var loss float64
	low, high, terms := walkBetaBinomial(n, aT, bT, aC, func(k, t float64) {
		if k < aC {
			loss += t * (bT + n - k) * ((aC - k) / (n - k + 1))
		}
	})
	total := low + high
	return betaComparison{
		probTreatmentBetter: high / total,
		expectedLoss:        loss / ((aT + bT + n) * total),
		terms:               terms,
	}
}

// walkBetaBinomial visits the terms of the BetaBinomial(n, a, b) pmf that
// matter, for n a whole number >= 1 and a, b >= 1. It calls visit(k, t) with
// t proportional to the pmf at k (the same unknown factor for every k) and
// returns the sums of t below the cut (k < cut) and from it on (k >= cut),
// with the number of terms visited. Each tail's walk stops once the rest of
// it is below betaTailEps of its side's sum, or below betaFloor of the mass.
func walkBetaBinomial(n, a, b, cut float64, visit func(k, t float64)) (low, high float64, terms int) {
	add := func(k, t float64) {
		if k < cut {
			low += t
		} else {
			high += t
		}
		visit(k, t)
		terms++
	}
	// Start at the mode of the Beta(a, b) scaled to 0..n: within a step or
	// two of the pmf's mode, so no term exceeds the first by much.
	k0 := 0.0
	if a+b > 2 {
		k0 = math.Floor(n * (a - 1) / (a + b - 2))
	}
	k0 = math.Max(0, math.Min(n, k0))
	add(k0, 1)

	// Right tail: t(k+1) = t(k) r(k), with r decreasing in k because the
	// pmf is log-concave, so what is left after k is at most t r/(1-r).
	t := 1.0
	for k := k0; k < n; k++ {
		r := (n - k) * (k + a) / ((k + 1) * (n - k - 1 + b))
		if r < 1 {
			rest := t * r / (1 - r)
			if rest <= betaTailEps*high || rest <= betaFloor*(low+high) {
				break
			}
		}
		t *= r
		add(k+1, t)
	}
	// Left tail: t(k-1) = t(k) q(k), q = 1/r(k-1), decreasing as k falls.
	t = 1
	for k := k0; k > 0; k-- {
		q := k * (n - k + b) / ((n - k + 1) * (k - 1 + a))
		if q < 1 {
			rest := t * q / (1 - q)
			if rest <= betaTailEps*low || rest <= betaFloor*(low+high) {
				break
			}
		}
		t *= q
		add(k-1, t)
	}
	return low, high, terms
}
