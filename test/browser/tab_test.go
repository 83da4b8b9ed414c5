//go:build browser

package browser_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// A tab is one browser tab of one test, with everything the page reported:
// console errors, uncaught exceptions, CSP violations, failed requests and
// dialogs. The test fails on any of them when it ends (unless the test
// expects them and calls allow).
type tab struct {
	t   testing.TB
	ctx context.Context

	mu       sync.Mutex
	problems []string // console errors, exceptions, CSP violations, failed loads
	dialogs  []string
	allowed  []string // substrings of problems the test expects

	start int // proxyLog position when the tab opened
	// origins requests may go to (the site's, and the host page's in embed tests).
	origins []string
}

// cspProbe runs in every document before its own scripts (DevTools injects it,
// the page's CSP does not apply to it) and reports CSP violations through a
// console.error the collector sees.
const cspProbe = `document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + e.sourceFile + ":" + e.lineNumber);
}, true);`

// newTab opens a tab in the shared browser for the test; it is closed and
// checked when the test ends.
//
// It is long because every listener a test relies on (console, exceptions,
// CSP, failed loads, dialogs) is attached before the tab loads anything.
func newTab(t testing.TB) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browserCtx)
	tb := &tab{t: t, ctx: ctx, start: proxyLog.mark(), origins: []string{siteOrigin}}

	console := chromedp.Console(ctx)
	if err := chromedp.Do(ctx); err != nil { // opens the tab
		cancel()
		t.Fatalf("opening a tab: %v", err)
	}
	failed := chromedp.Events(ctx, network.LoadingFailed)
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		cancel()
		t.Fatalf("Network.enable: %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe}); err != nil {
		cancel()
		t.Fatalf("adding the CSP probe: %v", err)
	}
	go func() {
		for m, err := range console {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
				where := m.URL
				if where != "" {
					where = fmt.Sprintf(" (%s:%d)", m.URL, m.Line+1)
				}
				tb.report(fmt.Sprintf("console %s: %s%s", m.Type, m.Text, where))
			}
		}
	}()
	go func() {
		for ev, err := range failed {
			if err != nil {
				return
			}
			if ev.Canceled && ev.BlockedReason == "" {
				continue // a navigation or an abort by the page, not a failure
			}
			tb.report(fmt.Sprintf("request failed: %s %s %s", ev.Type, ev.ErrorText, ev.BlockedReason))
		}
	}()
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			u := ev.Request.URL
			if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
				continue
			}
			tb.mu.Lock()
			origins := tb.origins
			tb.mu.Unlock()
			if !sameOrigin(u, origins...) {
				tb.report("a request left the site's origin (DevTools): " + ev.Request.Method + " " + u)
			}
		}
	}()
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			tb.mu.Lock()
			tb.dialogs = append(tb.dialogs, string(ev.Type)+": "+ev.Message)
			tb.mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	t.Cleanup(func() {
		// Let the last events arrive.
		time.Sleep(150 * time.Millisecond)
		tb.check()
		cancel()
	})
	return tb
}

func (tb *tab) report(s string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.problems = append(tb.problems, s)
}

// allow lets problems containing substr pass (a test that provokes them).
func (tb *tab) allow(substr string) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	tb.allowed = append(tb.allowed, substr)
}

// use makes the tab report to t (a subtest) from now on: what happened
// before is checked against the previous test first.
func (tb *tab) use(t testing.TB) {
	time.Sleep(150 * time.Millisecond)
	tb.check()
	tb.mu.Lock()
	tb.problems, tb.dialogs = nil, nil
	tb.mu.Unlock()
	tb.t, tb.start = t, proxyLog.mark()
}

// check fails the test on the tab's problems, dialogs, and on requests that
// left the allowed origins or failed (status >= 400), since the tab opened
// (or since use).
func (tb *tab) check() {
	t := tb.t
	t.Helper()
	tb.mu.Lock()
	defer tb.mu.Unlock()
	for _, p := range tb.problems {
		ok := false
		for _, a := range tb.allowed {
			ok = ok || strings.Contains(p, a)
		}
		if !ok {
			t.Errorf("%s", p)
		}
	}
	for _, d := range tb.dialogs {
		t.Errorf("a dialog opened: %s", d)
	}
	for _, r := range proxyLog.since(tb.start) {
		if swUpdateCheck(r.URL) {
			continue // the browser's own update check of a registered worker, at a time it picks
		}
		if !sameOrigin(r.URL, tb.origins...) {
			t.Errorf("a request left the site's origin: %s %s", r.Method, r.URL)
		} else if r.Status >= 400 {
			t.Errorf("request failed: %s %s -> %d", r.Method, r.URL, r.Status)
		}
	}
}

// do runs actions in the tab, failing the test on error.
func (tb *tab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.t.Fatalf("%s: %v", what, err)
	}
}

// navigate loads url (a path of the site or an absolute URL) and waits for
// the load event.
func (tb *tab) navigate(u string) {
	tb.t.Helper()
	if strings.HasPrefix(u, "/") {
		u = siteURL(u)
	}
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(u))
	if err != nil {
		tb.t.Fatalf("navigating to %s: %v", u, err)
	}
	if resp != nil && resp.Status >= 400 {
		tb.t.Fatalf("navigating to %s: status %d", u, resp.Status)
	}
}

// eval evaluates a JavaScript expression in the page and decodes its JSON
// value into T. Promises are awaited.
func eval[T any](tb *tab, expr string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.t.Fatalf("evaluating %s: %v", short(expr), err)
	}
	return v
}

// call calls a JavaScript function (its source) with JSON arguments and
// decodes its JSON result into T.
func call[T any](tb *tab, fn string, args ...any) T {
	tb.t.Helper()
	var b strings.Builder
	b.WriteString("(" + fn + ")(")
	for i, a := range args {
		if i > 0 {
			b.WriteString(",")
		}
		j, err := json.Marshal(a)
		if err != nil {
			tb.t.Fatal(err)
		}
		b.Write(j)
	}
	b.WriteString(")")
	return eval[T](tb, b.String())
}

// poll waits until the JavaScript function fn (called with args) returns a
// truthy value, and returns it. what describes the wait for the failure.
func poll[T any](tb *tab, what string, timeout time.Duration, fn string, args ...any) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.PollFunction[T](fn,
		chromedp.WithPollingArgs(args...), chromedp.WithPollingTimeout(timeout), chromedp.WithPollingInterval(20*time.Millisecond)))
	if err != nil {
		// Say what the page looks like, to make the failure readable.
		state := eval[string](tb, `JSON.stringify(Array.from(document.querySelectorAll("section.calc")).map(s => ({id: s.id, state: s.dataset.state, runs: s.dataset.runs})))`)
		tb.t.Fatalf("waiting for %s: %v (widgets: %s; url %s)", what, err, state, eval[string](tb, "location.href"))
	}
	return v
}

func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 120 {
		return s[:120] + "…"
	}
	return s
}

// swUpdateCheck reports whether a recorded request is a GET of a test
// origin's /sw.js: browsers check a registered service worker for updates
// on their own schedule, so such a request may land while any tab is being
// checked.
func swUpdateCheck(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && u.Path == "/sw.js" && sameOrigin(raw, siteOrigin, offlineOrigin)
}
