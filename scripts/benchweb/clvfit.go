package main

// The clvfit page (issue 4): its widget does not run on load, it fits a file
// the user chooses or the bundled CDNOW sample on a click. This file times
// both through the page:
//
//   - sample: from a click on the widget's sample button ([data-action=sample])
//     to the fit shown (section[data-calc=clvfit] has data-state="live" and a
//     higher data-runs), over -runs clicks in one tab; the first click also
//     fetches the sample and may wait for the worker to start, the later ones
//     ("warm") reuse both. The widget's own figure ("Fitted N customers ... in
//     M ms": the worker's read and fit, without fetching and rendering) is
//     printed beside it.
//   - big file: a synthetic transaction log (internal/clvsim) written to a
//     temporary file and set on the widget's file input with
//     DOM.setFileInputFiles, from setting the file to the fit shown; while it
//     runs, a 10 ms setInterval loop in the page records the longest gap
//     between its ticks (the main thread's longest stall) and the longest gap
//     between changes of the progress bar or its text.

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/dom"
	"github.com/chromedp/cdproto/inspector"
	"github.com/chromedp/chromedp"
	"github.com/roikit/roikit/internal/chromium"
	"github.com/roikit/roikit/internal/clvsim"
)

// clvfitPath is the page of the clvfit widget.
const clvfitPath = "/calculators/clvfit/"

// clvfitSection selects the clvfit widget.
const clvfitSection = `section[data-calc="clvfit"]`

// sampleTiming is one click on the sample button, as measured in the page.
type sampleTiming struct {
	MS     float64 `json:"ms"`     // click to the fit shown
	Widget float64 `json:"widget"` // the widget's own "in N ms", -1 when it does not say
	Text   string  `json:"text"`   // the widget's status line
}

// bigTiming is one fit of the big file, as measured in the page.
type bigTiming struct {
	MS          float64 `json:"ms"`          // file set to the fit shown
	MaxTick     float64 `json:"maxTick"`     // longest gap between the page loop's ticks
	Ticks       int     `json:"ticks"`       // ticks of the page loop during the fit
	MaxProgress float64 `json:"maxProgress"` // longest gap between progress updates (start and end included)
	GapFrom     string  `json:"gapFrom"`     // the progress text before the longest gap ("start" at the start)
	GapTo       string  `json:"gapTo"`       // and after it ("result" at the end)
	Updates     int     `json:"updates"`     // progress updates seen
	State       string  `json:"state"`       // data-state at the end
	Text        string  `json:"text"`        // the widget's status line at the end
}

// clvfitResult gathers the clvfit figures.
type clvfitResult struct {
	sampleRows int            // data rows in the served sample
	clicks     []sampleTiming // in click order
	bigRuns    int            // fits of the big file asked for (-bigruns)
	bigRows    int
	bigBytes   int64
	big        []bigTiming
	notes      []string
}

// sampleClick clicks the sample button and resolves with a sampleTiming once
// the fit is shown (or rejects with the widget's status line).
const sampleClick = `(async () => {
  const s = document.querySelector('section[data-calc="clvfit"]');
  const status = () => (s.querySelector('[data-role=clvfit-state]') || {}).textContent || '';
  const before = Number(s.getAttribute('data-runs'));
  const t0 = performance.now();
  s.querySelector('[data-action=sample]').click();
  await new Promise((resolve, reject) => {
    const done = () => Number(s.getAttribute('data-runs')) > before && s.getAttribute('data-state') !== 'busy';
    if (done()) return resolve();
    const obs = new MutationObserver(() => { if (done()) { obs.disconnect(); resolve(); } });
    obs.observe(s, { attributes: true, attributeFilter: ['data-state', 'data-runs'] });
    setTimeout(() => { obs.disconnect(); reject(new Error('no result within 30 s: ' + status())); }, 30000);
  });
  const ms = performance.now() - t0;
  if (s.getAttribute('data-state') !== 'live') throw new Error('the fit ended ' + s.getAttribute('data-state') + ': ' + status());
  const m = /in ([0-9,]+) ms/.exec(status());
  return { ms, widget: m ? Number(m[1].replace(/,/g, '')) : -1, text: status() };
})()`

