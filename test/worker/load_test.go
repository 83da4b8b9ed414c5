//go:build worker

package worker_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/clvsim"
)

// The bounds the load test asserts, with the figures they were set from
// (wrangler dev on a loaded 2-core machine shared with other jobs; see
// content/docs/api.md, "Limits").
const (
	// A cheap request waits for the fit that is running and at most one
	// more, so it is answered within waitBound(one fit) (see fitTime): a fit
	// of the largest clvfit body the API takes (2 MB) took 0.3-1.4 s in
	// workerd. Before the limits, a cheap request waited 4.6-7.7 s behind
	// one 8 MB fit, and behind every queued fit (37 s in the mix).
	// fitBound: a fit of the largest body the API takes for clvfit, alone.
	// The 2 MB limit keeps it at 0.6-1.2 s in workerd (2.6 s on a machine
	// busy with other jobs); the 8 MB the API took before needed 4.6-8.5 s.
	fitBound = 4 * time.Second
	// rssBound: workerd's resident memory after the load test. It held
	// 61-63 MB after the first request and 77-78 MB after the test; issue 15
	// saw 1 MB of unknown keys alone grow it from 101 to 419 MB.
	rssBound = 200 << 20
	// errorAnswerBound: an error answer is a short list (20 entries and one
	// more); before the cut, 1 MB of unknown keys answered 16 MB.
	errorAnswerBound = 16 << 10
)

// workerdRSS is the resident memory in bytes of the workerd process in the
// process group pgid, read from /proc.
func workerdRSS(t *testing.T, pgid int) int64 {
	t.Helper()
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, st := range stats {
		b, err := os.ReadFile(st)
		if err != nil || !bytes.Contains(b, []byte("(workerd)")) {
			continue
		}
		// pid (comm) state ppid pgrp ...
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) < 3 || f[2] != strconv.Itoa(pgid) {
			continue
		}
		status, err := os.ReadFile(filepath.Join(filepath.Dir(st), "status"))
		if err != nil {
			continue
		}
		for line := range strings.SplitSeq(string(status), "\n") {
			if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
				kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
				return kb << 10
			}
		}
	}
	t.Fatalf("no workerd process in group %d", pgid)
	return 0
}

// clvfitLimit is the largest clvfit body the running Worker takes: the
// listing's max_body_bytes, or 8 MB, the one limit of every calculator
// before each had its own.
func clvfitLimit(t *testing.T, base string) int {
	t.Helper()
	resp, err := http.Get(base + "/api/v1/clvfit")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var d struct {
		MaxBody int `json:"max_body_bytes"`
	}
	json.NewDecoder(resp.Body).Decode(&d)
	if d.MaxBody == 0 {
		return 8 << 20
	}
	return d.MaxBody
}

// fitBody is a clvfit request with per-customer predictions on a synthetic
// transaction log (clvsim) of the given rows.
func fitBody(t *testing.T, rows int) []byte {
	t.Helper()
	var csv bytes.Buffer
	if _, err := clvsim.WriteTransactions(&csv, rows, 1); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(map[string]any{"transactions_csv": csv.String(), "predictions": true})
	return b
}

// largestFit is the largest fitBody of at most limit bytes (a log row
// takes about 27 bytes).
func largestFit(t *testing.T, limit int) []byte {
	t.Helper()
	rows := limit / 27
	for {
		b := fitBody(t, rows)
		if len(b) <= limit {
			return b
		}
		rows -= (len(b)-limit)/20 + 1
	}
}

// hangUp sends a POST with its whole body, waits, and closes the socket
// without reading the answer: a client that gives up mid-request.
func hangUp(t *testing.T, base, path string, body []byte, after time.Duration) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Error(err)
		return
	}
	fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", path, len(body))
	c.Write(body)
	time.Sleep(after)
	c.Close()
}

// cheapCase is a request of a closed-form calculator with the core's answer.
type cheapCase struct {
	id, name, body string
	want           []byte
	status         int
}

func cheapCases(t *testing.T) []cheapCase {
	statusOf := map[calc.Status]int{calc.StatusOK: 200, calc.StatusInvalid: 422, calc.StatusMalformed: 400}
	var out []cheapCase
	for id, c := range referenceRequests(t) {
		if c[0] == "clvfit" {
			continue
		}
		want, status := calc.RunJSON(c[0], []byte(c[1]))
		out = append(out, cheapCase{id, c[0], c[1], want, statusOf[status]})
	}
	slices.SortFunc(out, func(a, b cheapCase) int { return strings.Compare(a.id, b.id) })
	return out
}

