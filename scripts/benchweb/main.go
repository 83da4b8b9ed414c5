// Command benchweb prints the weight and the speed of roikit's calculator
// pages in headless Chromium (the performance budget of issue 3). It measures,
// nothing is asserted:
//
//   - transfer: every resource the page needs for its first live result and
//     its charts (the page, CSS, scripts, the worker's wasm_exec.js and
//     worker.js, the WASM module, the chart library): the sum of the bodies
//     as served, and the sum of each same-origin body compressed locally with
//     `brotli -q 11` (what a brotli-serving CDN sends);
//   - first live: time from navigation start to the first live WASM result
//     (the primary widget has data-state="live" and data-runs >= 1), median
//     and p90 over -runs navigations, with the HTTP cache disabled (cold) and
//     enabled (warm);
//   - recompute: time from an input change (submitted at once, without the
//     150 ms debounce) to the new result in the page, median and p90. For roi,
//     lift_low and lift_high are filled in first, so the 10,000-draw Monte
//     Carlo runs on every recompute.
//
// A widget that does not run on load (clvfit: it fits a file or the sample
// on a click) has no first live or recompute time: its row says n/a and one
// navigation gives its transfer. The clvfit figures of issue 4 (the CDNOW
// sample and a 1,000,000-row CSV through the page) are printed under their
// own heading: see clvfit.go.
//
// Usage (against `roikit serve`):
//
//	ROIKIT_URL=http://127.0.0.1:8080 go run ./scripts/benchweb -runs 15
//
// It starts its own Chromium (headless, fresh profile) and stops it on exit.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/chromium"
)

func main() {
	runs := flag.Int("runs", 15, "navigations (and recomputes) measured per page")
	pages := flag.String("pages", "", "comma-separated paths to measure (default: /calculators/NAME/ for every calculator)")
	chromiumPath := flag.String("chromium", "", "the browser to start (default: $ROIKIT_CHROMIUM, chromium on PATH or /usr/bin/chromium)")
	timeout := flag.Duration("timeout", 20*time.Second, "how long one page may take to show its first live result")
	bigRuns := flag.Int("bigruns", 1, "fits of the big synthetic CSV on the clvfit page (0: none)")
	bigRows := flag.Int("bigrows", 1_000_000, "rows of the big synthetic CSV")
	bigLimit := flag.Duration("biglimit", 2*time.Minute, "how long one fit of the big CSV may take")
	flag.Parse()
	base := os.Getenv("ROIKIT_URL")
	if base == "" {
		fail("set ROIKIT_URL to the site's address, e.g. ROIKIT_URL=http://127.0.0.1:8080 go run ./scripts/benchweb")
	}
	baseURL, err := url.Parse(strings.TrimRight(base, "/") + "/")
	if err != nil || baseURL.Host == "" {
		fail("ROIKIT_URL is not an http URL: " + base)
	}
	if _, err := exec.LookPath("brotli"); err != nil {
		fail("brotli is missing: sudo apt-get install -y brotli")
	}
	paths := strings.FieldsFunc(*pages, func(r rune) bool { return r == ',' })
	if len(paths) == 0 {
		for _, name := range calc.Names() {
			paths = append(paths, "/calculators/"+name+"/")
		}
	}
	if *runs < 1 {
		fail("-runs must be at least 1")
	}

	b, err := chromium.Start(*chromiumPath)
	if err != nil {
		fail(err.Error())
	}
	defer b.Stop()

	fmt.Printf("roikit bench-web: %s, %d runs per page, Chromium headless on this machine\n\n", baseURL, *runs)
	fmt.Printf("%-28s %6s %11s %11s %14s %14s %14s\n", "page", "files", "raw", "brotli", "live cold ms", "live warm ms", "recompute ms")
	fmt.Printf("%-28s %6s %11s %11s %14s %14s %14s\n", "", "", "bytes", "bytes", "med/p90/min", "med/p90/min", "med/p90/min")
	var notes []string
	clvfit := false
	for _, p := range paths {
		clvfit = clvfit || strings.TrimSuffix(p, "/")+"/" == clvfitPath
		u := baseURL.ResolveReference(&url.URL{Path: strings.TrimPrefix(p, "/")}).String()
		r := measurePage(b, u, *runs, *timeout)
		fmt.Printf("%-28s %6d %11s %11s %14s %14s %14s\n", p, r.files, group(r.raw), group(r.brotli),
			medP90(r.cold), medP90(r.warm), medP90(r.recompute))
		notes = append(notes, r.notes...)
		if len(r.largest) > 0 {
			fmt.Printf("%-28s   %s\n", "", strings.Join(r.largest, ", "))
		}
	}
	fmt.Println()
	fmt.Println("budget (issue 3): WASM <= 1.1 MB brotli; page transfer <= 1.5 MB brotli; first live <= 600 ms median; recompute <= 50 ms median")
	if clvfit {
		r := measureCLVFit(b, baseURL, *runs, *bigRuns, *bigRows, *timeout, *bigLimit)
		printCLVFit(r)
		notes = append(notes, r.notes...)
	}
	fmt.Println()
	for _, n := range notes {
		fmt.Println("note:", n)
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "benchweb:", msg)
	os.Exit(1)
}