// bigProbe installs the page loop that watches the main thread and the
// progress bar; window.__roikitBig.start() marks the file being set and
// window.__roikitBig.done becomes the time the fit was shown.
const bigProbe = `(() => {
  const s = document.querySelector('section[data-calc="clvfit"]');
  const prog = s.querySelector('[data-role=clvfit-progress]');
  const ptext = s.querySelector('[data-role=clvfit-progress-text]');
  const seen = () => String(prog ? prog.value : '') + '|' + (ptext ? ptext.textContent : '');
  const b = { t0: 0, done: 0, maxTick: 0, ticks: 0, maxProgress: 0, updates: 0, state: '', text: '', gapFrom: '', gapTo: '' };
  const label = () => (ptext ? ptext.textContent : '').trim();
  let lastLabel = 'start';
  const gap = (now, to) => {
    if (now - lastProgress > b.maxProgress) { b.maxProgress = now - lastProgress; b.gapFrom = lastLabel; b.gapTo = to; }
  };
  const before = Number(s.getAttribute('data-runs'));
  let lastTick = 0, lastProgress = 0, last = '';
  const observe = (now) => {
    b.maxTick = Math.max(b.maxTick, now - lastTick);
    lastTick = now;
    const v = seen();
    if (v !== last) {
      b.updates++;
      gap(now, label());
      lastProgress = now;
      last = v;
      lastLabel = label();
    }
  };
  const timer = setInterval(() => {
    if (!b.t0 || b.done) return;
    b.ticks++;
    observe(performance.now());
  }, 10);
  b.start = () => { b.t0 = lastTick = lastProgress = performance.now(); last = seen(); };
  const obs = new MutationObserver(() => {
    if (!b.t0 || b.done || !(Number(s.getAttribute('data-runs')) > before && s.getAttribute('data-state') !== 'busy')) return;
    const now = performance.now();
    b.maxTick = Math.max(b.maxTick, now - lastTick);
    gap(now, 'result');
    b.state = s.getAttribute('data-state');
    b.text = (s.querySelector('[data-role=clvfit-state]') || {}).textContent || '';
    b.done = now;
    clearInterval(timer);
    obs.disconnect();
  });
  obs.observe(s, { attributes: true, attributeFilter: ['data-state', 'data-runs'] });
  window.__roikitBig = b;
})()`

// bigResult reads the page loop's figures once the fit is shown.
const bigResult = `(() => { const b = window.__roikitBig; return { ms: b.done - b.t0, maxTick: b.maxTick, ticks: b.ticks,
  maxProgress: b.maxProgress, gapFrom: b.gapFrom, gapTo: b.gapTo, updates: b.updates, state: b.state, text: b.text }; })()`

// measureCLVFit times the sample clicks and the big file on the clvfit page.
func measureCLVFit(b *chromium.Browser, base *url.URL, runs, bigRuns, bigRows int, timeout, bigLimit time.Duration) clvfitResult {
	r := clvfitResult{bigRuns: bigRuns}
	pageURL := base.ResolveReference(&url.URL{Path: strings.TrimPrefix(clvfitPath, "/")}).String()
	if body, err := get(base.ResolveReference(&url.URL{Path: "data/cdnow_sample_transactions.csv"}).String()); err == nil {
		r.sampleRows = bytes.Count(bytes.TrimRight(body, "\n"), []byte("\n")) // lines after the header
	}
	clicks, err := sampleClicks(b, pageURL, runs, timeout)
	r.clicks = clicks
	if err != nil {
		r.notes = append(r.notes, fmt.Sprintf("%s sample click %d: %v", clvfitPath, len(clicks)+1, err))
	}
	if bigRuns < 1 {
		return r
	}
	file, rows, size, err := writeBigCSV(bigRows)
	if err != nil {
		r.notes = append(r.notes, "writing the big CSV: "+err.Error())
		return r
	}
	defer os.Remove(file)
	r.bigRows, r.bigBytes = rows, size
	for i := 0; i < bigRuns; i++ {
		t, err := bigFit(b, pageURL, file, timeout, bigLimit)
		if err != nil {
			r.notes = append(r.notes, fmt.Sprintf("%s %s-row CSV run %d: %v", clvfitPath, group(rows), i+1, err))
			continue
		}
		r.big = append(r.big, t)
	}
	return r
}

// openCLVFit opens the clvfit page in a new tab (HTTP cache enabled) and
// waits until its widget is set up. The caller cancels the returned context.
func openCLVFit(b *chromium.Browser, pageURL string, timeout time.Duration) (context.Context, func(), error) {
	ctx, cancel := chromedp.NewContext(b.Context)
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	stop := func() { tcancel(); cancel() }
	if err := chromedp.Do(tctx, chromedp.Navigate(pageURL)); err != nil {
		stop()
		return nil, nil, err
	}
	if _, err := chromedp.Run(tctx, chromedp.Poll[bool](`(() => { const s = document.querySelector('`+clvfitSection+`'); return !!s && s.getAttribute('data-clvfit') === 'ready'; })()`,
		chromedp.WithPollingInterval(5*time.Millisecond))); err != nil {
		stop()
		return nil, nil, fmt.Errorf("the clvfit widget was not set up within %s", timeout)
	}
	return ctx, stop, nil
}

