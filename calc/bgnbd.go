package calc

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The BG/NBD model of Fader, Hardie & Lee, "Counting Your Customers the Easy
// Way: An Alternative to the Pareto/NBD Model", Marketing Science 24(2),
// 2005 (FHL below). While active, a customer buys as a Poisson process with
// rate λ ~ Gamma(r, α); after each repeat purchase they drop out for good
// with probability p ~ Beta(a, b). Times are in the model's unit (weeks or
// days); α is in the same unit.

// bgnbdParams are the four BG/NBD parameters, all > 0.
type bgnbdParams struct {
	r, alpha, a, b float64
}

// bgnbdLogLik returns the log-likelihood of the patterns (FHL eq. 6, each
// weighted by its customer count) and, when grad is not nil, its gradient
// with respect to (ln r, ln α, ln a, ln b). With
//
//	A1 = lnΓ(r+x) - lnΓ(r) + r ln α
//	A2 = ln B(a, b+x) - ln B(a, b) - (r+x) ln(α+T)
//	A3 = ln B(a+1, b+x-1) - ln B(a, b) - (r+x) ln(α+t_x)      (x > 0 only)
//
// the log-likelihood of one customer is A1 + ln(e^A2 + e^A3), summed in log
// space so that x = 1000 or a huge T never overflows.
//
// bgnbdLogLik prepares the patterns for one evaluation; a fit, which
// evaluates many times, prepares them once (newBGNBDData).
func bgnbdLogLik(p bgnbdParams, pats []pattern, grad []float64) float64 {
	return newBGNBDData(pats).logLik(p, grad)
}

// bgnbdData is patterns prepared for repeated evaluations of the
// likelihood: the distinct values of T and of t_x, and each pattern's index
// into them. Customers observed over the same dates share T and t_x, so an
// evaluation takes ln(α+T) and ln(α+t_x) once per distinct value, not once
// per pattern (in WebAssembly math.Log is pure Go and dominated the fit).
// The sums run over the patterns in their order, with the same values as
// computing each logarithm in place: the results are identical.
type bgnbdData struct {
	pats        []pattern
	ts, txs     []float64 // distinct T and t_x
	ti, txi     []int32   // per pattern: index into ts and txs
	lnAT, lnATx []float64 // per evaluation: ln(α+ts[k]), ln(α+txs[k])
}

func newBGNBDData(pats []pattern) *bgnbdData {
	d := &bgnbdData{pats: pats, ti: make([]int32, len(pats)), txi: make([]int32, len(pats))}
	index := func(values *[]float64, seen map[float64]int32, v float64) int32 {
		k, ok := seen[v]
		if !ok {
			k = int32(len(*values))
			seen[v] = k
			*values = append(*values, v)
		}
		return k
	}
	tSeen, txSeen := map[float64]int32{}, map[float64]int32{}
	for i := range pats {
		d.ti[i] = index(&d.ts, tSeen, pats[i].T)
		d.txi[i] = index(&d.txs, txSeen, pats[i].tx)
	}
	d.lnAT, d.lnATx = make([]float64, len(d.ts)), make([]float64, len(d.txs))
	return d
}

