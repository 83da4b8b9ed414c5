package calc

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"strings"

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

// syntheticTransactions writes a transaction log of about rows rows drawn
// from the BG/NBD model with daily dates over two years and Gamma spends,
// for the end-to-end benchmark.
func syntheticTransactions(w io.Writer, rows int, seed uint64) int {
	src := rand.NewPCG(seed, 7)
	rnd := rand.New(src)
	p := bgnbdParams{r: 0.5, alpha: 20, a: 0.8, b: 2.5} // days
	lam := distuv.Gamma{Alpha: p.r, Beta: p.alpha, Src: src}
	drop := distuv.Beta{Alpha: p.a, Beta: p.b, Src: src}
	start := civilDay(2023, 1, 1)
	var b strings.Builder
	b.WriteString("customer_id,date,amount\n")
	n := 0
	for c := 0; n < rows; c++ {
		first := rnd.Float64() * 365
		l, q := lam.Rand(), drop.Rand()
		mean := 20 + 60*rnd.Float64()
		t := first
		for k := 0; n < rows; k++ {
			fmt.Fprintf(&b, "C%07d,%s,%.2f\n", c, (start + day(t)).String(), mean*rnd.ExpFloat64())
			n++
			if k > 0 && rnd.Float64() < q {
				break
			}
			t += rnd.ExpFloat64() / l
			if t >= 730 || l == 0 {
				break
			}
		}
		if b.Len() > 1<<20 {
			io.WriteString(w, b.String())
			b.Reset()
		}
	}
	io.WriteString(w, b.String())
	return n
}

// relErr is |got - want| / |want|.
func relErr(got, want float64) float64 { return math.Abs(got-want) / math.Abs(want) }
