//go:build worker

// Package worker_test runs the API Worker as in production, under wrangler
// (workerd) on loopback, and checks that it answers every reference case and
// a set of bad requests exactly as the core (and so `roikit run`) does.
// Run it with `make worker-test`, which builds the Worker first.
package worker_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/roikit/roikit/internal/reference"
	"io"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/roikit/roikit/calc"
)

// startWorker runs `wrangler dev --local` on a free loopback port and
// returns its base URL; the process group is stopped when the test ends.
func startWorker(t *testing.T) string {
	t.Helper()
	base, _ := startWorkerGroup(t)
	return base
}

// startWorkerGroup is startWorker that also returns wrangler's process
// group, in which workerd runs.
func startWorkerGroup(t *testing.T) (string, int) {
	t.Helper()
	dir, _ := filepath.Abs(filepath.Join("..", "..", "cmd", "worker"))
	if _, err := os.Stat(filepath.Join(dir, "build", "app.wasm")); err != nil {
		t.Fatalf("the Worker is not built (%v): run `make worker` first", err)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command(filepath.Join(dir, "node_modules", ".bin", "wrangler"), "dev", "--local", "--ip", "127.0.0.1",
		"--port", fmt.Sprint(port), "--inspector-port", "0", "--show-interactive-dev-session=false")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "CI=true", "NO_COLOR=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatalf("cannot start wrangler (run `make deps`): %v", err)
	}
	t.Cleanup(func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		}
	})
	ready := make(chan struct{})
	var log bytes.Buffer
	var logMu sync.Mutex
	// When the test fails, wrangler's last lines say what workerd saw.
	t.Cleanup(func() {
		if t.Failed() {
			logMu.Lock()
			defer logMu.Unlock()
			b := log.Bytes()
			t.Logf("wrangler's log ends:\n%s", b[max(0, len(b)-4000):])
		}
	})
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if strings.Contains(sc.Text(), "Ready on") {
				close(ready)
			}
		}
	}()
	select {
	case <-ready:
	case <-time.After(90 * time.Second):
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("wrangler did not start within 90 s:\n%s", log.String())
	}
	return fmt.Sprintf("http://127.0.0.1:%d", port), cmd.Process.Pid
}

func post(t *testing.T, url, body string) (int, []byte) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// referenceRequests reads every reference case: id -> {calculator, request}.
func referenceRequests(t *testing.T) map[string][2]string {
	cases, err := reference.Load(".")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][2]string{}
	for _, c := range cases {
		out[c.ID] = [2]string{c.Calculator, string(c.RequestJSON())}
	}
	return out
}

// sameAnswer reports whether two JSON answers are equal: byte for byte, or
// field by field with numbers within 1e-6 relative. An iterative fit
// (clvfit) run as WebAssembly may stop at a slightly different point than
// the native run (Go's math package uses assembly for some functions on
// amd64 and pure Go on wasm, and the optimizer's path follows the last
// digits): the Gamma-Gamma parameters of CDNOW differ by up to 2e-7
// relative, far inside the reference tolerance.
func sameAnswer(got, want []byte) bool {
	if bytes.Equal(got, want) {
		return true
	}
	var g, w any
	if json.Unmarshal(got, &g) != nil || json.Unmarshal(want, &w) != nil {
		return false
	}
	return closeJSON(g, w, 1e-6)
}

// seTolerance is the relative tolerance of standard errors: they come from
// finite differences of the gradient at the optimum, which amplify the last
// digits by which the two fits differ (4e-6 seen on CDNOW's Gamma-Gamma),
// still far inside the 2 % of the reference comparison.
const seTolerance = 1e-4

