package calc

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

// TestPeekingFalsePositives is the contract's simulation: 20,000 A/A tests
// (both arms at 5 %, 1,000 visitors a day split evenly) read every day for 8
// weeks (56 looks). A reader who stops at the first p < alpha calls a
// winner in far more than alpha of them with the fixed-horizon test
// (Armitage, McPherson & Rowe 1969, J. R. Stat. Soc. A 132(2), table 2:
// about 0.32 for 50 looks at nominal 0.05), while the sequential test stays at or below
// alpha. The bound allows 3 standard errors of a share of 20,000 tests:
// 3 sqrt(0.05 x 0.95 / 20,000) = 0.0046.
func TestPeekingFalsePositives(t *testing.T) {
	start := time.Now()
	req := NewPeekingRequest()
	req.DailyVisitors, req.BaselineRate, req.Days, req.Simulations, req.Seed = 1000, 0.05, 56, 20000, 20260101
	resp, err := Peeking(req)
	if err != nil {
		t.Fatal(err)
	}
	fixed, seq := resp.FixedWinners[55], resp.SequentialWinners[55]
	se := math.Sqrt(0.05 * 0.95 / 20000)
	t.Logf("20,000 A/A tests, 56 daily looks: fixed %.4f, sequential %.4f (%v)", fixed, seq, time.Since(start))
	if seq > 0.05+3*se {
		t.Errorf("sequential false-positive rate %.4f exceeds alpha 0.05 + 3 se", seq)
	}
	// Armitage et al. (1969, table 2): about 0.32 at 50 looks; anything
	// above 3 alpha shows the inflation beyond doubt.
	if fixed < 0.15 {
		t.Errorf("fixed-horizon false-positive rate %.4f under daily peeking is not inflated", fixed)
	}
	// One look keeps the fixed test at alpha: the share called winners on
	// day 1, when only one look has been made, is alpha within simulation
	// error.
	if f1 := resp.FixedWinners[0]; math.Abs(f1-0.05) > 3*se {
		t.Errorf("fixed test's day-1 false-positive rate %.4f, want 0.05 ± %.4f", f1, 3*se)
	}
	for d := 1; d < 56; d++ {
		if resp.FixedWinners[d] < resp.FixedWinners[d-1] || resp.SequentialWinners[d] < resp.SequentialWinners[d-1] {
			t.Fatalf("shares fall on day %d", d+1)
		}
	}
}

// TestBinomialDraw checks both branches of binomialDraw against the
// binomial's mean np and variance np(1-p) (50,000 draws: the mean within
// 4 standard errors, the variance within 5 %), and its range.
func TestBinomialDraw(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, c := range []struct {
		n int
		p float64
	}{{10, 0.3}, {500, 0.05}, {500, 0.95}, {100000, 0.03}, {1, 0.5}, {0, 0.2}, {20, 1}} {
		const draws = 50000
		var sum, sum2 float64
		for i := 0; i < draws; i++ {
			k := binomialDraw(rng, c.n, c.p)
			if k < 0 || k > c.n {
				t.Fatalf("Binomial(%d, %v) drew %d", c.n, c.p, k)
			}
			sum += float64(k)
			sum2 += float64(k) * float64(k)
		}
		mean := sum / draws
		variance := sum2/draws - mean*mean
		wantMean, wantVar := float64(c.n)*c.p, float64(c.n)*c.p*(1-c.p)
		if math.Abs(mean-wantMean) > 4*math.Sqrt(wantVar/draws)+1e-12 || math.Abs(variance-wantVar) > 0.05*wantVar+1e-9 {
			t.Errorf("Binomial(%d, %v): mean %v var %v, want %v %v", c.n, c.p, mean, variance, wantMean, wantVar)
		}
	}
}

// TestPeekingRequest: the demonstration is deterministic by seed, its
// shares are cumulative, and bad inputs are listed with sentences naming
// the field; the JSON entry point decodes over the defaults.
func TestPeekingRequest(t *testing.T) {
	req := NewPeekingRequest()
	req.DailyVisitors, req.BaselineRate = 2000, 0.03
	a, err := Peeking(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Peeking(req)
	if len(a.Days) != 14 || a.Days[13] != 14 || a.Simulations != 1000 {
		t.Fatalf("days %v simulations %d", a.Days, a.Simulations)
	}
	for i := range a.Days {
		if a.FixedWinners[i] != b.FixedWinners[i] || a.SequentialWinners[i] != b.SequentialWinners[i] {
			t.Fatal("the same seed gave different shares")
		}
	}
	req.Seed = 2
	c, _ := Peeking(req)
	same := true
	for i := range c.Days {
		same = same && c.FixedWinners[i] == a.FixedWinners[i]
	}
	if same {
		t.Error("another seed gave the same shares")
	}

	out, status := RunPeekingJSON([]byte(`{"daily_visitors":2000,"baseline_rate":0.03}`))
	var viaJSON PeekingResponse
	if status != StatusOK || json.Unmarshal(out, &viaJSON) != nil || viaJSON.FixedWinners[13] != a.FixedWinners[13] {
		t.Errorf("RunPeekingJSON: %d %s", status, out)
	}
	for _, tt := range []struct{ request, field string }{
		{`{"daily_visitors":1,"baseline_rate":0.03}`, "daily_visitors"},
		{`{"daily_visitors":2000,"baseline_rate":1}`, "baseline_rate"},
		{`{"daily_visitors":2000,"baseline_rate":0.03,"days":0}`, "days"},
		{`{"daily_visitors":2000,"baseline_rate":0.03,"alpha":0.5}`, "alpha"},
		{`{"daily_visitors":2000,"baseline_rate":0.03,"sequential_tuning":0}`, "sequential_tuning"},
		{`{"daily_visitors":2000,"baseline_rate":0.03,"simulations":200000}`, "simulations"},
		{`{"daily_visitors":2000,"baseline_rate":0.03,"seed":-1}`, "seed"},
	} {
		out, status := RunPeekingJSON([]byte(tt.request))
		var body struct{ Errors Errors }
		if status != StatusInvalid || json.Unmarshal(out, &body) != nil || len(body.Errors) != 1 || body.Errors[0].Field != tt.field ||
			!strings.HasSuffix(body.Errors[0].Message, ".") {
			t.Errorf("%s: %d %s", tt.request, status, out)
		}
	}
	if _, status := RunPeekingJSON([]byte(`{"daily":1}`)); status != StatusMalformed {
		t.Errorf("unknown field: status %d", status)
	}
}

// BenchmarkPeeking times the page's demonstration: 1,000 A/A tests read
// daily for 14 and for 56 days at 10,000 visitors a day and 3 % (under
// 100 ms is the budget); with ROIKIT_BENCH set it prints one run's time.
func BenchmarkPeeking(b *testing.B) {
	for _, days := range []int{14, 56} {
		req := NewPeekingRequest()
		req.DailyVisitors, req.BaselineRate, req.Days = 10000, 0.03, days
		b.Run(map[int]string{14: "1000x14days", 56: "1000x56days"}[days], func(b *testing.B) {
			for b.Loop() {
				if _, err := Peeking(req); err != nil {
					b.Fatal(err)
				}
			}
			if os.Getenv("ROIKIT_BENCH") != "" {
				start := time.Now()
				_, _ = Peeking(req)
				b.Logf("peeking demonstration, 1,000 tests x %d days: %.1f ms", days, float64(time.Since(start).Microseconds())/1000)
			}
		})
	}
}
