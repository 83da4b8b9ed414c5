package calc

import (
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mathext"
)

// TestLikelihoodCachesAreExact: the likelihoods that take logarithms and
// Gamma functions once per distinct T, t_x and x (bgnbdData, ggData) give,
// bit for bit, the values and gradients of computing every term in place
// for every customer (the direct forms below, the code they replaced), on
// simulated data with shared and distinct times and random parameters.
func TestLikelihoodCachesAreExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	rows := simulateBGNBD(bgnbdParams{r: 0.25, alpha: 4, a: 0.8, b: 2.5}, 3000, 26, 78, 3)
	pats := groupPatterns(rows)
	pats = append(pats, pattern{x: 3, tx: 1e5, T: 1e5, w: 1}, pattern{x: 1000, tx: 10, T: 100, w: 2}, pattern{x: 2, tx: 30.43, T: 38.86, w: 1})
	var spenders []spender
	for _, p := range pats {
		if p.x > 0 {
			spenders = append(spenders, spender{x: p.x, m: 1 + 50*rng.Float64(), w: p.w})
		}
	}
	bg, gg := newBGNBDData(pats), newGGData(spenders)
	for k := 0; k < 50; k++ {
		p := bgnbdParams{r: math.Exp(rng.NormFloat64()), alpha: math.Exp(2 * rng.NormFloat64()), a: math.Exp(rng.NormFloat64()), b: math.Exp(rng.NormFloat64())}
		g1, g2 := make([]float64, 4), make([]float64, 4)
		if a, b := bg.logLik(p, g1), bgnbdLogLikDirect(p, pats, g2); math.Float64bits(a) != math.Float64bits(b) || !sameBits(g1, g2) {
			t.Fatalf("BG/NBD at %+v: cached %v %v, direct %v %v", p, a, g1, b, g2)
		}
		q := ggParams{p: math.Exp(rng.NormFloat64()), q: math.Exp(rng.NormFloat64()), v: math.Exp(2 * rng.NormFloat64())}
		h1, h2 := make([]float64, 3), make([]float64, 3)
		if a, b := gg.logLik(q, h1), ggLogLikDirect(q, spenders, h2); math.Float64bits(a) != math.Float64bits(b) || !sameBits(h1, h2) {
			t.Fatalf("Gamma-Gamma at %+v: cached %v %v, direct %v %v", q, a, h1, b, h2)
		}
	}
}

func sameBits(a, b []float64) bool {
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// bgnbdLogLikDirect is bgnbdLogLik computing every logarithm in place.
func bgnbdLogLikDirect(p bgnbdParams, pats []pattern, grad []float64) float64 {
	r, al, a, b := p.r, p.alpha, p.a, p.b
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
		lnAT := math.Log(al + pt.T)
		a1 := lgRX - lgR + r*lnAl
		a2 := lbx - lbab - (r+x)*lnAT
		l := a1 + a2
		w2, w3 := 1.0, 0.0 // shares of e^A2 and e^A3 in their sum
		var lnATx float64
		if x > 0 {
			lnATx = math.Log(al + pt.tx)
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

// ggLogLikDirect is ggLogLik computing every term in place.
func ggLogLikDirect(g ggParams, data []spender, grad []float64) float64 {
	p, q, v := g.p, g.q, g.v
	lgq := lgamma(q)
	lnv := math.Log(v)
	var psiQ float64
	if grad != nil {
		psiQ = mathext.Digamma(q)
	}
	var ll, dp, dq, dv float64
	for _, s := range data {
		px := p * s.x
		lnm, lnx := math.Log(s.m), math.Log(s.x)
		lnvxm := math.Log(v + s.x*s.m)
		l := lgamma(px+q) - lgamma(px) - lgq + q*lnv + (px-1)*lnm + px*lnx - (px+q)*lnvxm
		ll += s.w * l
		if grad != nil {
			psiPXQ := mathext.Digamma(px + q)
			dp += s.w * s.x * (psiPXQ - mathext.Digamma(px) + lnm + lnx - lnvxm)
			dq += s.w * (psiPXQ - psiQ + lnv - lnvxm)
			dv += s.w * (q/v - (px+q)/(v+s.x*s.m))
		}
	}
	if grad != nil {
		grad[0], grad[1], grad[2] = dp*p, dq*q, dv*v
	}
	return ll
}
