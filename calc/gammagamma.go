package calc

import (
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The Gamma-Gamma spend model of Fader & Hardie, "The Gamma-Gamma Model of
// Monetary Value" (2013 note), after Colombo & Jiang (1999). A customer's
// spend per purchase is Gamma(p, ν) around their own mean p/ν, and ν ~
// Gamma(q, v) across customers. It is fitted on repeat buyers (x > 0) with a
// positive mean spend m over their x repeat purchases, and assumes that
// spend is independent of purchase frequency.

// ggParams are the three Gamma-Gamma parameters, all > 0.
type ggParams struct {
	p, q, v float64
}

// spender is a repeat buyer's x and mean spend m, with their weight.
type spender struct {
	x, m, w float64
}

// ggLogLik is the log-likelihood of the spenders (Fader & Hardie 2013, eq. 3,
// up to terms that do not depend on the parameters):
//
//	lnΓ(px+q) - lnΓ(px) - lnΓ(q) + q ln v + (px-1) ln m + px ln x - (px+q) ln(v+xm)
//
// and, when grad is not nil, its gradient with respect to (ln p, ln q, ln v).
//
// ggLogLik prepares the spenders for one evaluation; a fit prepares them once
// (newGGData).
func ggLogLik(g ggParams, data []spender, grad []float64) float64 {
	return newGGData(data).logLik(g, grad)
}

// ggData is spenders prepared for repeated evaluations of the likelihood:
// ln m and ln x of each spender, computed once, and the distinct
// frequencies x with each spender's index into them, so that an evaluation
// takes the Gamma and digamma functions of p x and p x + q once per distinct
// x (repeat purchase counts are few) rather than once per spender. The sum
// runs over the spenders in their order with the same values as computing
// each term in place: the results are identical.
type ggData struct {
	data     []spender
	lnm, lnx []float64 // per spender
	xs       []float64 // distinct x
	xi       []int32   // per spender: index into xs
	// per evaluation, per distinct x: lnΓ(px+q) - lnΓ(px), ψ(px+q), ψ(px)
	lgDiff, psiPXQ, psiPX []float64
}

func newGGData(data []spender) *ggData {
	d := &ggData{data: data, lnm: make([]float64, len(data)), lnx: make([]float64, len(data)), xi: make([]int32, len(data))}
	seen := map[float64]int32{}
	for i, s := range data {
		d.lnm[i], d.lnx[i] = math.Log(s.m), math.Log(s.x)
		k, ok := seen[s.x]
		if !ok {
			k = int32(len(d.xs))
			seen[s.x] = k
			d.xs = append(d.xs, s.x)
		}
		d.xi[i] = k
	}
	n := len(d.xs)
	d.lgDiff, d.psiPXQ, d.psiPX = make([]float64, n), make([]float64, n), make([]float64, n)
	return d
}

// logLik is ggLogLik of the prepared spenders.
func (d *ggData) logLik(g ggParams, grad []float64) float64 {
	p, q, v := g.p, g.q, g.v
	lgq := lgamma(q)
	lnv := math.Log(v)
	var psiQ float64
	if grad != nil {
		psiQ = mathext.Digamma(q)
	}
	for k, x := range d.xs {
		px := p * x
		d.lgDiff[k] = lgamma(px+q) - lgamma(px)
		if grad != nil {
			d.psiPXQ[k], d.psiPX[k] = mathext.Digamma(px+q), mathext.Digamma(px)
		}
	}
	var ll, dp, dq, dv float64
	for i, s := range d.data {
		k := d.xi[i]
		px := p * s.x
		lnm, lnx := d.lnm[i], d.lnx[i]
		lnvxm := math.Log(v + s.x*s.m)
		l := d.lgDiff[k] - lgq + q*lnv + (px-1)*lnm + px*lnx - (px+q)*lnvxm
		ll += s.w * l
		if grad != nil {
			psiPXQ := d.psiPXQ[k]
			dp += s.w * s.x * (psiPXQ - d.psiPX[k] + lnm + lnx - lnvxm)
			dq += s.w * (psiPXQ - psiQ + lnv - lnvxm)
			dv += s.w * (q/v - (px+q)/(v+s.x*s.m))
		}
	}
	if grad != nil {
		grad[0], grad[1], grad[2] = dp*p, dq*q, dv*v
	}
	return ll
}

// fitGammaGamma fits the Gamma-Gamma model by maximum likelihood on
// log-parameters, starting from p = q = v = 1 as the lifetimes library does.
// Spends are divided by their mean during the search so that any currency
// unit gives the same, well-conditioned problem; v is scaled back. It also
// returns the observed information matrix in log-parameters
// (logInformation), which does not depend on that scale.
func fitGammaGamma(data []spender, rec *fitProgress) (ggParams, float64, information, error) {
	total, sum := 0.0, 0.0
	for _, s := range data {
		total += s.w
		sum += s.w * s.m
	}
	scale := total / sum
	scaled := make([]spender, len(data))
	for i, s := range data {
		scaled[i] = spender{x: s.x, m: s.m * scale, w: s.w}
	}
	params := func(x []float64) ggParams {
		return ggParams{p: math.Exp(x[0]), q: math.Exp(x[1]), v: math.Exp(x[2])}
	}
	prepared := newGGData(scaled)
	logLik := func(x, grad []float64) float64 { return prepared.logLik(params(x), grad) }
	x, _, err := maximizeLogLik(logLik, total, []float64{0, 0, 0}, rec)
	if err != nil {
		return ggParams{}, 0, information{}, err
	}
	info := logInformation(func(x, g []float64) { logLik(x, g) }, x)
	g := params(x)
	g.v /= scale
	return g, ggLogLik(g, data, nil), info, nil
}

// expectedSpend is the expected mean spend per purchase of a customer with x
// repeat purchases averaging m (Fader & Hardie 2013, eq. 5):
//
//	E[M | p, q, v, x, m] = p (v + x m) / (p x + q - 1)
//
// With x = 0 it is the population mean p v / (q - 1). It needs q > 1 (the
// population mean is infinite otherwise); the caller checks.
func (g ggParams) expectedSpend(x, m float64) float64 {
	if x == 0 {
		m = 0
	}
	return g.p * (g.v + x*m) / (g.p*x + g.q - 1)
}
