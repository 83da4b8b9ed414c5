//go:build browser

package browser_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestEmbedThisPanel checks issue 6, point 3: the calculator page's "Embed
// this" panel shows a preview with the current inputs and options, and a
// snippet to copy: an iframe with a title, loading="lazy", data-roikit and
// the current inputs in its src, plus the embed.js line.
func TestEmbedThisPanel(t *testing.T) {
	tb := newTab(t)
	tb.navigate(siteURL("/calculators/samplesize/?baseline_rate=0.03&mde=0.2"))
	tb.waitLive()

	// Open the panel and choose the dark theme.
	eval[bool](tb, `(() => {
	  const p = document.querySelector("details[data-embed-for=samplesize]");
	  p.open = true;
	  const theme = p.querySelector("[data-embed-option=theme]");
	  theme.value = "dark";
	  theme.dispatchEvent(new Event("change", {bubbles: true}));
	  return true;
	})()`)
	snippet := poll[string](tb, "the snippet with the dark theme", 20*time.Second, `function () {
	  const s = document.querySelector("details[data-embed-for=samplesize] [data-role=embed-snippet]");
	  return s && s.value.includes("theme=dark") ? s.value : false;
	}`)
	iframe := regexp.MustCompile(`<iframe[^>]*>`).FindString(snippet)
	if iframe == "" {
		t.Fatalf("the snippet has no iframe: %s", snippet)
	}
	for _, want := range []string{`title="`, `loading="lazy"`, `data-roikit`} {
		if !strings.Contains(iframe, want) {
			t.Errorf("the snippet's iframe lacks %s: %s", want, iframe)
		}
	}
	if !regexp.MustCompile(`<script src="[^"]*/embed\.js" async></script>`).MatchString(snippet) {
		t.Errorf("the snippet lacks the embed.js line: %s", snippet)
	}
	src := regexp.MustCompile(`src="([^"]*)"`).FindStringSubmatch(iframe)
	u, err := url.Parse(strings.ReplaceAll(src[1], "&amp;", "&"))
	if err != nil || !strings.HasSuffix(u.Path, "/embed/samplesize/") {
		t.Fatalf("the snippet's iframe src is not the embed page: %q", src[1])
	}
	q := u.Query()
	if q.Get("baseline_rate") != "0.03" || q.Get("mde") != "0.2" || q.Get("theme") != "dark" {
		t.Errorf("the snippet's iframe src does not carry the inputs and options: %s", u)
	}

	// The preview is the same embed page, loaded in the panel.
	preview := poll[string](tb, "the preview iframe", 20*time.Second, `function () {
	  const f = document.querySelector("details[data-embed-for=samplesize] [data-role=embed-preview] iframe, details[data-embed-for=samplesize] iframe[data-role=embed-preview]");
	  return f && f.getAttribute("src") ? f.getAttribute("src") : false;
	}`)
	pu, err := url.Parse(preview)
	if err != nil || !strings.HasSuffix(pu.Path, "/embed/samplesize/") || pu.Query().Get("baseline_rate") != "0.03" || pu.Query().Get("theme") != "dark" {
		t.Errorf("the preview shows %q, not the embed page with the current inputs", preview)
	}
	// The preview is same-origin: read its document from the page.
	theme := poll[string](tb, "the preview computing live", 30*time.Second, `function () {
	  const f = document.querySelector("details[data-embed-for=samplesize] iframe");
	  const d = f && f.contentDocument;
	  const s = d && d.querySelector("section.calc[data-primary]");
	  return s && s.dataset.state === "live" && Number(s.dataset.runs) >= 1 ? (d.documentElement.dataset.theme || "none") : false;
	}`)
	if theme != "dark" {
		t.Errorf("the preview's theme is %q, want dark", theme)
	}

	// Changing an input updates the snippet.
	eval[bool](tb, `(() => {
	  const i = document.querySelector("section.calc[data-primary] [data-input=mde]");
	  i.value = "30"; // percent: the contract's 0.3
	  i.dispatchEvent(new Event("input", {bubbles: true}));
	  return true;
	})()`)
	poll[bool](tb, "the snippet following the inputs", 20*time.Second, `function () {
	  const s = document.querySelector("details[data-embed-for=samplesize] [data-role=embed-snippet]");
	  return s.value.includes("mde=0.3");
	}`)
}
