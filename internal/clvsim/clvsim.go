// Package clvsim writes synthetic transaction logs for the clvfit
// benchmarks: customers drawn from the BG/NBD model (purchase rate λ ~
// Gamma(0.5, 20 per day), dropout p ~ Beta(0.8, 2.5) after each repeat
// purchase) who join uniformly over 2023 and buy until they drop out or 2024
// ends, with exponential spends around a customer mean of $20-80.
package clvsim

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

// WriteTransactions writes a CSV log (customer_id,date,amount; dates
// YYYY-MM-DD) of exactly rows purchase rows, the same for the same seed, and
// returns the number of rows written.
func WriteTransactions(out io.Writer, rows int, seed uint64) (int, error) {
	src := rand.NewPCG(seed, 7)
	rnd := rand.New(src)
	lam := distuv.Gamma{Alpha: 0.5, Beta: 20, Src: src}
	drop := distuv.Beta{Alpha: 0.8, Beta: 2.5, Src: src}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	w := bufio.NewWriterSize(out, 1<<20)
	fmt.Fprintln(w, "customer_id,date,amount")
	n := 0
	for c := 0; n < rows; c++ {
		t := rnd.Float64() * 365
		l, q := lam.Rand(), drop.Rand()
		mean := 20 + 60*rnd.Float64()
		for k := 0; n < rows; k++ {
			fmt.Fprintf(w, "C%07d,%s,%.2f\n", c, start.AddDate(0, 0, int(t)).Format("2006-01-02"), mean*rnd.ExpFloat64())
			n++
			if k > 0 && rnd.Float64() < q {
				break
			}
			t += rnd.ExpFloat64() / l
			if t >= 730 || l == 0 {
				break
			}
		}
	}
	return n, w.Flush()
}
