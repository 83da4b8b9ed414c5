package calc

import (
	"math"
	"math/rand/v2"
	"testing"
)

// TestLikelihoodCachesAreExact: the likelihoods that take logarithms and
// Gamma functions once per distinct T, t_x and x (bgnbdData, ggData) give,
// bit for bit, the values and gradients of taking them once per pattern or
// spender (every value its own entry: the terms computed in place), on
// simulated data with shared and distinct times and random parameters.
func TestLikelihoodCachesAreExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	rows := simulateBGNBD(bgnbdParams{r: 0.25, alpha: 4, a: 0.8, b: 2.5}, 3000, 26, 78, 3)
	// Purchases fall on days: times on a grid of 1/7 week, as from a
	// transaction log, so customers share T and t_x.
	for i := range rows {
		rows[i].T, rows[i].tx = math.Round(7*rows[i].T)/7, math.Round(7*rows[i].tx)/7
	}
	pats := groupPatterns(rows)
	pats = append(pats, pattern{x: 3, tx: 1e5, T: 1e5, w: 1}, pattern{x: 1000, tx: 10, T: 100, w: 2}, pattern{x: 2, tx: 30.43, T: 38.86, w: 1})
	var spenders []spender
	for _, p := range pats {
		if p.x > 0 {
			spenders = append(spenders, spender{x: p.x, m: 1 + 50*rng.Float64(), w: p.w})
		}
	}
	bg, gg := newBGNBDData(pats), newGGData(spenders)
	bgEach, ggEach := bgnbdPerPattern(pats), ggPerSpender(spenders)
	if len(bg.ts) >= len(pats)/2 || len(gg.xs) >= len(spenders)/2 {
		t.Fatalf("the data share too few values to test the caches: %d T for %d patterns, %d x for %d spenders", len(bg.ts), len(pats), len(gg.xs), len(spenders))
	}
	for k := 0; k < 50; k++ {
		p := bgnbdParams{r: math.Exp(rng.NormFloat64()), alpha: math.Exp(2 * rng.NormFloat64()), a: math.Exp(rng.NormFloat64()), b: math.Exp(rng.NormFloat64())}
		g1, g2 := make([]float64, 4), make([]float64, 4)
		if a, b := bg.logLik(p, g1), bgEach.logLik(p, g2); math.Float64bits(a) != math.Float64bits(b) || !sameBits(g1, g2) {
			t.Fatalf("BG/NBD at %+v: cached %v %v, direct %v %v", p, a, g1, b, g2)
		}
		q := ggParams{p: math.Exp(rng.NormFloat64()), q: math.Exp(rng.NormFloat64()), v: math.Exp(2 * rng.NormFloat64())}
		h1, h2 := make([]float64, 3), make([]float64, 3)
		if a, b := gg.logLik(q, h1), ggEach.logLik(q, h2); math.Float64bits(a) != math.Float64bits(b) || !sameBits(h1, h2) {
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

// bgnbdPerPattern is newBGNBDData without sharing: every pattern has its own
// T and t_x entries, so each logarithm is taken for its pattern alone.
func bgnbdPerPattern(pats []pattern) *bgnbdData {
	d := &bgnbdData{pats: pats, ti: make([]int32, len(pats)), txi: make([]int32, len(pats))}
	for i, p := range pats {
		d.ts, d.txs = append(d.ts, p.T), append(d.txs, p.tx)
		d.ti[i], d.txi[i] = int32(i), int32(i)
	}
	d.lnAT, d.lnATx = make([]float64, len(pats)), make([]float64, len(pats))
	return d
}

// ggPerSpender is newGGData without sharing: every spender has its own x
// entry, so the Gamma and digamma functions are taken for it alone.
func ggPerSpender(data []spender) *ggData {
	d := newGGData(data)
	d.xs = d.xs[:0]
	for i, s := range data {
		d.xs = append(d.xs, s.x)
		d.xi[i] = int32(i)
	}
	n := len(data)
	d.lgDiff, d.psiPXQ, d.psiPX = make([]float64, n), make([]float64, n), make([]float64, n)
	return d
}
