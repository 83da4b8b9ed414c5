package site

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// TestBuildRefusesUnsafeMarkdown: a guide's link, image or autolink with a
// scheme other than http, https or mailto, however it is written, and an
// attribute block setting anything but id and class fail the build with the
// file and line.
func TestBuildRefusesUnsafeMarkdown(t *testing.T) {
	block := "```calc a\nsamplesize baseline_rate=0.05 mde=0.1\n```\n\n" // lines 6-9: what follows is line 10
	tests := []struct{ body, want string }{
		{"<javascript:alert(1)>\n", `g.md:10: the autolink "javascript:alert(1)" uses the javascript: scheme`},
		{"<JAVASCRIPT:alert(1)>\n", `g.md:10: the autolink "JAVASCRIPT:alert(1)" uses the javascript: scheme`},
		{"<vbscript:msgbox(1)>\n", `g.md:10: the autolink "vbscript:msgbox(1)" uses the vbscript: scheme`},
		{"[x](&#106;avascript:alert(1))\n", `g.md:10: the link "javascript:alert(1)" uses the javascript: scheme`},
		{"[x](&#x6A;avascript&#58;alert(1))\n", `g.md:10: the link "javascript:alert(1)" uses the javascript: scheme`},
		{"[x](JaVaScRiPt:alert(1))\n", `g.md:10: the link "JaVaScRiPt:alert(1)" uses the javascript: scheme`},
		{"[x](java&#9;script:alert(1))\n", `uses the javascript: scheme`},
		{"[x](vbscript:msgbox(1))\n", `g.md:10: the link "vbscript:msgbox(1)" uses the vbscript: scheme`},
		{"[x](data:text/html,<script>alert(1)</script>)\n", `g.md:10: the link "data:text/html,<script>alert(1)</script>" uses the data: scheme`},
		{"![i](data:image/svg+xml;base64,PHN2Zz4=)\n", `g.md:10: the image "data:image/svg+xml;base64,PHN2Zz4=" uses the data: scheme`},
		{"![i](file:///etc/passwd)\n", `g.md:10: the image "file:///etc/passwd" uses the file: scheme`},
		{"Intro line.\nSee [a][r] here.\n\n[r]: javascript:alert(1)\n", `g.md:11: the link "javascript:alert(1)" uses the javascript: scheme`},
		{"## Title {style=color:red}\n", `g.md:10: the attribute "style" is not allowed`},
		{"## Title {data-calc=roi}\n", `g.md:10: the attribute "data-calc" is not allowed`},
		{"## Title {#ok .fine onclick=\"alert(1)\"}\n", `g.md:10: the attribute "onclick" is not allowed`},
		{"Title {hidden=\"hidden\"}\n---\n", `g.md:10: the attribute "hidden" is not allowed`},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			_, err := Build(fixture(t, map[string]string{"guides/g.md": "---\ntitle: G\ndescription: D.\n---\n\n" + block + tt.body}))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v\nwant it to contain %s", err, tt.want)
			}
		})
	}
}

// TestBuildAcceptsSafeMarkdown: relative links, http(s) and mailto, ids and
// classes still build.
func TestBuildAcceptsSafeMarkdown(t *testing.T) {
	body := "## Plan {#the-plan .wide}\n\nSee [a](#the-plan), [b](/guides/g/), [c](https://example.com/x?y=1), " +
		"[d](mailto:team@example.com), <https://example.com/auto> and [e](#the-plan \"title\").\n"
	opts := fixture(t, map[string]string{"guides/g.md": okGuide + "\n" + body})
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	page := read(t, opts, "guides/g/index.html")
	for _, want := range []string{`<h2 id="the-plan" class="wide">`, `href="mailto:team@example.com"`, `href="https://example.com/auto"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
}

func TestURLScheme(t *testing.T) {
	cases := map[string]string{
		"javascript:x": "javascript", " \x01JavaScript:x": "javascript", "java\tscr\nipt:x": "javascript",
		"/a:b": "", "a/b:c": "", "#x:y": "", "?q=javascript:x": "", "https://x": "https", "1ab:c": "", ":x": "",
		"mailto:x@y": "mailto", "a+b.c-d:x": "a+b.c-d",
	}
	for in, want := range cases {
		if got := urlScheme(in); got != want {
			t.Errorf("urlScheme(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzMarkdown renders random guide bodies: the build never panics, and a
// body it accepts never yields an unsafe URL in an href or src, an event
// handler or style attribute, or a heading attribute other than id and
// class.
func FuzzMarkdown(f *testing.F) {
	for _, seed := range []string{
		"## Title {#id .c}\n\n[x](/a/) <https://e.com> ![i](/favicon.svg)\n",
		"<javascript:alert(1)>\n", "[x](&#106;avascript:alert(1))\n", "## T {style=color:red data-calc=roi}\n",
		"[a][r]\n\n[r]: vbscript:x\n", "| a | b |\n|:--|--:|\n| 1 | 2 |\n", "<a href=\"javascript:x\">raw</a>\n",
		"* [ ] task\n* [x] done\n", "```calc a\nsamplesize baseline_rate=0.05 mde=0.1\n```\n\n{{a.n_control|int}}\n",
		"Setext {onclick=x}\n===\n", "[x](java&#9;script:1)\n", "![i](data:image/png;base64,AAAA)\n",
	} {
		f.Add(seed)
	}
	b, err := newBuilder(fixture(f, nil))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body string) {
		if len(body) > 4096 {
			return
		}
		b.errs = nil
		r := b.markdown(&source{Path: "g.md", Slug: "g", Body: []byte(body)})
		if len(b.errs) > 0 {
			return // refused with a message: fine
		}
		if problem := unsafeHTML(string(r.HTML)); problem != "" {
			t.Errorf("accepted %q, rendered %s:\n%s", body, problem, r.HTML)
		}
	})
}

// unsafeHTML returns the first unsafe thing in a rendered fragment: a URL
// attribute with a scheme other than http, https or mailto, an on* or style
// attribute (but the tables' text-align, which the build emits itself), or
// a heading attribute other than id and class.
func unsafeHTML(fragment string) string {
	nodes, err := html.ParseFragment(bytes.NewReader([]byte(fragment)), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
	if err != nil {
		return "unparsable HTML: " + err.Error()
	}
	var bad string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			heading := len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
			for _, a := range n.Attr {
				switch {
				case a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "formaction" || a.Key == "xlink:href":
					if s := urlScheme(a.Val); s != "" && !safeSchemes[s] {
						bad = n.Data + " " + a.Key + "=" + a.Val
					}
				case strings.HasPrefix(a.Key, "on"):
					bad = n.Data + " " + a.Key
				case a.Key == "style" && !((n.Data == "th" || n.Data == "td") && strings.HasPrefix(a.Val, "text-align:")):
					bad = n.Data + " style=" + a.Val
				case heading && !allowedAttributes[a.Key]:
					bad = n.Data + " " + a.Key
				}
			}
		}
		for c := n.FirstChild; c != nil && bad == ""; c = c.NextSibling {
			walk(c)
		}
	}
	for _, n := range nodes {
		walk(n)
	}
	return bad
}