// logLik is bgnbdLogLik of the prepared patterns.
//
// It is long because the log-likelihood and its gradient are computed in one
// pass over the patterns, sharing every logarithm and Gamma function: it is
// the fit's inner loop.
func (d *bgnbdData) logLik(p bgnbdParams, grad []float64) float64 {
	pats := d.pats
	r, al, a, b := p.r, p.alpha, p.a, p.b
	for k, t := range d.ts {
		d.lnAT[k] = math.Log(al + t)
	}
	for k, t := range d.txs {
		d.lnATx[k] = math.Log(al + t)
	}
	lnAl := math.Log(al)
	lbab := lbeta(a, b)
	var dr, dal, da, db float64
	var psiR, psiA, psiB, psiAB, psiA1 float64
	if grad != nil {
		psiR, psiA, psiB, psiAB, psiA1 = mathext.Digamma(r), mathext.Digamma(a), mathext.Digamma(b), mathext.Digamma(a+b), mathext.Digamma(a+1)
	}
	ll := 0.0
	// Patterns come in runs of the same x; the x-only terms are cached.
	lastX := math.NaN()
	var lgRX, lgR, lbx, lbx1, psiRX, psiBX, psiABX, psiBX1 float64
	lgR = lgamma(r)
	for i := range pats {
		pt := &pats[i]
		x := pt.x
		if x != lastX {
			lastX = x
			lgRX = lgamma(r + x)
			lbx = lbeta(a, b+x)
			if x > 0 {
				lbx1 = lbeta(a+1, b+x-1)
			}
			if grad != nil {
				psiRX, psiBX, psiABX = mathext.Digamma(r+x), mathext.Digamma(b+x), mathext.Digamma(a+b+x)
				if x > 0 {
					psiBX1 = mathext.Digamma(b + x - 1)
				}
			}
		}
		lnAT := d.lnAT[d.ti[i]]
		a1 := lgRX - lgR + r*lnAl
		a2 := lbx - lbab - (r+x)*lnAT
		l := a1 + a2
		w2, w3 := 1.0, 0.0 // shares of e^A2 and e^A3 in their sum
		var lnATx float64
		if x > 0 {
			lnATx = d.lnATx[d.txi[i]]
			a3 := lbx1 - lbab - (r+x)*lnATx
			hi, lo := a2, a3
			if a3 > a2 {
				hi, lo = a3, a2
			}
			e := math.Exp(lo - hi)
			l = a1 + hi + math.Log1p(e)
			if a3 > a2 {
				w3, w2 = 1/(1+e), e/(1+e)
			} else {
				w2, w3 = 1/(1+e), e/(1+e)
			}
		}
		ll += pt.w * l
		if grad == nil {
			continue
		}
		gr := psiRX - psiR + lnAl - w2*lnAT
		gal := r/al - w2*(r+x)/(al+pt.T)
		ga := w2 * (psiAB - psiABX)
		gb := w2 * (psiBX - psiABX - psiB + psiAB)
		if x > 0 {
			gr -= w3 * lnATx
			gal -= w3 * (r + x) / (al + pt.tx)
			ga += w3 * (psiA1 - psiABX - psiA + psiAB)
			gb += w3 * (psiBX1 - psiABX - psiB + psiAB)
		}
		dr += pt.w * gr
		dal += pt.w * gal
		da += pt.w * ga
		db += pt.w * gb
	}
	if grad != nil {
		grad[0], grad[1], grad[2], grad[3] = dr*r, dal*al, da*a, db*b
	}
	return ll
}

func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}

// lbeta is ln B(a, b) for a, b > 0.
func lbeta(a, b float64) float64 { return lgamma(a) + lgamma(b) - lgamma(a+b) }

// maxLogParam bounds the log-parameters during the search: e^±30 is far
// outside any meaningful value, and the bound keeps every term finite.
const maxLogParam = 30

// fitProgress observes the minimizer (minimizeBFGS): it reports the
// iterations to the hooks and stops the search when the caller cancels.
type fitProgress struct {
	hooks      Hooks
	phase      string
	iterations int
	start      int // iterations of earlier fits, so the count keeps rising
	// evaluations of the likelihood in every fit so far, for the fraction
	evaluations int
}

// observe is minimizeBFGS's observer.
func (f *fitProgress) observe(e bfgsEvent) error {
	if f.hooks.Cancelled != nil && f.hooks.Cancelled() {
		return errCancelled
	}
	switch e {
	case bfgsIteration:
		f.iterations++
	case bfgsEvaluation:
		// Every evaluation reports, not only every iteration, and moves the
		// fraction on: on a large file one iteration's line search may take
		// several slow evaluations, and a progress bar must not stand still
		// meanwhile. A fit takes some 20 to 60 evaluations.
		f.evaluations++
	default:
		return nil
	}
	if f.hooks.Progress != nil {
		f.hooks.Progress(Progress{Phase: "fit", Iteration: f.start + f.iterations, Fraction: 1 - math.Exp(-float64(f.evaluations)/40)})
	}
	return nil
}

// errNotConverged is returned by minimizeLogParams when the search stops
// without reaching a maximum.
var errNotConverged = errors.New("did not converge")

// maximizeLogLik maximizes logLik, a log-likelihood of log-parameters with
// its gradient (when grad is not nil) summed over data of total weight
// total, from x0. It minimizes the negative mean log-likelihood, whose scale
// does not depend on the data's size (minimizeLogParams).
func maximizeLogLik(logLik func(x, grad []float64) float64, total float64, x0 []float64, rec *fitProgress) ([]float64, int, error) {
	negMean := func(x, grad []float64) float64 {
		ll := logLik(x, grad)
		for i := range grad {
			grad[i] = -grad[i] / total
		}
		return -ll / total
	}
	return minimizeLogParams(negMean, x0, rec)
}

// fitSettings are the stopping rules of the fits: the gradient of the
// negative mean log-likelihood below 1e-9 in every log-parameter, at most
// 2000 iterations and 20,000 evaluations, or no decrease above 1e-10 in
// 100 iterations.
var fitSettings = bfgsSettings{gradTol: 1e-9, maxIter: 2000, maxEval: 20000, stallIter: 100, stallTol: 1e-10}

