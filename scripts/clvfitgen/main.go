// Command clvfitgen writes a synthetic transaction log for the clvfit
// benchmarks (internal/clvsim):
//
//	go run ./scripts/clvfitgen -rows 1000000 > /tmp/tx.csv
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/roikit/roikit/internal/clvsim"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "transaction rows to write")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	if _, err := clvsim.WriteTransactions(os.Stdout, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "clvfitgen:", err)
		os.Exit(1)
	}
}
