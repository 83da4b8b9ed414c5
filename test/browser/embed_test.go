//go:build browser

package browser_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// The host pages below live on hostOrigin (http://localhost:PORT2), another
// origin and another site than the roikit site (http://127.0.0.1:PORT1), as a
// blog is. Chromium runs the iframes in their own processes (targets), which
// the tests attach to.

// hostRecorder records every message the host page receives from its frames.
const hostRecorder = `window.__msgs = [];
window.addEventListener("message", function (e) {
  window.__msgs.push({data: e.data, frame: Array.from(document.querySelectorAll("iframe")).findIndex(function (f) { return f.contentWindow === e.source; })});
});
`

// wordpressHost is what WordPress does for an oEmbed iframe: a sandboxed
// iframe with #?secret= and a listener that applies {message:"height"}.
const wordpressHost = `(function () {
  var f = document.getElementById("embed");
  window.addEventListener("message", function (e) {
    var d = e.data;
    if (e.source !== f.contentWindow || !d || d.message !== "height" || d.secret !== "abc") return;
    f.height = String(Math.round(d.value));
  });
})();
`

func hostHTML(title, body string, scripts ...string) string {
	var b strings.Builder
	b.WriteString(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>` + title + `</title><link rel="icon" href="data:,"></head><body><main><h1>` + title + `</h1>`)
	b.WriteString(body)
	for _, s := range scripts {
		b.WriteString(`<script src="` + s + `"></script>`)
	}
	b.WriteString(`</main></body></html>`)
	return b.String()
}

// TestEmbed (issue 6 point 7): a calculator embedded on another origin
// (a) as WordPress does, (b) with embed.js, (c) from the oEmbed answer's
// HTML loads, computes, resizes to its content, and the host page shows no
// console error.
func TestEmbed(t *testing.T) {
	hostPages.put("/recorder.js", "text/javascript", hostRecorder)
	hostPages.put("/wordpress.js", "text/javascript", wordpressHost)
	q := url.Values{"baseline_rate": {"0.031"}, "mde": {"0.07"}}
	embedSrc := siteURL("/embed/samplesize/?" + q.Encode())

	t.Run("wordpress", func(t *testing.T) {
		page := hostPages.put("/wordpress.html", "text/html; charset=utf-8", hostHTML("WordPress host",
			`<iframe id="embed" sandbox="allow-scripts" title="Sample size calculator" width="640" height="150" src="`+embedSrc+`#?secret=abc"></iframe>`,
			"/recorder.js", "/wordpress.js"))
		checkEmbed(t, page, "samplesize", q, 150, func(tb *tab) bool {
			return eval[bool](tb, `window.__msgs.some(m => m.data && m.data.message === "height" && m.data.secret === "abc" && m.data.value > 0)`)
		})
	})
	t.Run("embed.js", func(t *testing.T) {
		page := hostPages.put("/embedjs.html", "text/html; charset=utf-8", hostHTML("embed.js host",
			`<iframe data-roikit title="Sample size calculator" width="640" height="150" src="`+embedSrc+`"></iframe>`,
			"/recorder.js", siteURL("/embed.js")))
		checkEmbed(t, page, "samplesize", q, 150, func(tb *tab) bool {
			return eval[bool](tb, `window.__msgs.some(m => m.data && m.data.type === "roikit:height" && m.data.height > 0)`)
		})
	})
	t.Run("oembed", func(t *testing.T) {
		resp, body := fetch(t, "/oembed?url="+url.QueryEscape(siteURL("/calculators/roi/"))+"&format=json")
		if resp.StatusCode != 200 {
			t.Fatalf("GET /oembed: %d %s", resp.StatusCode, body)
		}
		var o struct {
			Type   string `json:"type"`
			HTML   string `json:"html"`
			Height int    `json:"height"`
		}
		if err := json.Unmarshal(body, &o); err != nil || o.Type != "rich" || o.HTML == "" {
			t.Fatalf("oEmbed answer %s: %v", body, err)
		}
		if !strings.Contains(o.HTML, siteURL("/embed/roi/")) {
			t.Fatalf("the oEmbed html does not frame %s: %s", siteURL("/embed/roi/"), o.HTML)
		}
		page := hostPages.put("/oembed.html", "text/html; charset=utf-8", hostHTML("oEmbed host", o.HTML, "/recorder.js", siteURL("/embed.js")))
		checkEmbed(t, page, "roi", nil, o.Height, func(tb *tab) bool {
			return eval[bool](tb, `window.__msgs.some(m => m.data && m.data.type === "roikit:height")`)
		})
	})
}

// checkEmbed opens a host page with one roikit iframe and checks it.
func checkEmbed(t *testing.T, page, name string, q url.Values, initial int, gotMessage func(*tab) bool) {
	c, _ := calc.Lookup(name)
	tb := newTab(t)
	tb.origins = append(tb.origins, hostOrigin)
	tb.navigate(page)

	frame := attachFrame(t, tb, siteURL("/embed/"+name+"/"))
	frame.waitLive()
	w := frame.widget(primary)
	req := expectedRequest(t, c, w.Request, q)
	resp, status := coreRun(t, name, req)
	if status != calc.StatusOK {
		t.Fatalf("the core rejects %v: %v", req, resp)
	}
	compareFields(t, "embedded "+name, frame.fields(primary), resp)

	deadline := time.Now().Add(30 * time.Second)
	for !gotMessage(tb) {
		if time.Now().After(deadline) {
			t.Fatalf("the host page received no height message; it got %s", eval[string](tb, "JSON.stringify(window.__msgs)"))
		}
		time.Sleep(50 * time.Millisecond)
	}
	// The iframe's height follows its content, within a few pixels.
	var frameH, contentH float64
	for {
		frameH = eval[float64](tb, `document.querySelector("iframe").clientHeight`) // without its border
		// The content's height: the root's box, the body's box with its
		// overflow, and the margins that collapse through the bottom of
		// the last rendered descendants (document.documentElement.scrollHeight
		// cannot tell: it is never less than the viewport, so a frame that
		// is too tall would look right).
		contentH = eval[float64](frame, `(() => {
		  const b = document.body;
		  let bottom = Math.max(document.documentElement.getBoundingClientRect().bottom, b.getBoundingClientRect().top + b.scrollHeight);
		  let el = b;
		  while (el) {
		    bottom = Math.max(bottom, el.getBoundingClientRect().bottom + parseFloat(getComputedStyle(el).marginBottom));
		    let next = el.lastElementChild;
		    while (next && next.getClientRects().length === 0) next = next.previousElementSibling;
		    el = next;
		  }
		  return Math.ceil(bottom + window.scrollY); })()`)
		if math.Abs(frameH-contentH) <= 4 && math.Abs(frameH-float64(initial)) > 4 {
			break
		}
		if time.Now().After(deadline) {
			t.Logf("measures: %s", eval[string](frame, `JSON.stringify({sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, iw: innerWidth, ch: document.documentElement.clientHeight, sh: document.documentElement.scrollHeight, ih: innerHeight, bsh: document.body.scrollHeight, btop: document.body.getBoundingClientRect().top, bmb: getComputedStyle(document.body).marginBottom, hrect: document.documentElement.getBoundingClientRect().height, last: Array.from(document.body.children).map(e => e.tagName + "." + e.className + ":" + Math.round(e.getBoundingClientRect().bottom) + "/" + getComputedStyle(e).marginBottom)})`))
			t.Fatalf("the iframe is %.0f px high (initially %d), its content %.0f px", frameH, initial, contentH)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if sb := eval[bool](frame, `document.documentElement.scrollHeight > window.innerHeight + 1`); sb {
		t.Errorf("the embedded page scrolls: scrollHeight %v, innerHeight %v",
			eval[float64](frame, "document.documentElement.scrollHeight"), eval[float64](frame, "window.innerHeight"))
	}
	t.Logf("%s: iframe %.0f px (initially %d), content %.0f px", name, frameH, initial, contentH)
}

// attachFrame finds the cross-site iframe target whose URL starts with
// prefix and attaches to it; its console errors count as the test's.
func attachFrame(t *testing.T, host *tab, prefix string) *tab {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		infos, err := chromedp.Targets(host.ctx)
		if err != nil {
			t.Fatalf("listing targets: %v", err)
		}
		for _, info := range infos {
			if info.Type == "iframe" && strings.HasPrefix(info.URL, prefix) {
				ctx, cancel := chromedp.NewContext(host.ctx, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
				console := chromedp.Console(ctx)
				if err := chromedp.Do(ctx); err != nil {
					cancel()
					t.Fatalf("attaching to the iframe %s: %v", info.URL, err)
				}
				go func() {
					for m, err := range console {
						if err != nil {
							return
						}
						if m.Type == chromedp.ConsoleError || m.Type == chromedp.ConsoleException {
							host.report(fmt.Sprintf("iframe console %s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
						}
					}
				}()
				t.Cleanup(cancel)
				return &tab{t: t, ctx: ctx}
			}
		}
		if time.Now().After(deadline) {
			var urls []string
			for _, info := range infos {
				urls = append(urls, string(info.Type)+" "+info.URL)
			}
			t.Fatalf("no iframe target at %s; targets: %v", prefix, urls)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestEmbedFirstHeight (issue 17 point 2): after a forced reload, every
// height an embed posts is within 10 % of its final height: the first one
// is measured once the page is laid out (a reloaded embed used to post its
// unstyled height first, 40,175 px for roi).
func TestEmbedFirstHeight(t *testing.T) {
	hostPages.put("/recorder.js", "text/javascript", hostRecorder)
	names := []string{"roi", "samplesize"}
	var frames strings.Builder
	for _, name := range names {
		frames.WriteString(`<iframe data-roikit title="` + name + `" width="640" height="150" src="` + siteURL("/embed/"+name+"/") + `#?secret=s` + name + `"></iframe>`)
	}
	host := hostPages.put("/reload.html", "text/html; charset=utf-8", hostHTML("Reload host", frames.String(), "/recorder.js", siteURL("/embed.js")))
	tb := newTab(t)
	tb.origins = append(tb.origins, hostOrigin)
	tb.navigate(host)
	settled := func() {
		// The heights each frame posted, once none came for 1.5 s.
		deadline := time.Now().Add(40 * time.Second)
		n, since := -1, time.Now()
		for time.Since(since) < 1500*time.Millisecond || n == 0 {
			if time.Now().After(deadline) {
				t.Fatalf("the heights did not settle: %s", eval[string](tb, "JSON.stringify(window.__msgs)"))
			}
			if m := eval[int](tb, "window.__msgs.length"); m != n {
				n, since = m, time.Now()
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	settled()
	if _, err := chromedp.Call(tb.ctx, page.Reload, page.ReloadParams{IgnoreCache: new(true)}); err != nil {
		t.Fatalf("reloading: %v", err)
	}
	for !eval[bool](tb, `document.readyState === "complete" && Array.isArray(window.__msgs)`) {
		time.Sleep(50 * time.Millisecond)
	}
	settled()
	for i, name := range names {
		heights := eval[[]float64](tb, fmt.Sprintf(`window.__msgs.filter(m => m.frame === %d && m.data && m.data.type === "roikit:height").map(m => m.data.height)`, i))
		wp := eval[[]float64](tb, fmt.Sprintf(`window.__msgs.filter(m => m.frame === %d && m.data && m.data.message === "height" && m.data.secret === "s%s").map(m => m.data.value)`, i, name))
		if len(heights) == 0 || len(wp) != len(heights) {
			t.Fatalf("%s: heights %v, WordPress's %v", name, heights, wp)
		}
		final := heights[len(heights)-1]
		frame := attachFrame(t, tb, siteURL("/embed/"+name+"/"))
		content := eval[float64](frame, `Math.ceil(document.documentElement.getBoundingClientRect().height)`)
		if math.Abs(final-content) > 4 {
			t.Errorf("%s: the last height is %.0f px, the content %.0f px", name, final, content)
		}
		for _, h := range heights {
			if math.Abs(h-final) > 0.1*final {
				t.Errorf("%s: a height of %.0f px, the final one %.0f px (all: %v)", name, h, final, heights)
			}
		}
		t.Logf("%s after a forced reload: heights %v", name, heights)
	}
}