// minimizeLogParams minimizes f over log-parameters from x0 with BFGS and an
// analytic gradient (minimizeBFGS). Log-parameters beyond ±maxLogParam give
// +Inf, which the line search steps back from. It returns the minimizer,
// the iterations used (the start counted) and errNotConverged when the
// gradient at the end is not close to zero, whatever rule stopped the
// search.
func minimizeLogParams(f func(x, grad []float64) float64, x0 []float64, rec *fitProgress) ([]float64, int, error) {
	inBounds := func(x []float64) bool {
		for _, v := range x {
			if math.Abs(v) > maxLogParam {
				return false
			}
		}
		return true
	}
	bounded := func(x, grad []float64) float64 {
		if !inBounds(x) {
			clear(grad)
			return math.Inf(1)
		}
		return f(x, grad)
	}
	var observe func(bfgsEvent) error
	if rec != nil {
		observe = rec.observe
	}
	res, err := minimizeBFGS(bounded, x0, fitSettings, observe)
	if err != nil {
		return nil, 0, err
	}
	x := res.x
	// The search may stop a hair short of the threshold (a line search
	// that cannot improve further); accept a point whose gradient is
	// negligible on the scale of the per-customer log-likelihood.
	if !inBounds(x) || math.IsNaN(res.f) || math.IsInf(res.f, 0) || !(maxAbs(res.grad) <= 1e-5) {
		return x, res.iterations, errNotConverged
	}
	return x, res.iterations, nil
}

// bgnbdFit is a fitted BG/NBD model.
type bgnbdFit struct {
	params bgnbdParams
	ll     float64 // log-likelihood at params
	iters  int
	// info is the observed information matrix in log-parameters
	// (logInformation): its inverse, scaled by the parameters, is the
	// covariance of (r, α, a, b). Empty when the search did not converge.
	info information
}

// fitBGNBD fits the BG/NBD model to weighted patterns by maximum likelihood.
// Times are rescaled so the longest T is 10 during the search (as the
// lifetimes library does), which keeps the problem well conditioned for any
// time unit; α is scaled back at the end. The information matrix is taken
// on the scaled data: in log-parameters it does not depend on the scale of
// α. On errNotConverged the fit holds the parameters where the search
// stopped (so that a caller can tell a run-off r from other failures).
func fitBGNBD(pats []pattern, rec *fitProgress) (bgnbdFit, error) {
	maxT, total := 0.0, 0.0
	for _, p := range pats {
		maxT = math.Max(maxT, p.T)
		total += p.w
	}
	scale := 1.0
	if maxT > 0 {
		scale = 10 / maxT
	}
	scaled := make([]pattern, len(pats))
	for i, p := range pats {
		scaled[i] = pattern{x: p.x, tx: p.tx * scale, T: p.T * scale, w: p.w}
	}
	params := func(x []float64) bgnbdParams {
		return bgnbdParams{r: math.Exp(x[0]), alpha: math.Exp(x[1]), a: math.Exp(x[2]), b: math.Exp(x[3])}
	}
	data := newBGNBDData(scaled)
	logLik := func(x, grad []float64) float64 { return data.logLik(params(x), grad) }
	x, iters, err := maximizeLogLik(logLik, total, []float64{0, 0, 0, 0}, rec)
	if err != nil {
		fit := bgnbdFit{iters: iters}
		if x != nil {
			fit.params = params(x)
			fit.params.alpha /= scale
		}
		return fit, err
	}
	info := logInformation(func(x, g []float64) { logLik(x, g) }, x)
	p := params(x)
	p.alpha /= scale
	return bgnbdFit{params: p, ll: bgnbdLogLik(p, pats, nil), iters: iters, info: info}, nil
}

// pAlive is the probability that a customer with history (x, t_x, T) is
// still active at T (FHL eq. 13):
//
//	P(alive) = 1 / (1 + [x > 0] a/(b+x-1) ((α+T)/(α+t_x))^(r+x))
//
// computed as exp(-log1p(e^L)) with L the log of the second term, so that
// x = 1000 gives 0 rather than NaN. It is exactly 1 when x = 0.
func (p bgnbdParams) pAlive(x, tx, T float64) float64 {
	if x == 0 {
		return 1
	}
	l := math.Log(p.a) - math.Log(p.b+x-1) + (p.r+x)*(math.Log(p.alpha+T)-math.Log(p.alpha+tx))
	if l > 40 {
		return math.Exp(-l) // 1/(1+e^l) with e^-l below double rounding of 1+e^l
	}
	return 1 / (1 + math.Exp(l))
}

