package calc

import (
	"fmt"
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// simulateBGNBD draws n customers from the BG/NBD model (FHL 2005, section
// 3): λ ~ Gamma(r, α), p ~ Beta(a, b); the first purchase at time 0, then
// purchases as a Poisson process of rate λ, and after each repeat purchase
// the customer drops out with probability p. T is drawn uniformly in
// [minT, maxT]. Times are continuous, in the model's unit.
func simulateBGNBD(p bgnbdParams, n int, minT, maxT float64, seed uint64) []rfm {
	src := rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)
	rnd := rand.New(src)
	lam := distuv.Gamma{Alpha: p.r, Beta: p.alpha, Src: src}
	drop := distuv.Beta{Alpha: p.a, Beta: p.b, Src: src}
	rows := make([]rfm, n)
	for i := range rows {
		l, q := lam.Rand(), drop.Rand()
		T := minT + (maxT-minT)*rnd.Float64()
		x, tx, t := 0.0, 0.0, 0.0
		for l > 0 {
			t += rnd.ExpFloat64() / l
			if t > T {
				break
			}
			x, tx = x+1, t
			if rnd.Float64() < q {
				break
			}
		}
		rows[i] = rfm{id: fmt.Sprint(i), x: x, tx: tx, T: T, w: 1}
	}
	return rows
}

// relErr is |got - want| / |want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }
