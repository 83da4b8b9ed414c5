// Command clvfitgen writes a synthetic transaction log for the clvfit
// benchmarks: customers drawn from the BG/NBD model (purchase rate λ ~
// Gamma(0.5, 20 per day), dropout p ~ Beta(0.8, 2.5)) who join uniformly
// over 2023 and buy until they drop out or 2024 ends, with exponential
// spends around a customer mean of $20-80.
//
//	go run ./scripts/clvfitgen -rows 1000000 > /tmp/tx.csv
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"time"

	"gonum.org/v1/gonum/stat/distuv"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "transaction rows to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	src := rand.NewPCG(*seed, 7)
	rnd := rand.New(src)
	lam := distuv.Gamma{Alpha: 0.5, Beta: 20, Src: src}
	drop := distuv.Beta{Alpha: 0.8, Beta: 2.5, Src: src}
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	w := bufio.NewWriterSize(os.Stdout, 1<<20)
	defer w.Flush()
	fmt.Fprintln(w, "customer_id,date,amount")
	n := 0
	for c := 0; n < *rows; c++ {
		t := rnd.Float64() * 365
		l, q := lam.Rand(), drop.Rand()
		mean := 20 + 60*rnd.Float64()
		for k := 0; n < *rows; k++ {
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
}
