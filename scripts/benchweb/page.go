package main

// The calculator pages in the browser: first live result, recompute and
// charts timings, and the bytes each resource took on the wire.

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/roikit/roikit/internal/chromium"
)

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

// recomputeTiming is one recompute, as measured in the page.
type recomputeTiming struct {
	Live     float64 `json:"live"`     // ms from the input event to the numbers on screen
	Charts   float64 `json:"charts"`   // ms from the input event to data-chart-runs incremented; -1: not seen
	Fallback bool    `json:"fallback"` // no run started within 400 ms: timed from form.requestSubmit()
	Draws    int     `json:"draws"`    // roi: the simulations field's value (0 elsewhere)
	Skipped  bool    `json:"skipped"`  // the widget has no numeric input to change
}

// recompute changes the primary widget's first positive numeric input with
// one input event and resolves with a recomputeTiming: the time until
// data-runs is incremented with data-state="live" (the numbers on screen)
// and until data-chart-runs is incremented (the page does it once a
// result's charts are set with ECharts' setOption). It is called with the
// recompute's number (1, 2, ...; odd ones change the value, even ones put
// it back) and how long to wait for data-chart-runs after the numbers when
// the page has never set it.
//
// The first call prepares the widget: on roi it fills lift_low and
// lift_high (so that every recompute runs the Monte Carlo), and it scrolls
// the widget's first chart into view (only charts in view are drawn) and
// waits until it is drawn and the widget is idle.
//
// When the input event starts no run within 400 ms (data-state never
// "busy", data-runs unchanged: a page that waits for more typing), it calls
// form.requestSubmit() and times from there (fallback: true).
const recompute = `(async (n, chartGrace) => {
  const s = document.querySelector('section[data-calc][data-primary]') || document.querySelector('section[data-calc]');
  const form = s.querySelector('form');
  const state = () => s.getAttribute('data-state');
  const runs = () => Number(s.getAttribute('data-runs')) || 0;
  const chartRuns = () => Number(s.getAttribute('data-chart-runs')) || 0;
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const num = (i) => Number(String(i.value).replace(/,/g, ''));
  const field = (name) => s.querySelector('[data-input="' + name + '"]');
  const submit = () => form.requestSubmit ? form.requestSubmit() : form.dispatchEvent(new Event('submit', { cancelable: true }));
  // idle resolves once no run is in flight and nothing has moved for ms.
  const idle = async (ms) => {
    const t0 = performance.now();
    let last = '', since = t0;
    for (;;) {
      const now = state() + ' ' + runs() + ' ' + chartRuns();
      if (now !== last) { last = now; since = performance.now(); }
      if (state() !== 'busy' && performance.now() - since >= ms) return;
      if (performance.now() - t0 > 15000) throw new Error('the widget was not idle within 15 s (' + last + ')');
      await sleep(10);
    }
  };
  const set = (i, v) => { i.value = v; i.dispatchEvent(new Event('input', { bubbles: true })); };

  if (n === 1) {
    if (s.getAttribute('data-calc') === 'roi') {
      // The Monte Carlo runs only with a range for the lift.
      const lift = field('expected_lift'), low = field('lift_low'), high = field('lift_high');
      if (lift && low && high && num(lift) > 0) {
        const before = runs();
        set(low, '0');
        set(high, String(2 * num(lift)));
        await idle(400);
        if (runs() === before) { submit(); await idle(400); }
      }
    }
    const fig = [...s.querySelectorAll('figure[data-chart]')].find((f) => !f.hidden);
    if (fig) {
      fig.scrollIntoView({ block: 'start' });
      const t0 = performance.now();
      while (!fig.querySelector('[_echarts_instance_]') && performance.now() - t0 < 5000) await sleep(10);
    }
    await idle(300);
  }

  const inputs = [...s.querySelectorAll('input[data-input]')].filter((i) =>
    (i.dataset.type === 'number' || i.dataset.type === 'integer') && i.value.trim() !== '' &&
    Number.isFinite(num(i)) && num(i) > 0 && !i.closest('[hidden]'));
  if (inputs.length === 0) return { live: -1, charts: -1, fallback: false, draws: 0, skipped: true };
  const input = inputs[0];
  if (!input.dataset.benchOriginal) input.dataset.benchOriginal = String(num(input));
  const x = Number(input.dataset.benchOriginal);
  const v = n % 2 === 0 ? x : (input.dataset.type === 'integer' ? x + 1 : x * 1.01);

  const before = runs(), chartsBefore = chartRuns();
  let started = false, live = 0, charts = 0, fallback = false;
  const obs = new MutationObserver(() => {
    const now = performance.now();
    if (state() === 'busy' || runs() > before) started = true;
    if (!live && runs() > before && state() !== 'busy') live = now;
    if (!charts && chartRuns() > chartsBefore) charts = now;
  });
  obs.observe(s, { attributes: true, attributeFilter: ['data-state', 'data-runs', 'data-chart-runs'] });
  const until = async (ok, ms) => { const t = performance.now(); while (!ok() && performance.now() - t < ms) await sleep(2); return ok(); };
  try {
    let t0 = performance.now();
    set(input, String(v));
    if (!(await until(() => started, 400))) {
      fallback = true;
      t0 = performance.now();
      submit();
    }
    if (!(await until(() => live, 10000))) throw new Error('no result within 10 s of the input (data-state=' + state() + ')');
    if (state() !== 'live') throw new Error('the recompute ended ' + state() + ' for input ' + input.name + '=' + v);
    const grace = s.hasAttribute('data-chart-runs') ? 5000 : chartGrace;
    await until(() => charts, grace);
    const sims = field('simulations');
    return {
      live: live - t0, charts: charts ? charts - t0 : -1, fallback, skipped: false,
      draws: s.getAttribute('data-calc') === 'roi' && sims && !sims.closest('[hidden]') ? num(sims) : 0,
    };
  } finally {
    obs.disconnect();
  }
})`

