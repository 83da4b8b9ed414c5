package api

import (
	"encoding/json"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/roikit/roikit/calc"
)

// WordPress's handling of an oEmbed answer's html (WordPress 6.1,
// wp-includes/embed.php, as documented in its developer reference for
// wp_filter_oembed_result and wp_maybe_enqueue_oembed_host_js), restated
// here as the facts the test checks, not as WordPress's code:
//   - for a provider it discovered (not registered), WordPress keeps only the
//     elements and attributes below, then takes an optional blockquote and
//     the first iframe after it; without an iframe the embed is dropped;
//   - it loads its resize script, wp-embed, only when the post's embed HTML
//     holds a <blockquote ...> whose attributes name wp-embedded-content
//     (for a discovered provider it adds that class itself; for a registered
//     one the answer must carry it);
//   - WordPress's own post embeds are exactly such a pair: a
//     blockquote.wp-embedded-content with a link to the post, then the iframe.
var wordpressKept = map[string][]string{
	"a":          {"href"},
	"blockquote": {},
	"iframe":     {"src", "width", "height", "frameborder", "marginwidth", "marginheight", "scrolling", "title"},
}

// wpEmbedLoads is the condition under which WordPress enqueues wp-embed.
var wpEmbedLoads = regexp.MustCompile(`<blockquote\s[^>]*?wp-embedded-content`)

// topElements parses an HTML fragment and returns its top-level elements
// (no text but whitespace is allowed between them).
func topElements(t *testing.T, fragment string) []*html.Node {
	t.Helper()
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), body)
	if err != nil {
		t.Fatalf("parsing %s: %v", fragment, err)
	}
	var els []*html.Node
	for _, n := range nodes {
		switch {
		case n.Type == html.ElementNode:
			els = append(els, n)
		case n.Type == html.TextNode && strings.TrimSpace(n.Data) == "":
		default:
			t.Errorf("unexpected top-level node %q in %s", n.Data, fragment)
		}
	}
	return els
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// keptByWordPress drops the elements' attributes WordPress does not keep
// from a discovered provider.
func keptByWordPress(n *html.Node) {
	allowed := wordpressKept[n.Data]
	n.Attr = slices.DeleteFunc(n.Attr, func(a html.Attribute) bool { return !slices.Contains(allowed, a.Key) })
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			keptByWordPress(c)
		}
	}
}

// TestOEmbedHTMLIsWordPressMarkup (issue 17): the oEmbed html is WordPress's
// embed markup, a blockquote.wp-embedded-content linking to the calculator
// page with the pasted query, then the iframe of the embed page; what
// WordPress keeps of it from a discovered provider still has both, and the
// blockquote makes WordPress load its resize script.
func TestOEmbedHTMLIsWordPressMarkup(t *testing.T) {
	for _, tt := range []struct {
		pasted, page, frame string
		max, want           [2]int // maxwidth, maxheight asked; width, height answered
	}{
		// No maximum: the calculator's own initial height (internal/present).
		{site + "/calculators/roi/", site + "/calculators/roi/", site + "/embed/roi/", [2]int{}, [2]int{640, 1200}},
		// WordPress's default for a theme without $content_width: 500 px
		// wide, 1.5 times that high.
		{site + "/calculators/samplesize/?mde=0.2&theme=dark", site + "/calculators/samplesize/?mde=0.2&theme=dark",
			site + "/embed/samplesize/?mde=0.2&theme=dark", [2]int{500, 750}, [2]int{500, 750}},
		{site + "/embed/clv/?currency=EUR", site + "/calculators/clv/?currency=EUR", site + "/embed/clv/?currency=EUR", [2]int{900, 1000}, [2]int{640, 760}},
		// An accent that is no colour stays in the link (the page ignores
		// it) but not in the frame's address.
		{site + "/calculators/roi/?accent=url(x)", site + "/calculators/roi/?accent=url%28x%29", site + "/embed/roi/", [2]int{640, 1000}, [2]int{640, 1000}},
	} {
		t.Run(tt.pasted, func(t *testing.T) {
			q := url.Values{"url": {tt.pasted}, "format": {"json"}}
			if tt.max[0] > 0 {
				q.Set("maxwidth", strconv.Itoa(tt.max[0]))
				q.Set("maxheight", strconv.Itoa(tt.max[1]))
			}
			r := do(t, "GET", "/oembed?"+q.Encode(), "")
			var got oembedResponse
			if err := json.Unmarshal([]byte(readBody(t, r)), &got); err != nil || r.StatusCode != 200 {
				t.Fatalf("%d %v", r.StatusCode, err)
			}
			if !wpEmbedLoads.MatchString(got.HTML) {
				t.Errorf("WordPress would not load wp-embed for %s", got.HTML)
			}
			els := topElements(t, got.HTML)
			if len(els) != 2 || els[0].Data != "blockquote" || els[1].Data != "iframe" {
				t.Fatalf("want a blockquote then an iframe: %s", got.HTML)
			}
			bq, frame := els[0], els[1]
			if class, _ := attr(bq, "class"); !slices.Contains(strings.Fields(class), "wp-embedded-content") {
				t.Errorf("blockquote class %q", class)
			}
			link := bq.FirstChild
			if link == nil || link.Data != "a" || link.NextSibling != nil {
				t.Fatalf("the blockquote holds one link: %s", got.HTML)
			}
			c, _ := calc.Lookup(strings.Split(strings.TrimPrefix(tt.frame, site+"/embed/"), "/")[0])
			if href, _ := attr(link, "href"); href != tt.page || link.FirstChild == nil || link.FirstChild.Data != c.Title+" · roikit" {
				t.Errorf("link %q %q, want %q", href, link.FirstChild.Data, tt.page)
			}
			if got.Width != tt.want[0] || got.Height != tt.want[1] {
				t.Errorf("size %dx%d, want %v", got.Width, got.Height, tt.want)
			}
			// What WordPress keeps from a discovered provider.
			keptByWordPress(bq)
			keptByWordPress(frame)
			want := map[string]string{"src": tt.frame, "title": c.Title + " · roikit",
				"width": strconv.Itoa(tt.want[0]), "height": strconv.Itoa(tt.want[1])}
			for k, v := range want {
				if a, ok := attr(frame, k); !ok || a != v {
					t.Errorf("kept iframe %s = %q, want %q", k, a, v)
				}
			}
			if href, _ := attr(bq.FirstChild, "href"); href != tt.page {
				t.Errorf("kept link %q", href)
			}
		})
	}
}