// sampleClicks clicks the sample button runs times in one tab, each after
// the previous fit is shown, and returns the timings of the clicks that
// succeeded (it stops at the first failure).
func sampleClicks(b *chromium.Browser, pageURL string, runs int, timeout time.Duration) ([]sampleTiming, error) {
	ctx, stop, err := openCLVFit(b, pageURL, timeout)
	if err != nil {
		return nil, err
	}
	defer stop()
	var out []sampleTiming
	for i := 0; i < runs; i++ {
		cctx, ccancel := context.WithTimeout(ctx, timeout+30*time.Second)
		t, err := chromedp.Run(cctx, chromedp.Evaluate[sampleTiming](sampleClick, chromedp.EvalAwaitPromise))
		ccancel()
		if err != nil {
			return out, err
		}
		out = append(out, t)
	}
	return out, nil
}

// writeBigCSV writes a synthetic log of rows transactions (seed 1) to a
// temporary file and returns its path, its rows and its size in bytes.
func writeBigCSV(rows int) (string, int, int64, error) {
	f, err := os.CreateTemp("", "roikit-benchweb-*.csv")
	if err != nil {
		return "", 0, 0, err
	}
	n, werr := clvsim.WriteTransactions(f, rows, 1)
	info, serr := f.Stat()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(f.Name())
		return "", 0, 0, err
	}
	return f.Name(), n, info.Size(), nil
}