// expectedIfAlive is the number of purchases in (T, T+t] expected from a
// customer with x repeat purchases observed for T, given they are still
// active at T. By FHL eq. 10,
//
//	E[Y(t) | alive] = (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)]
//
// with z = t/(α+T+t). Euler's transformation 2F1(A,B;C;z) =
// (1-z)^(C-A-B) 2F1(C-A, C-B; C; z) turns the bracket into
//
//	1 - (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z)
//
// whose parameters stay small when x is large, so nothing overflows (2F1 by
// hypergeo). With x = 0 and T = 0 it is the expected number
// of purchases of a new customer (FHL eq. 9).
func (p bgnbdParams) expectedIfAlive(x, T, t float64) float64 {
	if t <= 0 {
		return 0
	}
	a := p.a
	if math.Abs(a-1) < 1e-7 { // the formula is 0/0 at a = 1; its limit is continuous
		a = 1 + math.Copysign(1e-7, a-1)
	}
	c := a + p.b + x - 1
	z := t / (p.alpha + T + t)
	lnOneMinusZ := math.Log(p.alpha+T) - math.Log(p.alpha+T+t)
	h := hypergeo(a+p.b-1-p.r, a-1, c, z)
	// 1 - (1-z)^(a-1) h, with expm1 for accuracy when the two are close.
	bracket := -math.Expm1((a-1)*lnOneMinusZ + math.Log(h))
	if h <= 0 {
		bracket = 1 - math.Exp((a-1)*lnOneMinusZ)*h
	}
	return c / (a - 1) * bracket
}

// plausibleIfAlive reports whether e, a computed expectedIfAlive(x, T, t),
// is a number the model can produce: finite, not negative, and at most the
// purchases of a customer who never drops out, whose rate has the posterior
// mean (r + x) / (alpha + T), over t. Outside that, the hypergeometric
// series has lost its accuracy (degenerate parameters such as r = 1e7).
func (p bgnbdParams) plausibleIfAlive(e, x, T, t float64) bool {
	upper := (p.r + x) / (p.alpha + T) * t
	return finite(e) && e >= -1e-9 && e <= upper*(1+1e-6)+1e-9
}

// expectedPurchases is the conditional expectation of purchases in the next
// t time units for a customer with history (x, t_x, T): P(alive) times
// expectedIfAlive (FHL eq. 10).
func (p bgnbdParams) expectedPurchases(x, tx, T, t float64) float64 {
	pa := p.pAlive(x, tx, T)
	if pa == 0 {
		return 0
	}
	return pa * p.expectedIfAlive(x, T, t)
}

// expectedNew is E[X(t)], the purchases expected in t time units from a
// customer just acquired (FHL eq. 9).
func (p bgnbdParams) expectedNew(t float64) float64 { return p.expectedIfAlive(0, 0, t) }

// describeNotConverged is the error for a BG/NBD fit that did not converge.
func describeNotConverged(model string, customers float64) error {
	return Errors{{Field: "", Code: CodeNotComputable, Message: fmt.Sprintf(
		"The %s model did not converge on these %s customers: the data do not pin down its parameters. "+
			"Try a longer observation period (more repeat purchases), more customers, the other time unit, "+
			"or check that the dates and the observation end are right.", model, FormatCount(customers))}}
}

// maxSeriesTerms bounds the power series of hypergeo: about a millisecond.
const maxSeriesTerms = 200000

// hypergeo is the Gauss hypergeometric function 2F1(A, B; C; z) for
// 0 <= z < 1. The power series Σ (A)_n (B)_n / ((C)_n n!) z^n converges
// quickly for the small A, B and large C of the BG/NBD expectations and
// cannot overflow; when it converges too slowly (z close to 1 with a small
// C) gonum's mathext.Hypergeo takes over, outside the region where its
// Gamma functions overflow (C > 150) or its integer-(C-A-B) branch
// applies. NaN means neither is reliable; the caller reports an error.
func hypergeo(A, B, C, z float64) float64 {
	sum, term := 1.0, 1.0
	for n := 0.0; n < maxSeriesTerms; n++ {
		term *= (A + n) * (B + n) / ((C + n) * (n + 1)) * z
		sum += term
		if math.Abs(term) <= 1e-17*math.Abs(sum) && n > -C {
			return sum
		}
		if math.IsInf(sum, 0) || math.IsNaN(sum) {
			break
		}
	}
	d := C - A - B
	if C > 0 && C < 150 && math.Abs(d-math.Round(d)) > 1e-6 {
		if h := mathext.Hypergeo(A, B, C, z); !math.IsNaN(h) && !math.IsInf(h, 0) {
			return h
		}
	}
	return math.NaN()
}
