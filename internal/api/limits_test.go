package api

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/clvsim"
)

// TestBodyLimits: each calculator takes a body up to its own limit and
// refuses a larger one with 413 and a message that gives the limit, by the
// declared length and by the bytes read (no Content-Length).
func TestBodyLimits(t *testing.T) {
	for _, c := range calc.Calculators() {
		if c.MaxBody < 4<<10 || c.MaxBody > 4<<20 {
			t.Errorf("%s: limit %d bytes, want a few KB to a few MB", c.Name, c.MaxBody)
		}
		// A body exactly at the limit is read (and judged on its JSON).
		at := `{"x":"` + strings.Repeat("a", int(c.MaxBody)-8) + `"}`
		if r := do(t, "POST", "/api/v1/"+c.Name, at); r.StatusCode == 413 {
			t.Errorf("%s: a body of exactly %d bytes was refused", c.Name, len(at))
		}
		over := `{"x":"` + strings.Repeat("a", int(c.MaxBody)) + `"}`
		for _, declared := range []bool{true, false} {
			req := httptest.NewRequest("POST", "/api/v1/"+c.Name, strings.NewReader(over))
			if !declared {
				req.ContentLength = -1
			}
			rec := httptest.NewRecorder()
			New(Options{SiteURL: site}).ServeHTTP(rec, req)
			body := rec.Body.String()
			if rec.Code != 413 || !strings.Contains(body, `"too_large"`) || !strings.Contains(body, fmt.Sprintf("(%d bytes)", c.MaxBody)) {
				t.Errorf("%s (declared %v): %d %s", c.Name, declared, rec.Code, truncate(body))
			}
			if c.Name == "clvfit" && !strings.Contains(body, "command line") {
				t.Errorf("clvfit: the 413 does not say where larger files go: %s", body)
			}
		}
	}
	// The listing gives each limit.
	var got struct {
		Calculators []struct {
			Name    string `json:"name"`
			MaxBody int64  `json:"max_body_bytes"`
		} `json:"calculators"`
	}
	if err := json.Unmarshal([]byte(readBody(t, do(t, "GET", "/api/v1", ""))), &got); err != nil {
		t.Fatal(err)
	}
	for _, d := range got.Calculators {
		if c, _ := calc.Lookup(d.Name); d.MaxBody != c.MaxBody {
			t.Errorf("%s: listing says %d bytes, calculator %d", d.Name, d.MaxBody, c.MaxBody)
		}
	}
}

// TestAmplification: issue 15's 1 MB of unknown keys is refused by its size
// for every calculator, and the largest body a calculator takes, full of
// unknown keys, answers a short list.
func TestAmplification(t *testing.T) {
	for _, c := range calc.Calculators() {
		var b strings.Builder
		b.WriteString("{")
		for i := 0; b.Len() < int(c.MaxBody)-16; i++ {
			fmt.Fprintf(&b, `"k%d":1,`, i)
		}
		body := strings.TrimSuffix(b.String(), ",") + "}"
		r := do(t, "POST", "/api/v1/"+c.Name, body)
		out := readBody(t, r)
		if r.StatusCode != 422 || len(out) > 8<<10 || !strings.Contains(out, `"too_many_errors"`) {
			t.Errorf("%s: %d bytes of unknown keys: %d, %d bytes out: %s", c.Name, len(body), r.StatusCode, len(out), truncate(out))
		}
	}
}

// TestGoneStopsAFit: a fit whose client has gone stops at its first poll
// (the request's context, or Options.Gone in the Worker).
func TestGoneStopsAFit(t *testing.T) {
	var rows strings.Builder
	if _, err := clvsim.WriteTransactions(&rows, 3000, 1); err != nil {
		t.Fatal(err)
	}
	req, _ := json.Marshal(map[string]any{"transactions_csv": rows.String()})
	body := string(req)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for name, h := range map[string]http.Handler{
		"context": New(Options{SiteURL: site}),
		"gone":    New(Options{SiteURL: site, Gone: func(*http.Request) bool { return true }}),
	} {
		req := httptest.NewRequest("POST", "/api/v1/clvfit", strings.NewReader(body))
		if name == "context" {
			req = req.WithContext(ctx)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if !strings.Contains(rec.Body.String(), `"cancelled"`) {
			t.Errorf("%s: %d %s", name, rec.Code, truncate(rec.Body.String()))
		}
	}
	// And the same request with its client still there is fitted.
	if r := do(t, "POST", "/api/v1/clvfit", body); r.StatusCode != 200 {
		t.Errorf("the fit itself: %d %s", r.StatusCode, truncate(readBody(t, r)))
	}
}