// bigFit opens the page in a fresh tab, starts the page loop, sets file on
// the widget's file input and waits up to limit for the fit to be shown.
func bigFit(b *chromium.Browser, pageURL, file string, timeout, limit time.Duration) (bigTiming, error) {
	var t bigTiming
	ctx, stop, err := openCLVFit(b, pageURL, timeout)
	if err != nil {
		return t, err
	}
	defer stop()
	crashed := watchCrash(ctx)
	id, err := backendNodeID(ctx, clvfitSection+` input[type=file][data-role=clvfit-file]`)
	if err != nil {
		return t, err
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](bigProbe)); err != nil {
		return t, err
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__roikitBig.start()`)); err != nil {
		return t, err
	}
	if _, err := chromedp.Call(ctx, dom.SetFileInputFiles, dom.SetFileInputFilesParams{Files: []string{file}, BackendNodeID: id}); err != nil {
		return t, fmt.Errorf("DOM.setFileInputFiles: %w", err)
	}
	wctx, wcancel := context.WithTimeout(ctx, limit)
	defer wcancel()
	if _, err := chromedp.Run(wctx, chromedp.Poll[float64](`window.__roikitBig.done`, chromedp.WithPollingInterval(50*time.Millisecond))); err != nil {
		if crashed.Load() {
			return t, fmt.Errorf("no result: the tab crashed (Inspector.targetCrashed) before the fit was shown")
		}
		return t, fmt.Errorf("no result within %s (%s)", limit, pageNow(ctx))
	}
	rctx, rcancel := context.WithTimeout(ctx, 10*time.Second)
	defer rcancel()
	t, err = chromedp.Run(rctx, chromedp.Evaluate[bigTiming](bigResult))
	if err != nil {
		return t, err
	}
	if t.State != "live" {
		return t, fmt.Errorf("the fit ended %s: %s", t.State, t.Text)
	}
	return t, nil
}

// watchCrash reports whether the tab has crashed (Inspector.targetCrashed,
// e.g. out of memory) since it was called.
func watchCrash(ctx context.Context) *atomic.Bool {
	var crashed atomic.Bool
	_, _ = chromedp.Call(ctx, inspector.Enable, cdp.Empty{})
	events := chromedp.Events(ctx, inspector.TargetCrashed)
	go func() {
		for _, err := range events {
			if err != nil {
				return
			}
			crashed.Store(true)
		}
	}()
	return &crashed
}

// pageNow describes a fit that did not finish: the widget's status, progress
// and the page loop's figures so far, or that the page does not answer (its
// main thread is blocked or the tab crashed).
func pageNow(ctx context.Context) string {
	qctx, qcancel := context.WithTimeout(ctx, 10*time.Second)
	defer qcancel()
	s, err := chromedp.Run(qctx, chromedp.Evaluate[string](`(() => { const s = document.querySelector('`+clvfitSection+`');
  const q = (r) => (s.querySelector('[data-role=' + r + ']') || {});
  const b = window.__roikitBig;
  return 'data-state=' + s.getAttribute('data-state') + ', status "' + (q('clvfit-state').textContent || '').trim() + '", progress ' + q('clvfit-progress').value +
    ' "' + (q('clvfit-progress-text').textContent || '').trim() + '", so far: longest tick gap ' + Math.round(b.maxTick) + ' ms, longest progress gap ' + Math.round(b.maxProgress) + ' ms, ' + b.updates + ' updates'; })()`))
	if err != nil {
		return "the page does not answer within 10 s: its main thread is blocked or the tab crashed"
	}
	return s
}

// backendNodeID finds the first element matching sel in the tab's document
// and returns its backend node id (what DOM.setFileInputFiles takes).
func backendNodeID(ctx context.Context, sel string) (cdp.BackendNodeID, error) {
	doc, err := chromedp.Call(ctx, dom.GetDocument, dom.GetDocumentParams{})
	if err != nil {
		return 0, err
	}
	q, err := chromedp.Call(ctx, dom.QuerySelector, dom.QuerySelectorParams{NodeID: doc.Root.NodeID, Selector: sel})
	if err != nil {
		return 0, err
	}
	if q.NodeID == 0 {
		return 0, fmt.Errorf("no %s on the page", sel)
	}
	d, err := chromedp.Call(ctx, dom.DescribeNode, dom.DescribeNodeParams{NodeID: q.NodeID})
	if err != nil {
		return 0, err
	}
	return d.Node.BackendNodeID, nil
}

// printCLVFit writes the clvfit figures with the targets of issue 4 beside them.
func printCLVFit(r clvfitResult) {
	fmt.Println()
	fmt.Println("clvfit (issue 4)")
	rows := "sample"
	if r.sampleRows > 0 {
		rows = group(r.sampleRows) + " rows"
	}
	const f = "  %-60s %-34s %s\n"
	if len(r.clicks) == 0 {
		fmt.Printf(f, "CDNOW sample ("+rows+"), click to fit shown", "n/a (see the notes)", "target <= 150 ms median")
	} else {
		var all, warm, own, ownWarm []float64
		for i, c := range r.clicks {
			all = append(all, c.MS)
			if c.Widget >= 0 {
				own = append(own, c.Widget)
			}
			if i > 0 {
				warm = append(warm, c.MS)
				if c.Widget >= 0 {
					ownWarm = append(ownWarm, c.Widget)
				}
			}
		}
		fmt.Printf(f, fmt.Sprintf("CDNOW sample (%s), click to fit shown, %d clicks", rows, len(all)), "med/p90/min "+medP90(all)+" ms", "target <= 150 ms median")
		fmt.Printf(f, "  first click (fetches the sample)", fmt.Sprintf("%.0f ms", all[0]), "")
		fmt.Printf(f, "  warm clicks", warmLine(warm), "")
		fmt.Printf(f, "  the widget's own read+fit (worker run), all clicks", "med/p90/min "+medP90(own)+" ms", "")
		fmt.Printf(f, "  the widget's own read+fit, warm clicks", warmLine(ownWarm), "")
	}
	name := "synthetic CSV"
	if r.bigRows > 0 {
		name = fmt.Sprintf("%s-row CSV (%.1f MB)", group(r.bigRows), float64(r.bigBytes)/1e6)
	}
	if len(r.big) == 0 {
		figure := "n/a (see the notes)"
		if r.bigRuns < 1 {
			figure = "not run (-bigruns 0)"
		}
		fmt.Printf(f, name+", file set to fit shown", figure, "target <= 10 s")
		return
	}
	var ms, tick, prog []float64
	updates := 0
	for _, t := range r.big {
		ms = append(ms, t.MS)
		tick = append(tick, t.MaxTick)
		prog = append(prog, t.MaxProgress)
		updates += t.Updates
	}
	fmt.Printf(f, fmt.Sprintf("%s, file set to fit shown, %d run(s)", name, len(ms)), "med/p90/min "+medP90(ms)+" ms", "target <= 10,000 ms")
	fmt.Printf(f, "  main thread: longest gap between 10 ms ticks", "med/p90/min "+medP90(tick)+" ms", "responsive throughout (a gap > 250 ms is a visible freeze)")
	fmt.Printf(f, fmt.Sprintf("  progress: longest gap between updates (%d updates)", updates), "med/p90/min "+medP90(prog)+" ms", "target <= 250 ms")
	for i, t := range r.big {
		fmt.Printf(f, fmt.Sprintf("    run %d: longest gap %.0f ms", i+1, t.MaxProgress), fmt.Sprintf("after %q, before %q", t.GapFrom, t.GapTo), "")
	}
	fmt.Printf(f, "  the widget said", strings.TrimSpace(r.big[len(r.big)-1].Text), "")
}

// warmLine writes med/p90/min of the warm figures, or n/a when there are none.
func warmLine(xs []float64) string {
	if len(xs) == 0 {
		return "n/a (one click only: -runs 1)"
	}
	return "med/p90/min " + medP90(xs) + " ms"
}