// probe records, from the page's first script on, when the primary widget
// first shows a live result.
const probe = `(() => {
  const t = { firstLive: 0 };
  window.__roikitBench = t;
  const check = () => {
    if (t.firstLive) return;
    const s = document.querySelector('section[data-calc][data-primary]') || document.querySelector('section[data-calc]');
    if (s && s.getAttribute('data-state') === 'live' && Number(s.getAttribute('data-runs')) >= 1) {
      t.firstLive = performance.now();
      obs.disconnect();
    }
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-state', 'data-runs'] });
})();`

// recompute changes the primary widget's first numeric input, submits it at
// once and resolves with the time until the result is in the page.
const recompute = `(async (n) => {
  const s = document.querySelector('section[data-calc][data-primary]') || document.querySelector('section[data-calc]');
  const form = s.querySelector('form');
  const set = (name, v) => {
    const i = s.querySelector('[data-input="' + name + '"]');
    if (!i) return false;
    i.value = v;
    i.dispatchEvent(new Event('input', { bubbles: true }));
    return true;
  };
  const num = (name) => {
    const i = s.querySelector('[data-input="' + name + '"]');
    return i ? Number(i.value.replace(/,/g, '')) : NaN;
  };
  if (s.getAttribute('data-calc') === 'roi' && !window.__roikitRange) {
    // The Monte Carlo runs only with a range for the lift.
    const lift = num('expected_lift');
    if (lift > 0) { set('lift_low', '0'); set('lift_high', String(2 * lift)); }
    window.__roikitRange = true;
  }
  const inputs = [...s.querySelectorAll('input[data-input]')].filter((i) =>
    (i.dataset.type === 'number' || i.dataset.type === 'integer') && i.value.trim() !== '' &&
    Number.isFinite(Number(i.value.replace(/,/g, ''))) && Number(i.value.replace(/,/g, '')) > 0 && !i.closest('[hidden]'));
  if (inputs.length === 0) return -1;
  const input = inputs[0];
  if (!input.dataset.benchOriginal) input.dataset.benchOriginal = input.value.replace(/,/g, '');
  const x = Number(input.dataset.benchOriginal);
  const v = n % 2 === 0 ? x : (input.dataset.type === 'integer' ? x + 1 : x * 1.01);
  const before = Number(s.getAttribute('data-runs'));
  const t0 = performance.now();
  input.value = String(v);
  input.dispatchEvent(new Event('input', { bubbles: true }));
  form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
  await new Promise((resolve, reject) => {
    const done = () => Number(s.getAttribute('data-runs')) > before && s.getAttribute('data-state') !== 'busy';
    if (done()) return resolve();
    const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
    obs.observe(s, { attributes: true, attributeFilter: ['data-state', 'data-runs'] });
    setTimeout(() => reject(new Error('no result within 10 s')), 10000);
  });
  const ms = performance.now() - t0;
  if (s.getAttribute('data-state') !== 'live') throw new Error('the recompute ended ' + s.getAttribute('data-state') + ' for input ' + input.name + '=' + v);
  return ms;
})`

