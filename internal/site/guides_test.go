package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/roikit/roikit/calc"
)

// The guides' editorial rules (issue 16's acceptance), checked on the built
// pages of the real content:
//   - no figure renders as "—": a null (a payback that never comes, say) is
//     written in words, "none within 36 months";
//   - differences of two rates are written in percentage points: every
//     absolute_lift... figure uses the points format, and no "pts";
//   - every dollar figure follows one rule: "$" then digits grouped by
//     commas, either whole dollars or exactly two decimals ($2.50), or a
//     compact "$186k", "$1.2M", "$41.5 million";
//   - for bloggers (checkBlogger): every guide has a byline and a
//     key-takeaways box, link text that stands alone (not "here", "row 30",
//     "S3"), and the glossary defines the terms the guides use;
//   - traffic is counted in visitors ("200,000 sessions" is not written),
//     and no difference of rates is written "pp" or "% points";
//   - the business-case guide carries the fully loaded scenario (people and a
//     12-month ramp beside the base case), its figures from the calculator,
//     labeled as fictional.

// figureSpanRe matches an inline figure of a guide (FRONTEND.md).
// Groups: field, format, ref, text.
var figureSpanRe = regexp.MustCompile(`<span data-field="([^"]*)" data-format="([^"]*)" data-value="[^"]*" data-calc-ref="([^"]*)">([^<]*)</span>`)

// guideProse is a built guide's running text: the text of its main element
// without the calculator widgets (section.calc) or scripts, one line per
// block element.
func guideProse(t *testing.T, doc string) string {
	t.Helper()
	root, err := xhtml.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	inMain := false
	var walk func(n *xhtml.Node)
	walk = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			switch {
			case n.Data == "script", n.Data == "section" && hasClass(n, "calc"):
				return
			case n.Data == "main":
				inMain = true
				defer func() { inMain = false }()
			}
			switch n.Data {
			case "p", "li", "h1", "h2", "h3", "h4", "td", "th", "tr", "dt", "dd", "div", "figcaption":
				defer out.WriteString("\n")
			}
		}
		if n.Type == xhtml.TextNode && inMain {
			out.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out.String()
}

var (
	// loneDashRe: an em dash standing alone, where a number would be
	// ("month —"); dashes inside a quoted title ("right—or wrong") touch letters.
	loneDashRe = regexp.MustCompile(`(^|[\s(:])—($|[\s).,;:])`)
	ptsRe      = regexp.MustCompile(`\d\s*pts\b`)
	// ppRe: other spellings of percentage points ("0.2pp", "0.2 p.p.", "0.2% points").
	ppRe = regexp.MustCompile(`\d\s*(?:pp\b|p\.p\.|%\s*points\b|percent points\b)`)
	// sessionsRe: traffic counted in sessions; the guides and calculators say visitors.
	sessionsRe = regexp.MustCompile(`\d[\d,]*\s+sessions\b`)
	// vagueLinkRe: link text that means nothing out of context.
	vagueLinkRe = regexp.MustCompile(`(?i)^(?:here|click here|this|this page|link|read more|more|row \d+|s\d)$`)
	// dollarRe takes a whole dollar figure; dollarOKRe is the formatting rule.
	dollarRe   = regexp.MustCompile(`\$[0-9][0-9.,]*(?:k|M|B| million| billion| trillion)?`)
	dollarOKRe = regexp.MustCompile(`^\$(?:[1-9][0-9]{0,2}(?:,[0-9]{3})*|0)(?:\.[0-9]{2})?(?:k|M|B)?$|^\$[0-9]{1,3}(?:\.[0-9])? (?:million|billion|trillion)$|^\$[0-9]+(?:\.[0-9])?M$`)
)