func closeJSON(g, w any, rel float64) bool {
	switch w := w.(type) {
	case float64:
		g, ok := g.(float64)
		return ok && math.Abs(g-w) <= rel*math.Max(math.Abs(w), 1e-300)
	case []any:
		g, ok := g.([]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for i := range w {
			if !closeJSON(g[i], w[i], rel) {
				return false
			}
		}
		return true
	case map[string]any:
		g, ok := g.(map[string]any)
		if !ok || len(g) != len(w) {
			return false
		}
		for k := range w {
			r := rel
			if k == "standard_errors" {
				r = seTolerance
			}
			if !closeJSON(g[k], w[k], r) {
				return false
			}
		}
		return true
	default:
		return g == w
	}
}

// TestWorkerAnswersLikeTheCore: the Worker under wrangler answers every
// reference case as the core does. It is long: every case goes through the
// Worker in turn, then concurrently, and is compared field by field.
func TestWorkerAnswersLikeTheCore(t *testing.T) {
	base := startWorker(t)
	statusOf := map[calc.Status]int{calc.StatusOK: 200, calc.StatusInvalid: 422, calc.StatusMalformed: 400, calc.StatusUnknown: 404}
	check := func(id, name, body string) {
		want, status := calc.RunJSON(name, []byte(body))
		code, got := post(t, base+"/api/v1/"+name, body)
		if code != statusOf[status] || !sameAnswer(got, want) {
			t.Errorf("%s: worker %d %.300s\ncore %d %.300s", id, code, got, statusOf[status], want)
		}
	}
	cases := referenceRequests(t)
	// Twice: the Worker serves every request of an isolate from one Go
	// program (cmd/worker/worker.mjs), so an answer must not depend on the
	// requests served before it. Map order differs between the passes.
	for pass := range 2 {
		for id, c := range cases {
			check(fmt.Sprintf("%s (pass %d)", id, pass+1), c[0], c[1])
		}
	}
	t.Logf("%d reference cases answered like the core, twice", len(cases))

	// Concurrently: every reference case three times at once, slow fits
	// mixed with fast calculators, all served by the isolate's one Go
	// program: each answer must be its own request's.
	var wg sync.WaitGroup
	var mu sync.Mutex
	wrong := 0
	for pass := range 3 {
		for id, c := range cases {
			wg.Go(func() {
				want, status := calc.RunJSON(c[0], []byte(c[1]))
				resp, err := http.Post(base+"/api/v1/"+c[0], "application/json", strings.NewReader(c[1]))
				if err != nil {
					mu.Lock()
					wrong++
					mu.Unlock()
					t.Errorf("%s (concurrent pass %d): %v", id, pass+1, err)
					return
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				if resp.StatusCode != statusOf[status] || !sameAnswer(got, want) {
					mu.Lock()
					wrong++
					mu.Unlock()
					t.Errorf("%s (concurrent pass %d): worker %d %.200s", id, pass+1, resp.StatusCode, got)
				}
			})
		}
	}
	wg.Wait()
	t.Logf("%d concurrent requests, %d wrong", 3*len(cases), wrong)
	for i, bad := range []struct{ name, body string }{
		{"samplesize", `{"baseline_rate":5,"mde":0.1}`},
		{"samplesize", `{"baseline_rate":null}`},
		{"samplesize", `{"baseline_rate":"0.05","mde":0.1,"typo":1}`},
		{"significance", `{"control_visitors":10,"control_conversions":20,"treatment_visitors":10,"treatment_conversions":1}`},
		{"clv", `{"average_order_value":-5}`},
		{"roi", `{"monthly_visitors":1e400}`},
		{"roi", `{"monthly_visitors":`},
		{"clv", `[]`},
		{"clvfit", `{"summary_csv":"frequency,recency,T\n1,5,2\n"}`},
		{"prioritize", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"ideas":[{"name":"A","expected_lift":0.05},{"name":"A","expected_lift":11,"lift_low":0.01}]}`},
		{"prioritize", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"ideas":[3]}`},
		// And a good one, whatever the reference cases hold.
		{"prioritize", `{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"budget":90000,"ideas":[{"name":"A","expected_lift":0.05,"lift_low":0.01,"lift_high":0.09,"one_time_cost":50000},{"name":"B","expected_lift":0.03,"addressable_share":0.4,"monthly_cost":1000}]}`},
	} {
		check(fmt.Sprintf("bad request %d", i), bad.name, bad.body)
	}
	// Transport-level answers: too large, unknown calculator, CORS.
	if code, _ := post(t, base+"/api/v1/clv", `{"x":"`+strings.Repeat("a", 9<<20)+`"}`); code != 413 {
		t.Errorf("oversized body: %d, want 413", code)
	}
	if code, _ := post(t, base+"/api/v1/nope", `{}`); code != 404 {
		t.Errorf("unknown calculator: %d, want 404", code)
	}
	req, _ := http.NewRequest("OPTIONS", base+"/api/v1/roi", nil)
	req.Header.Set("Origin", "https://blog.example")
	req.Header.Set("Access-Control-Request-Method", "POST")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("preflight: %v %v", err, resp)
	}
	resp, err = http.Get(base + "/oembed?url=https://roikit.netlify.app/calculators/roi/&format=json")
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !regexp.MustCompile(`"type":"rich"`).Match(b) {
			t.Errorf("oembed: %d %s", resp.StatusCode, b)
		}
	}
}