type pageResult struct {
	files                 int
	raw, brotli           int
	largest               []string
	cold, warm, recompute []float64
	notes                 []string
}

func measurePage(b *chromium.Browser, pageURL string, runs int, timeout time.Duration) pageResult {
	var r pageResult
	seen := map[string]bool{}
runs:
	for i := 0; i < runs; i++ {
		for _, cold := range []bool{true, false} {
			urls, ms, rec, err := onePage(b, pageURL, cold, timeout, i == 0 && cold, cold)
			if errors.Is(err, errNoAutoRun) {
				for _, u := range urls {
					seen[u] = true
				}
				r.notes = append(r.notes, fmt.Sprintf("%s: first live and recompute n/a: %v", pageURL, err))
				break runs
			}
			if err != nil {
				r.notes = append(r.notes, fmt.Sprintf("%s run %d: %v", pageURL, i+1, err))
				if i == 0 {
					return r // the page does not work: one note is enough
				}
				continue
			}
			for _, u := range urls {
				seen[u] = true
			}
			if cold {
				r.cold = append(r.cold, ms)
			} else {
				r.warm = append(r.warm, ms)
			}
			r.recompute = append(r.recompute, rec...)
		}
	}
	origin, _ := url.Parse(pageURL)
	type sized struct {
		name    string
		br, raw int
	}
	var sizes []sized
	for u := range seen {
		pu, err := url.Parse(u)
		if err != nil || pu.Host != origin.Host || pu.Scheme != origin.Scheme {
			if err == nil && (pu.Scheme == "http" || pu.Scheme == "https") {
				r.notes = append(r.notes, fmt.Sprintf("%s requested %s: a request leaving the site's origin", pageURL, u))
			}
			continue
		}
		body, err := get(u)
		if err != nil {
			r.notes = append(r.notes, err.Error())
			continue
		}
		br, err := brotliSize(body)
		if err != nil {
			r.notes = append(r.notes, err.Error())
			continue
		}
		r.files++
		r.raw += len(body)
		r.brotli += br
		name := pu.Path
		if i := strings.LastIndexByte(name, '/'); i >= 0 && i < len(name)-1 {
			name = name[i+1:]
		}
		sizes = append(sizes, sized{name, br, len(body)})
	}
	sort.Slice(sizes, func(i, j int) bool { return sizes[i].br > sizes[j].br })
	for i, s := range sizes {
		if i == 4 {
			break
		}
		r.largest = append(r.largest, fmt.Sprintf("%s %s br", s.name, group(s.br)))
	}
	return r
}

// errNoAutoRun reports a page whose primary widget does not run on load.
var errNoAutoRun = errors.New("the widget does not run on load (it fits a chosen file or the sample on a click; timed under \"clvfit (issue 4)\")")

// autoRuns tells whether the page's primary widget runs on load: the clvfit
// widget (marked data-clvfit once set up) waits for a file or a click.
const autoRuns = `(() => { const s = document.querySelector('section[data-calc][data-primary]') || document.querySelector('section[data-calc]');
  return !s || !(s.hasAttribute('data-clvfit') || s.getAttribute('data-calc') === 'clvfit'); })()`