func TestGuideProse(t *testing.T) {
	opts := fixture(t, nil)
	opts.ContentDir = "../../content"
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	pages, _ := filepath.Glob(filepath.Join(opts.OutDir, "guides", "*", "index.html"))
	if len(pages) < 14 {
		t.Fatalf("%d guide pages, want 14 or more", len(pages))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		doc := string(b)
		name := filepath.Base(filepath.Dir(p))
		for _, m := range figureSpanRe.FindAllStringSubmatch(doc, -1) {
			field, format, ref, text := m[1], m[2], m[3], html.UnescapeString(m[4])
			if text == nullText {
				t.Errorf("%s: {{%s.%s}} is null and shows %q: write it in words (\"none within 36 months\")", name, ref, field, text)
			}
			if strings.HasPrefix(field, "absolute_lift") && format != "points" {
				t.Errorf("%s: {{%s.%s|%s}} is a difference of rates: use the points format", name, ref, field, format)
			}
		}
		prose := guideProse(t, doc)
		for _, line := range strings.Split(prose, "\n") {
			if loneDashRe.MatchString(line) {
				t.Errorf("%s: a dash stands where a number is expected: %q", name, strings.TrimSpace(line))
			}
			if ptsRe.MatchString(line) || ppRe.MatchString(line) {
				t.Errorf("%s: write \"percentage points\" or \"points\", not \"pts\", \"pp\" or \"%% points\": %q", name, strings.TrimSpace(line))
			}
			if sessionsRe.MatchString(line) {
				t.Errorf("%s: count traffic in visitors, as the calculators do, not sessions: %q", name, strings.TrimSpace(line))
			}
			for _, d := range dollarRe.FindAllString(line, -1) {
				d = strings.TrimRight(d, ".,")
				if !dollarOKRe.MatchString(d) {
					t.Errorf("%s: %q breaks the dollar format ($1,500, $2.50, $186k, $41.5 million)", name, d)
				}
			}
		}
		checkBlogger(t, name, doc)
	}
	checkGlossary(t, opts)
	checkFullyLoaded(t, opts)
}

// bloggerPending lists the guides another branch is editing (issue 16): they
// get their byline, takeaways and link texts there, and leave this list then.
var bloggerPending = map[string]bool{"ab-test-design": true, "reading-ab-results": true}

var (
	bylineRe    = regexp.MustCompile(`<p class="byline">By [^<]+</p>`)
	takeawaysRe = regexp.MustCompile(`(?s)<aside class="takeaways" aria-labelledby="takeaways-title">\s*<h2 id="takeaways-title"[^>]*>Key takeaways</h2>\s*<ul>(.*?)</ul>`)
	proseLinkRe = regexp.MustCompile(`(?s)<a href="[^"]*"[^>]*>(.*?)</a>`)
	tagRe       = regexp.MustCompile(`<[^>]*>`)
)

// checkBlogger: a built guide has a byline, a key-takeaways box of three or
// more points under its header, and link text in its prose that stands alone.
func checkBlogger(t *testing.T, name, doc string) {
	t.Helper()
	var problems []string
	if !bylineRe.MatchString(doc) {
		problems = append(problems, "no byline (front matter byline:)")
	}
	if m := takeawaysRe.FindStringSubmatch(doc); m == nil || strings.Count(m[1], "<li>") < 3 {
		problems = append(problems, "no key-takeaways box of three or more points (front matter takeaways:)")
	}
	body := doc
	if i := strings.Index(doc, `<div class="prose">`); i >= 0 {
		body = doc[i:]
	}
	for _, m := range proseLinkRe.FindAllStringSubmatch(body, -1) {
		text := strings.TrimSpace(html.UnescapeString(tagRe.ReplaceAllString(m[1], "")))
		if vagueLinkRe.MatchString(text) {
			problems = append(problems, fmt.Sprintf("link text %q does not stand alone: say where it goes", text))
		}
	}
	switch {
	case bloggerPending[name] && len(problems) == 0:
		t.Errorf("%s: has its byline, takeaways and link texts: remove it from bloggerPending", name)
	case !bloggerPending[name]:
		for _, p := range problems {
			t.Errorf("%s: %s", name, p)
		}
	}
}

