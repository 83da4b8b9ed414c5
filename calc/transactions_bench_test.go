package calc

import (
	"bytes"
	"os"
	"sync"
	"testing"

	"github.com/roikit/roikit/internal/clvsim"
)

var benchLog = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	clvsim.WriteTransactions(&buf, 1_000_000, 1)
	return buf.Bytes()
})

// BenchmarkReadTransactions1MRows reads (parses, without fitting) the
// synthetic log of 1,000,000 transactions of BenchmarkCLVFit1MRows: the cost
// of the CSV reader alone, format detection included. It runs only with
// ROIKIT_BENCH=1.
func BenchmarkReadTransactions1MRows(b *testing.B) {
	if os.Getenv("ROIKIT_BENCH") != "1" {
		b.Skip("set ROIKIT_BENCH=1 to run the 1,000,000-row benchmark")
	}
	data := benchLog()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := readTransactions(bytes.NewReader(data), txOptions{cols: txColumns{"customer_id", "date", "amount"}, dates: "auto", decimal: "auto"}, Hooks{}); err != nil {
			b.Fatal(err)
		}
	}
}