// onePage loads the page in a new tab and returns the URLs it requested, the
// time to its first live result and the recompute times (when measure is set).
// For a widget that does not run on load it returns the URLs and errNoAutoRun.
func onePage(b *chromium.Browser, pageURL string, cold bool, timeout time.Duration, scroll, measure bool) (urls []string, firstLive float64, recomputes []float64, err error) {
	ctx, cancel := chromedp.NewContext(b.Context)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return nil, 0, nil, err
	}
	var mu sync.Mutex
	requested := map[string]bool{}
	events := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			requested[ev.Request.URL] = true
			mu.Unlock()
		}
	}()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return nil, 0, nil, err
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: cold}); err != nil {
		return nil, 0, nil, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe}); err != nil {
		return nil, 0, nil, err
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL)); err != nil {
		return nil, 0, nil, err
	}
	auto, err := chromedp.Run(tctx, chromedp.Evaluate[bool](autoRuns))
	if err != nil {
		return nil, 0, nil, err
	}
	if !auto {
		if scroll {
			return settle(tctx, &mu, requested), 0, nil, errNoAutoRun
		}
		return nil, 0, nil, errNoAutoRun
	}
	firstLive, err = chromedp.Run(tctx, chromedp.Poll[float64](`window.__roikitBench && window.__roikitBench.firstLive`,
		chromedp.WithPollingInterval(5*time.Millisecond)))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('section[data-calc]'); return s ? s.getAttribute('data-calc') + ' data-state=' + s.getAttribute('data-state') + ' data-runs=' + s.getAttribute('data-runs') : 'no section[data-calc] on the page'; })()`))
		return nil, 0, nil, fmt.Errorf("no live result within %s (%s)", timeout, state)
	}
	if measure {
		for n := 1; n <= 3; n++ {
			ms, err := chromedp.Run(tctx, chromedp.Evaluate[float64](recompute+`(`+fmt.Sprint(n)+`)`, chromedp.EvalAwaitPromise))
			if err != nil {
				return nil, 0, nil, fmt.Errorf("recompute: %w", err)
			}
			if ms >= 0 {
				recomputes = append(recomputes, ms)
			}
		}
	}
	if scroll {
		return settle(tctx, &mu, requested), firstLive, recomputes, nil
	}
	mu.Lock()
	for u := range requested {
		urls = append(urls, u)
	}
	mu.Unlock()
	return urls, firstLive, recomputes, nil
}

// settle brings every chart into view so that the chart library loads, lets
// the network settle and returns the URLs requested (with the worker's
// assets, which may not reach the page's network events).
func settle(ctx context.Context, mu *sync.Mutex, requested map[string]bool) []string {
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`for (const f of document.querySelectorAll('figure[data-chart]')) f.scrollIntoView();`))
	time.Sleep(1500 * time.Millisecond)
	extra, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const s = document.querySelector('script[data-wasm]'); return s ? ['data-wasm','data-wasm-exec','data-worker'].map((a) => s.getAttribute(a)).filter(Boolean).map((v) => new URL(v, document.baseURI).href) : []; })()`))
	mu.Lock()
	defer mu.Unlock()
	for _, u := range extra {
		requested[u] = true
	}
	var urls []string
	for u := range requested {
		urls = append(urls, u)
	}
	return urls
}

// get fetches one resource's body (identity encoding: the raw size).
func get(u string) ([]byte, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept-Encoding", "identity")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	return io.ReadAll(resp.Body)
}

// brotliSize compresses body with the brotli command at quality 11.
func brotliSize(body []byte) (int, error) {
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("brotli: %w", err)
	}
	return len(out), nil
}

// medP90 writes the median, the 90th percentile (nearest rank) and the
// minimum (the least disturbed by other load on the machine).
func medP90(xs []float64) string {
	if len(xs) == 0 {
		return "n/a"
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	q := func(p float64) float64 {
		i := int(math.Ceil(p*float64(len(s)))) - 1
		if i < 0 {
			i = 0
		}
		return s[i]
	}
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return fmt.Sprintf("%.0f/%.0f/%.0f", med, q(0.9), s[0])
}

// group writes an integer with thousands separators.
func group(n int) string { return calc.FormatCount(float64(n)) }