// resourceSizes lists the resources of a document or a worker with the
// bytes of each body as it came over the network (encoded: compressed when
// the server compressed it; headers not counted).
const resourceSizes = `(() => {
  const out = {};
  for (const e of [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]) {
    if (e.encodedBodySize > 0) out[e.name.split('#')[0]] = e.encodedBodySize;
  }
  return out;
})()`

// errNoAutoRun reports a page whose primary widget does not run on load.
var errNoAutoRun = errors.New("the widget does not run on load (it fits a chosen file or the sample on a click; timed under \"clvfit (issue 4)\")")

// autoRuns tells whether the page's primary widget runs on load: the clvfit
// widget (marked data-clvfit once set up) waits for a file or a click.
const autoRuns = `(() => { const s = document.querySelector('section[data-calc][data-primary]') || document.querySelector('section[data-calc]');
  return !s || !(s.hasAttribute('data-clvfit') || s.getAttribute('data-calc') === 'clvfit'); })()`

// tabOptions says what one navigation measures.
type tabOptions struct {
	cold       bool          // HTTP cache cleared and disabled
	settle     bool          // bring the charts into view, let the network settle, read the bytes on the wire
	recomputes int           // recomputes to time after the first live result
	chartGrace time.Duration // how long to wait for data-chart-runs on a page that has never set it
	timeout    time.Duration // for the first live result
}

// tabResult is what one navigation measured.
type tabResult struct {
	urls       []string          // every URL requested
	firstLive  float64           // ms from navigation start
	recomputes []recomputeTiming // in order
	wire       map[string]int    // settle: URL -> encoded body bytes, page and worker
}