// checkGlossary: the glossary defines the terms the guides use without
// explaining them (issue 16).
func checkGlossary(t *testing.T, opts Options) {
	t.Helper()
	doc := read(t, opts, "guides/glossary/index.html")
	for _, id := range []string{"composable-and-headless-commerce", "guardrail-metric", "placement", "proof-of-concept",
		"flat-prior", "visitor", "revenue-per-visitor", "shrinkage", "segment-slicing", "tei", "percentage-point"} {
		if !strings.Contains(doc, `id="`+id+`"`) {
			t.Errorf("the glossary has no entry #%s", id)
		}
	}
}

// checkFullyLoaded: the business-case guide's "loaded" block adds costs to
// the "base" block and ramps over 12 months, and every figure the page shows
// from it is what the roi calculator answers for that request.
func checkFullyLoaded(t *testing.T, opts Options) {
	t.Helper()
	src, err := os.ReadFile(filepath.Join(opts.ContentDir, "guides", "business-case.md"))
	if err != nil {
		t.Fatal(err)
	}
	base, loaded := calcBlockRequest(t, src, "base"), calcBlockRequest(t, src, "loaded")
	if !(loaded["monthly_cost"].(float64) > base["monthly_cost"].(float64)) || loaded["ramp_months"] != 12.0 {
		t.Errorf("the fully loaded case %v should cost more a month than the base case %v and ramp over 12 months", loaded, base)
	}
	req, _ := json.Marshal(loaded)
	res := calc.Run("roi", req, calc.Hooks{})
	var want map[string]any
	dec := json.NewDecoder(bytes.NewReader(res.JSON()))
	dec.UseNumber()
	if err := dec.Decode(&want); err != nil {
		t.Fatal(err)
	}
	doc := read(t, opts, "guides/business-case/index.html")
	shown := map[string]bool{}
	for _, m := range figureSpanRe.FindAllStringSubmatch(doc, -1) {
		if m[3] != "loaded" {
			continue
		}
		shown[m[1]] = true
		text, err := FormatValue(want[m[1]], m[2])
		if err != nil {
			t.Fatal(err)
		}
		if html.UnescapeString(m[4]) != text {
			t.Errorf("loaded.%s shows %q, the calculator gives %q", m[1], m[4], text)
		}
	}
	for _, f := range []string{"npv", "roi_per_dollar", "prob_positive_npv", "break_even_lift"} {
		if !shown[f] {
			t.Errorf("the business-case guide does not show the fully loaded case's %s", f)
		}
	}
	prose := guideProse(t, doc)
	if want["payback_month"] == nil {
		if !strings.Contains(prose, "no payback within 36 months") {
			t.Errorf("the fully loaded case never pays back: the guide should say \"no payback within 36 months\"")
		}
	} else if !shown["payback_month"] {
		t.Errorf("the business-case guide does not show the fully loaded case's payback month")
	}
	i := strings.LastIndex(prose, "The fully loaded case\n") // the heading, after the table of contents
	if i < 0 || !strings.Contains(prose[i:min(len(prose), i+600)], "fictional") {
		t.Errorf("the fully loaded case's section should say, near its start, that the retailer is fictional")
	}
}

// calcBlockRequest reads the request of the calc block with the given id
// from a guide's markdown (numbers only, as the roi blocks are written).
func calcBlockRequest(t *testing.T, src []byte, id string) map[string]any {
	t.Helper()
	m := regexp.MustCompile("(?s)```calc " + regexp.QuoteMeta(id) + "(?: hidden)?\n[a-z]+ (.*?)```").FindSubmatch(src)
	if m == nil {
		t.Fatalf("no calc block %q", id)
	}
	req := map[string]any{}
	for _, kv := range strings.Fields(string(m[1])) {
		k, v, ok := strings.Cut(kv, "=")
		var x float64
		if !ok || json.Unmarshal([]byte(v), &x) != nil {
			t.Fatalf("calc block %q: %q is not field=number", id, kv)
		}
		req[k] = x
	}
	return req
}