// cheapRun sends one cheap request and reports its latency, or an error
// when the answer is not the core's.
func cheapRun(base string, c cheapCase) (time.Duration, error) {
	start := time.Now()
	resp, err := http.Post(base+"/api/v1/"+c.name, "application/json", strings.NewReader(c.body))
	if err != nil {
		return 0, fmt.Errorf("%s: %v", c.id, err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if resp.StatusCode != c.status || !sameAnswer(got, c.want) {
		return d, fmt.Errorf("%s: %d %.200s", c.id, resp.StatusCode, got)
	}
	return d, nil
}

// TestWorkerUnderLoad reproduces items 1-3 of issue 15 against the Worker
// under wrangler, then runs a bounded mix of cheap requests, the largest
// legal clvfit bodies, abusive bodies and hang-ups, and checks that every
// cheap request is answered as the core answers it, within cheapWaitBound,
// within waitBound of one fit, and that workerd's memory stays within rssBound. It prints the p99 of the
// cheap requests. About 20 s, loopback only. It is long: the four parts
// share one wrangler, whose start takes seconds.
func TestWorkerUnderLoad(t *testing.T) {
	base, pgid := startWorkerGroup(t)
	cheap := cheapCases(t)
	if _, err := cheapRun(base, cheap[0]); err != nil { // the cold start
		t.Fatal(err)
	}
	rssBefore := workerdRSS(t, pgid)
	limit := clvfitLimit(t, base)
	maxFit := largestFit(t, limit)
	t.Logf("workerd %d MB after the first request; the largest clvfit body taken is %d bytes", rssBefore>>20, len(maxFit))

	t.Run("amplification", func(t *testing.T) {
		// Issue 15, item 1: 100,000 unknown keys (1 MB) to samplesize, and
		// the largest body clvfit takes, all unknown keys.
		for _, tt := range []struct{ name, body string }{
			{"samplesize", string(unknownKeyBody(1 << 20))},
			{"clvfit", string(unknownKeyBody(limit - 16))},
		} {
			start := time.Now()
			code, out := post(t, base+"/api/v1/"+tt.name, tt.body)
			if (code != 413 && code != 422) || len(out) > errorAnswerBound {
				t.Errorf("%s, %d bytes of unknown keys: %d, %d bytes out in %v", tt.name, len(tt.body), code, len(out), time.Since(start))
			}
		}
	})

	t.Run("hang-up", func(t *testing.T) {
		// Issue 15, item 2: a client hangs up on a fit of the largest log
		// the API took (about 8 MB; 1 of 6 and 3 of 4 tries failed); three
		// cheap requests sent meanwhile must all be answered. Then the same
		// with the largest legal body.
		old := largestFit(t, 8<<20)
		for round, body := range [][]byte{old, old, old, maxFit, maxFit} {
			var wg sync.WaitGroup
			wg.Go(func() { hangUp(t, base, "/api/v1/clvfit", body, 1500*time.Millisecond) })
			time.Sleep(time.Second)
			for i := range 3 {
				wg.Go(func() {
					if _, err := cheapRun(base, cheap[i]); err != nil {
						t.Errorf("round %d: a cheap request failed after another client hung up: %v", round+1, err)
					}
				})
			}
			wg.Wait()
		}
	})

	// One fit of the largest legal body, alone, sets the bound of a cheap
	// request's wait.
	start := time.Now()
	if code, out := post(t, base+"/api/v1/clvfit", string(maxFit)); code != 200 {
		t.Fatalf("the largest legal fit: %d %.200s", code, out)
	}
	fitTime := time.Since(start)
	bound := waitBound(fitTime)
	t.Logf("one fit of the largest legal body takes %v: a cheap request may wait %v", fitTime, bound)
	if fitTime > fitBound {
		t.Errorf("one fit of the largest legal body (%d bytes) took %v, more than %v", len(maxFit), fitTime, fitBound)
	}

	t.Run("head-of-line", func(t *testing.T) {
		// Issue 15, item 3: fits of the largest legal body are running and
		// queued; a cheap request sent meanwhile waits at most for the
		// running one and one more, not for all five.
		var wg sync.WaitGroup
		for range 5 {
			wg.Go(func() {
				if code, out := post(t, base+"/api/v1/clvfit", string(maxFit)); code != 200 {
					t.Errorf("the largest legal fit: %d %.200s", code, out)
				}
			})
		}
		time.Sleep(300 * time.Millisecond)
		d, err := cheapRun(base, cheap[1])
		if err != nil || d > bound {
			t.Errorf("a cheap request behind five fits: %v, %v (bound %v)", d, err, bound)
		}
		t.Logf("a cheap request behind five fits of %d bytes took %v", len(maxFit), d)
		wg.Wait()
	})

	t.Run("mix", func(t *testing.T) {
		latencies := loadMix(t, base, cheap, maxFit, limit)
		slices.Sort(latencies)
		p99 := latencies[len(latencies)*99/100]
		t.Logf("%d cheap requests among fits, abusive bodies and hang-ups: p50 %v, p99 %v, max %v",
			len(latencies), latencies[len(latencies)/2], p99, latencies[len(latencies)-1])
		// The mix's uploads, hang-ups and abusive bodies load the machine
		// too: one more fit and a second of slack.
		if worst, mixBound := latencies[len(latencies)-1], bound+fitTime+time.Second; worst > mixBound {
			t.Errorf("a cheap request took %v (bound %v)", worst, mixBound)
		}
	})

	rss := workerdRSS(t, pgid)
	t.Logf("workerd %d MB before the load, %d MB after (bound %d MB)", rssBefore>>20, rss>>20, rssBound>>20)
	if rss > rssBound {
		t.Errorf("workerd holds %d MB after the load test, more than %d MB", rss>>20, rssBound>>20)
	}
}

// waitBound is the longest a cheap request may wait when one fit takes
// fit: the fit running, one more, the cheap request's own time and slack
// for a loaded machine.
func waitBound(fit time.Duration) time.Duration { return 3*fit + time.Second }

// unknownKeyBody is {"k0":1,"k1":1,...} of about n bytes.
func unknownKeyBody(n int) []byte {
	var b bytes.Buffer
	b.WriteString("{")
	for i := 0; b.Len() < n-16; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":1`, i)
	}
	b.WriteString("}")
	return b.Bytes()
}

// loadMix sends, at once: 240 cheap requests from four clients; two fits
// of the largest legal body; two hang-ups on such fits; and abusive bodies
// (unknown keys, deep nesting, oversized with and without a declared
// length). It returns the cheap requests' latencies and fails the test for
// any wrong cheap answer or abusive answer outside its statuses.
func loadMix(t *testing.T, base string, cheap []cheapCase, maxFit []byte, limit int) []time.Duration {
	var wg sync.WaitGroup
	for range 2 {
		wg.Go(func() {
			if code, out := post(t, base+"/api/v1/clvfit", string(maxFit)); code != 200 {
				t.Errorf("the largest legal fit: %d %.200s", code, out)
			}
		})
		wg.Go(func() { hangUp(t, base, "/api/v1/clvfit", maxFit, 200*time.Millisecond) })
	}
	abusive := []struct {
		name string
		body []byte
	}{
		{"samplesize", unknownKeyBody(1 << 20)},
		{"prioritize", unknownKeyBody(60 << 10)},
		{"clvfit", unknownKeyBody(limit - 16)},
		{"roi", []byte(`{"monthly_visitors":` + strings.Repeat("[", 4000) + strings.Repeat("]", 4000) + `}`)},
		{"clvfit", []byte(`{"summary_csv":` + strings.Repeat("[", limit/2-20) + `}`)},
		{"clvfit", append(maxFit[:len(maxFit)-1:len(maxFit)-1], []byte(`,"x":"`+strings.Repeat("a", limit-len(maxFit)+10)+`"}`)...)},
	}
	for _, a := range abusive {
		wg.Go(func() {
			code, out := post(t, base+"/api/v1/"+a.name, string(a.body))
			if !slices.Contains([]int{400, 413, 422}, code) || len(out) > errorAnswerBound {
				t.Errorf("abusive %s body of %d bytes: %d, %d bytes out", a.name, len(a.body), code, len(out))
			}
		})
	}
	wg.Go(func() { // oversized, with no declared length
		req, _ := http.NewRequest("POST", base+"/api/v1/clv", io.MultiReader(strings.NewReader(`{"x":"`), bytes.NewReader(bytes.Repeat([]byte("a"), 64<<10))))
		req.ContentLength = -1
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Errorf("chunked oversized body: %v", err)
			return
		}
		resp.Body.Close()
		if resp.StatusCode != 413 {
			t.Errorf("chunked oversized body: %d, want 413", resp.StatusCode)
		}
	})
	var mu sync.Mutex
	var latencies []time.Duration
	for client := range 4 {
		wg.Go(func() {
			time.Sleep(200 * time.Millisecond)
			for i := range 60 {
				c := cheap[(client*60+i)%len(cheap)]
				d, err := cheapRun(base, c)
				if err != nil {
					t.Errorf("cheap request among the load: %v", err)
				}
				mu.Lock()
				latencies = append(latencies, d)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return latencies
}
