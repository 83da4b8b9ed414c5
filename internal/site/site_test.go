package site

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

// fixture writes a small site: the real templates and styles of site/, the
// given content files, and stand-in built assets.
func fixture(t testing.TB, files map[string]string) Options {
	t.Helper()
	dir := t.TempDir()
	assets := filepath.Join(dir, "assets")
	if err := os.MkdirAll(assets, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range RequiredAssets {
		if err := os.WriteFile(filepath.Join(assets, name), []byte("/* "+name+" */"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for name, text := range files {
		p := filepath.Join(dir, "content", filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Options{ContentDir: filepath.Join(dir, "content"), SiteDir: "../../site", AssetsDir: assets,
		OutDir: filepath.Join(dir, "public"), BaseURL: "https://example.org"}
}

const okGuide = `---
title: "A guide"
description: "What it says."
weight: 1
reviewed: 2026-11-22
---

## Plan

It needs {{plan.n_control|int}} visitors, {{plan.relative_mde|pct}} lift, {{plan.days}} days.

` + "```calc plan\nsamplesize baseline_rate=0.05 mde=0.1\ndaily_visitors=5000\n```\n"

func read(t *testing.T, opts Options, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(opts.OutDir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestBuildSmallSite(t *testing.T) {
	opts := fixture(t, map[string]string{
		"guides/a.md": okGuide,
		"guides/b.md": "---\ntitle: B\ndescription: The second.\nweight: 2\n---\n\nBack to [the plan](/guides/a/#plan).\n\n```calc x hidden\nclv average_order_value=10 purchases_per_year=2 lifespan_years=3\n```\n\nWorth {{x.clv|money}}.\n",
		"docs/api.md": "---\ntitle: API\n---\n\n## Fields\n\n{{fields samplesize}}\n\n{{outputs samplesize}}\n",
	})
	st, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("built %d pages, %d files in %v", st.Pages, st.Files, st.Duration)
	a := read(t, opts, "guides/a/index.html")
	for _, want := range []string{
		`<span data-field="n_control" data-format="int" data-value="31234" data-calc-ref="plan">31,234</span>`,
		`data-value="0.10000000000000002" data-calc-ref="plan">10%</span>`,
		`<span data-field="days" data-format="plain" data-value="13" data-calc-ref="plan">13</span>`,
		`<section class="calc" id="calc-plan" data-calc="samplesize" data-calc-id="plan" data-state="static" data-runs="0" data-calc-page="https://example.org/calculators/samplesize/" data-request="{&#34;baseline_rate&#34;:0.05,&#34;mde&#34;:0.1,&#34;daily_visitors&#34;:5000}"`,
		`<h3 id="calc-plan-title">`, // below the guide's h2
		`data-scale="100" value="5"`,
		`<link rel="canonical" href="https://example.org/guides/a/">`,
		`<a class="pager__next" href="/guides/b/" rel="next">`,
		`Last reviewed <time datetime="2026-11-22">2026-11-22</time>`,
		`1 min read`,
		`<strong><span class="value" data-field="n_per_treatment" data-format="int" data-value="31234">31,234</span></strong> visitors per variant`,
	} {
		if !strings.Contains(a, want) {
			t.Errorf("guide a lacks %s", want)
		}
	}
	if strings.Contains(a, "data-primary") {
		t.Error("a guide's widget is never primary")
	}
	if strings.Contains(a, "A/B test sample size and duration: plan") {
		t.Error("a single widget of a calculator keeps the plain title")
	}
	b := read(t, opts, "guides/b/index.html")
	if !strings.Contains(b, `data-value="60" data-calc-ref="x">$60</span>`) || strings.Contains(b, `class="calc"`) {
		t.Errorf("hidden block: value shown, no widget: %s", b[strings.Index(b, "<main"):])
	}
	docs := read(t, opts, "docs/api/index.html")
	if !strings.Contains(docs, `<code>baseline_rate</code>`) || !strings.Contains(docs, `<code>n_control</code>`) {
		t.Error("docs: spec tables")
	}
	// No calculator page has its content file here: each says it is coming.
	if s := read(t, opts, "calculators/roi/index.html"); !strings.Contains(s, "being added") {
		t.Error("calculator page without content")
	}
	if s := read(t, opts, "sitemap.xml"); !strings.Contains(s, "<loc>https://example.org/guides/b/</loc>") || strings.Contains(s, "404") {
		t.Errorf("sitemap: %s", s)
	}
	if s := read(t, opts, "robots.txt"); !strings.Contains(s, "Sitemap: https://example.org/sitemap.xml") {
		t.Error("robots.txt")
	}
	if s := read(t, opts, "embed.js"); s != "/* embed.js */" {
		t.Error("embed.js is copied unhashed")
	}
	if s := read(t, opts, "index.html"); !strings.Contains(s, "<style>") || blocksRendering(s) || !strings.Contains(s, `href="/assets/deferred.`) {
		t.Error("the stylesheet is inlined and the deferred one linked for print")
	}
}

// stylesheetLink matches a page's <link rel="stylesheet"> elements.
var stylesheetLink = regexp.MustCompile(`<link rel="stylesheet"[^>]*>`)

// blocksRendering reports whether a page links a stylesheet that blocks its
// first paint: every linked stylesheet must be the deferred one, linked with
// media="print" (deferredstyles.js applies it to every medium later).
func blocksRendering(page string) bool {
	for _, link := range stylesheetLink.FindAllString(page, -1) {
		if !strings.Contains(link, `media="print"`) || !strings.Contains(link, "data-deferred-styles") {
			return true
		}
	}
	return false
}

func TestCalculatorAndEmbedPages(t *testing.T) {
	opts := fixture(t, map[string]string{
		"guides/a.md":               okGuide,
		"calculators/samplesize.md": "---\ntitle: Sample size\ndescription: How many.\nrequest:\n  mde: 0.1\n  baseline_rate: 0.03\n---\n\n## Method\n\n```text\nn = ...\n```\n",
	})
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	p := read(t, opts, "calculators/samplesize/index.html")
	for _, want := range []string{
		`data-primary data-request="{&#34;baseline_rate&#34;:0.03,&#34;mde&#34;:0.1}"`, // in field order
		`<select class="select select--inline" id="locale-setting" data-setting="locale">`,
		`<link rel="alternate" type="application/json+oembed" href="https://example.org/oembed?url=https%3A%2F%2Fexample.org%2Fcalculators%2Fsamplesize%2F&amp;format=json"`,
		`<details class="embed-this" data-embed-for="samplesize">`,
		`data-embed-option="theme"`, `data-role="embed-preview"`, `data-action="copy-snippet"`,
		`&lt;iframe src=&#34;https://example.org/embed/samplesize/&#34;`,
		`&lt;script src=&#34;https://example.org/embed.js&#34; async&gt;&lt;/script&gt;`,
		`<pre tabindex="0">`,
		`id="roikit-app" data-wasm="/assets/roikit.`,
		`<div class="field" data-field-wrap="baseline_mean" data-show-when="metric=mean" hidden>`,
		`<details class="advanced">`,
	} {
		if !strings.Contains(p, want) {
			t.Errorf("calculator page lacks %s", want)
		}
	}
	// The currency picker only where money is: samplesize has none.
	if strings.Contains(p, `id="currency-setting"`) {
		t.Errorf("the samplesize page offers a currency, but nothing on it is money")
	}
	e := read(t, opts, "embed/samplesize/index.html")
	if !strings.Contains(e, `<body class="embed">`) || strings.Contains(e, `class="site-header"`) || !strings.Contains(e, `href="/calculators/samplesize/"`) ||
		!strings.Contains(e, "data-primary") || !strings.Contains(e, "application/json+oembed") || !strings.Contains(e, `<h1 id="calc-samplesize-title">`) {
		t.Error("embed page")
	}
}

// TestBuildErrors checks that each problem fails the build with its file
// and line.
func TestBuildErrors(t *testing.T) {
	guide := func(body string) map[string]string {
		return map[string]string{"guides/g.md": "---\ntitle: G\ndescription: D.\n---\n\n" + body}
	}
	block := "```calc a\nsamplesize baseline_rate=0.05 mde=0.1\n```\n"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unknown calculator", guide("```calc a\nsamplesise mde=0.1\n```\n"), `g.md:6: calc a (samplesise): there is no calculator "samplesise"`},
		{"unknown field", guide("```calc a\nsamplesize baseline_rate=0.05 mde=0.1\nbaseline=1\n```\n"), `g.md:8: calc a (samplesize): "baseline" is not a field of the samplesize calculator.`},
		{"invalid value", guide("```calc a\nsamplesize baseline_rate=5 mde=0.1\n```\n"), `g.md:7: calc a (samplesize): Baseline conversion rate must be greater than 0 % and less than 100 %`},
		{"unknown id", guide(block + "\n{{b.days}}\n"), `g.md:10: {{b.days|plain}}: no calc block "b" on this page`},
		{"unknown path", guide(block + "\n{{a.dayz|int}}\n"), `g.md:10: {{a.dayz|int}}: "the response" has no "dayz"`},
		{"unknown format", guide(block + "\n{{a.n_control|percent}}\n"), `g.md:10: {{a.n_control|percent}}: unknown format "percent"`},
		{"not a value", guide(block + "\n{{a.warnings|int}}\n"), `g.md:10: {{a.warnings|int}}: warnings is not a single value`},
		{"broken link", guide(block + "\nSee [x](/guides/nope/).\n"), `g.md:10: link /guides/nope/ points at no page of the site`},
		{"broken anchor", guide(block + "\n## Here\n\nSee [x](#there) and [y](/guides/g/#here).\n"), `g.md:12: link #there points at #there, which is not an id of /guides/g/`},
		{"duplicate id", guide(block + "\n## Widget {#calc-a}\n"), `g.md (/guides/g/): the id "calc-a" is used twice`},
		{"no slash", guide(block + "\nSee [x](/guides)\n"), `link /guides misses its trailing slash`},
		{"no title", map[string]string{"guides/g.md": "---\ndescription: D.\n---\n\n" + block}, `g.md:1: the guide has no title`},
		{"no description", map[string]string{"guides/g.md": "---\ntitle: T\n---\n\n" + block}, `g.md:1: the guide has no description`},
		{"no calculator", guide("Just words.\n"), `g.md:1: the guide has no ` + "```calc block"},
		{"bad front matter", map[string]string{"guides/g.md": "---\ntitle: T\nauthor: me\n---\n"}, `field author not found`},
		{"bad request", map[string]string{"guides/g.md": "---\ntitle: G\ndescription: D.\n---\n\n" + block, "calculators/roi.md": "---\ntitle: R\nrequest:\n  monthly_visitors: -1\n---\n"}, `roi.md:1: request monthly_visitors: Visitors per month must be`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Build(fixture(t, tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

func TestBuildRefuses(t *testing.T) {
	opts := fixture(t, map[string]string{"guides/a.md": okGuide})
	for _, base := range []string{"", "/", "example.org", "ftp://example.org", "https://"} {
		o := opts
		o.BaseURL = base
		if _, err := Build(o); err == nil || !strings.Contains(err.Error(), "absolute http(s)") {
			t.Errorf("base URL %q: %v", base, err)
		}
	}
	if err := os.Remove(filepath.Join(opts.AssetsDir, "roikit.wasm")); err != nil {
		t.Fatal(err)
	}
	_, err := Build(opts)
	if err == nil || !strings.Contains(err.Error(), "roikit.wasm") || !strings.Contains(err.Error(), "make wasm assets") {
		t.Errorf("missing asset: %v", err)
	}
}

// TestRealSite builds the real content/ and checks every page.
func TestRealSite(t *testing.T) {
	opts := fixture(t, nil)
	opts.ContentDir = "../../content"
	st, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("real site: %d pages, %d files, %.0f KB in %v", st.Pages, st.Files, float64(st.Bytes)/1024, st.Duration)

	guides, _ := filepath.Glob(filepath.Join(opts.OutDir, "guides", "*", "index.html"))
	if len(guides) != 14 {
		t.Errorf("%d guide pages, want 14", len(guides))
	}
	pages := htmlFiles(t, opts.OutDir)
	if len(pages) != st.Pages {
		t.Errorf("%d html files, stats say %d", len(pages), st.Pages)
	}
	for name, doc := range pages {
		for _, want := range []string{`<link rel="canonical" href="https://example.org/`, `<meta name="description" content="`, `<meta property="og:title"`, `<meta property="og:url"`, `<title>`} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s lacks %s", name, want)
			}
		}
		for _, bad := range []string{"NaN", "Infinity", "undefined", `style="`} {
			if strings.Contains(stripSnippet(doc), bad) {
				t.Errorf("%s contains %q", name, bad)
			}
		}
		if regexp.MustCompile(`<script(?: [^>]*)?>[^<]`).MatchString(stripJSON(doc)) {
			t.Errorf("%s has an inline script", name)
		}
	}
	checkWidgets(t, pages)
	for _, c := range calc.Calculators() {
		if _, ok := pages["calculators/"+c.Name+"/index.html"]; !ok {
			t.Errorf("no page for calculator %s", c.Name)
		}
	}

	// Deterministic: a second build is byte-identical.
	opts2 := opts
	opts2.OutDir = opts.OutDir + "2"
	if _, err := Build(opts2); err != nil {
		t.Fatal(err)
	}
	compareTrees(t, opts.OutDir, opts2.OutDir)
}

// stripSnippet drops the embed snippet's textarea, whose iframe is meant for
// other sites and carries a style attribute as text.
func stripSnippet(doc string) string {
	return regexp.MustCompile(`(?s)<textarea[^>]*data-role="embed-snippet".*?</textarea>`).ReplaceAllString(doc, "")
}

func stripJSON(doc string) string {
	return regexp.MustCompile(`(?s)<script type="application/json"[^>]*>.*?</script>`).ReplaceAllString(doc, "")
}

func htmlFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func compareTrees(t *testing.T, a, b string) {
	t.Helper()
	n := 0
	err := filepath.WalkDir(a, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(a, p)
		x, _ := os.ReadFile(p)
		y, err := os.ReadFile(filepath.Join(b, rel))
		if err != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds", rel)
		}
		n++
		return nil
	})
	if err != nil || n == 0 {
		t.Fatalf("compared %d files: %v", n, err)
	}
}

// BenchmarkBuild builds the real site; `go test -bench Build ./internal/site`
// prints the time per build (the budget is well under a second).
func BenchmarkBuild(b *testing.B) {
	opts := fixture(b, nil)
	opts.ContentDir = "../../content"
	for b.Loop() {
		if _, err := Build(opts); err != nil {
			b.Fatal(err)
		}
	}
}

// TestTwoWidgets: two widgets of one calculator get different names.
func TestTwoWidgets(t *testing.T) {
	opts := fixture(t, map[string]string{
		"guides/a.md": okGuide + "\n```calc plan-b\nsamplesize baseline_rate=0.05 mde=0.2\n```\n",
	})
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	a := read(t, opts, "guides/a/index.html")
	for _, want := range []string{`<h3 id="calc-plan-title">A/B test sample size and duration: plan</h3>`, `<h3 id="calc-plan-b-title">A/B test sample size and duration: plan b</h3>`} {
		if !strings.Contains(a, want) {
			t.Errorf("lacks %s", want)
		}
	}
}

// TestTables: markdown tables scroll in named, focusable regions.
func TestTables(t *testing.T) {
	opts := fixture(t, map[string]string{
		"guides/a.md": okGuide + "\n| a | b |\n|---|---|\n| 1 | 2 |\n\n| c |\n|---|\n| 3 |\n",
	})
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	a := read(t, opts, "guides/a/index.html")
	for _, want := range []string{`aria-label="Table 1"><table>`, `aria-label="Table 2"><table>`, "</table></div>"} {
		if !strings.Contains(a, want) {
			t.Errorf("lacks %s", want)
		}
	}
}

func TestCompactCSS(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"a {\n  color: red;\n  margin: 0 auto;\n}\n", "a{color: red;margin: 0 auto}"},
		{"/* note */\n@media print {\n  .x, .y { display: none; }\n}\n", "@media print{.x, .y{display: none}}"},
		{".a > .b::after { content: \" \\25BC\" / \"\"; }", ".a > .b::after{content: \" \\25BC\" / \"\"}"},
		{"a:hover  b { top: calc(1px + 2px) }", "a:hover b{top: calc(1px + 2px)}"},
	} {
		if got := compactCSS(tc.in); got != tc.want {
			t.Errorf("compactCSS(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