// onePage loads the page in a new tab and measures what o asks for. For a
// widget that does not run on load it returns the URLs (with settle) and
// errNoAutoRun. It is long because the probes must be set up before the
// navigation and read in the order the page produces them.
func onePage(b *chromium.Browser, pageURL string, o tabOptions) (tabResult, error) {
	var r tabResult
	ctx, cancel := chromedp.NewContext(b.Context)
	defer cancel()
	if err := chromedp.Do(ctx); err != nil {
		return r, err
	}
	var mu sync.Mutex
	requested := map[string]bool{}
	sent := chromedp.Events(ctx, network.RequestWillBeSent)
	go func() {
		for ev, err := range sent {
			if err != nil {
				return
			}
			mu.Lock()
			requested[ev.Request.URL] = true
			mu.Unlock()
		}
	}()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		return r, err
	}
	if o.cold {
		// Cleared for the whole browser: the worker's requests (the module)
		// are not covered by the tab's setCacheDisabled.
		if _, err := chromedp.Call(ctx, network.ClearBrowserCache, cdp.Empty{}); err != nil {
			return r, err
		}
		// A cold visit is a first visit: an earlier page's service worker
		// and its caches would otherwise answer every request (Resource
		// Timing then reports the decoded size as the bytes sent).
		if _, err := chromedp.Call(ctx, storage.ClearDataForOrigin, storage.ClearDataForOriginParams{
			Origin: originOf(pageURL), StorageTypes: "service_workers,cache_storage",
		}); err != nil {
			return r, err
		}
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: o.cold}); err != nil {
		return r, err
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: probe}); err != nil {
		return r, err
	}
	collect := func() {
		mu.Lock()
		defer mu.Unlock()
		for u := range requested {
			r.urls = append(r.urls, u)
		}
	}
	tctx, tcancel := context.WithTimeout(ctx, o.timeout)
	defer tcancel()
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL)); err != nil {
		return r, err
	}
	auto, err := chromedp.Run(tctx, chromedp.Evaluate[bool](autoRuns))
	if err != nil {
		return r, err
	}
	if !auto {
		if o.settle {
			r.wire = settle(tctx, &mu, requested)
			collect()
		}
		return r, errNoAutoRun
	}
	r.firstLive, err = chromedp.Run(tctx, chromedp.Poll[float64](`window.__roikitBench && window.__roikitBench.firstLive`,
		chromedp.WithPollingInterval(5*time.Millisecond)))
	if err != nil {
		state, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('section[data-calc]'); return s ? s.getAttribute('data-calc') + ' data-state=' + s.getAttribute('data-state') + ' data-runs=' + s.getAttribute('data-runs') : 'no section[data-calc] on the page'; })()`))
		return r, fmt.Errorf("no live result within %s (%s)", o.timeout, state)
	}
	for n := 1; n <= o.recomputes; n++ {
		// Each recompute has its own time limit: the first one also
		// prepares the widget and draws its first chart.
		rctx, rcancel := context.WithTimeout(ctx, 40*time.Second)
		t, err := chromedp.Run(rctx, chromedp.Evaluate[recomputeTiming](
			fmt.Sprintf("%s(%d, %d)", recompute, n, o.chartGrace.Milliseconds()), chromedp.EvalAwaitPromise))
		rcancel()
		if err != nil {
			return r, fmt.Errorf("recompute %d: %w", n, err)
		}
		if t.Skipped {
			break
		}
		r.recomputes = append(r.recomputes, t)
	}
	if o.settle {
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		r.wire = settle(sctx, &mu, requested)
		scancel()
	}
	collect()
	return r, nil
}

// settle brings every chart into view so that the chart library loads, lets
// the network settle, adds the worker's assets to requested (its requests do
// not reach the page's network events) and returns the encoded body bytes of
// every resource the page and its worker loaded (Resource Timing).
func settle(ctx context.Context, mu *sync.Mutex, requested map[string]bool) map[string]int {
	_ = chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`for (const f of document.querySelectorAll('figure[data-chart]')) f.scrollIntoView();`))
	time.Sleep(1500 * time.Millisecond)
	extra, _ := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => { const s = document.querySelector('script[data-wasm]'); return s ? ['data-wasm','data-wasm-exec','data-worker'].map((a) => s.getAttribute(a)).filter(Boolean).map((v) => new URL(v, document.baseURI).href) : []; })()`))
	wire, _ := chromedp.Run(ctx, chromedp.Evaluate[map[string]int](resourceSizes))
	if wire == nil {
		wire = map[string]int{}
	}
	origin, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`location.origin`))
	for u, n := range workerSizes(ctx, origin) {
		wire[u] = n
	}
	mu.Lock()
	defer mu.Unlock()
	for _, u := range extra {
		requested[u] = true
	}
	return wire
}

// workerSizes reads the Resource Timing entries of the page's worker (the
// only worker of the site's origin in the browser: one tab is measured at a
// time). Attaching to the worker and closing the attachment ends it, which
// is why it is the last thing a tab does.
func workerSizes(ctx context.Context, origin string) map[string]int {
	targets, err := chromedp.Targets(ctx)
	if err != nil || origin == "" {
		return nil
	}
	out := map[string]int{}
	for _, t := range targets {
		if t.Type != "worker" || !(strings.HasPrefix(t.URL, "blob:"+origin+"/") || strings.HasPrefix(t.URL, origin+"/")) {
			continue
		}
		wctx, wcancel := chromedp.NewContext(ctx, chromedp.WithTargetID(t.TargetID))
		sizes, err := chromedp.Run(wctx, chromedp.Evaluate[map[string]int](resourceSizes))
		wcancel()
		if err != nil {
			continue
		}
		for u, n := range sizes {
			out[u] = n
		}
	}
	return out
}

// originOf returns the scheme and host of a page URL ("http://127.0.0.1:8080").
func originOf(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return pageURL
	}
	return u.Scheme + "://" + u.Host
}
