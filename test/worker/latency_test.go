//go:build worker

package worker_test

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// TestWorkerLatency prints (does not assert) the p50 and p99 latency of 1,000
// sequential requests per endpoint under wrangler dev on loopback, the first
// request's latency, and the Worker's WASM size raw and gzipped. It runs with ROIKIT_BENCH=1 (make bench).
func TestWorkerLatency(t *testing.T) {
	if os.Getenv("ROIKIT_BENCH") == "" {
		t.Skip("a benchmark: run it with make bench-worker (ROIKIT_BENCH=1)")
	}
	wasm, err := os.ReadFile(filepath.Join("..", "..", "cmd", "worker", "build", "app.wasm"))
	if err != nil {
		t.Fatal(err)
	}
	var gz bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	zw.Write(wasm)
	zw.Close()
	t.Logf("Worker WASM: %.2f MB raw, %.2f MB gzipped (limit 3 MB)", float64(len(wasm))/1e6, float64(gz.Len())/1e6)

	base := startWorker(t)
	bodies := map[string]string{
		"samplesize": `{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`,
		"roi":        `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"expected_lift":0.08,"lift_low":0.02,"lift_high":0.14,"one_time_cost":30000,"monthly_cost":3000,"ramp_months":3}`,
	}
	client := &http.Client{Timeout: 30 * time.Second}
	// The first request starts the isolate's Go program (instance, runtime,
	// package inits); every later one reuses it (cmd/worker/worker.mjs).
	start := time.Now()
	if code, _ := post(t, base+"/api/v1/samplesize", bodies["samplesize"]); code != 200 {
		t.Fatalf("first request: status %d", code)
	}
	t.Logf("first request (starts the Go program): %.2f ms", ms(time.Since(start)))
	for _, name := range []string{"samplesize", "roi"} {
		for i := 0; i < 20; i++ { // warm up
			post(t, base+"/api/v1/"+name, bodies[name])
		}
		const n = 1000
		lat := make([]time.Duration, 0, n)
		for i := 0; i < n; i++ {
			start := time.Now()
			resp, err := client.Post(base+"/api/v1/"+name, "application/json", strings.NewReader(bodies[name]))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Fatalf("%s: status %d", name, resp.StatusCode)
			}
			lat = append(lat, time.Since(start))
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		t.Logf("POST /api/v1/%-10s p50 %6.2f ms  p99 %6.2f ms  (%d sequential requests; target p50 <= 15 ms)",
			name, ms(lat[n/2]), ms(lat[n*99/100]), n)
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
