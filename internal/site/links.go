package site

import (
	"bytes"
	"fmt"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"

	"golang.org/x/net/html"
)

// pageRefs is what link checking needs of one page.
type pageRefs struct {
	ids   map[string]bool
	dups  []string
	links []string
}

// scan parses a built page for its ids and the links it makes.
func scan(doc []byte) (*pageRefs, error) {
	root, err := html.Parse(bytes.NewReader(doc))
	if err != nil {
		return nil, err
	}
	r := &pageRefs{ids: map[string]bool{}}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			rel := ""
			for _, a := range n.Attr {
				if a.Key == "rel" {
					rel = a.Val
				}
			}
			for _, a := range n.Attr {
				switch {
				case a.Key == "id":
					if r.ids[a.Val] {
						r.dups = append(r.dups, a.Val)
					}
					r.ids[a.Val] = true
				case a.Key == "href" && (n.Data == "a" || (n.Data == "link" && rel == "stylesheet") || (n.Data == "link" && rel == "icon")):
					r.links = append(r.links, a.Val)
				case a.Key == "src" && (n.Data == "script" || n.Data == "img"):
					r.links = append(r.links, a.Val)
				case strings.HasPrefix(a.Key, "data-") && (a.Key == "data-wasm" || a.Key == "data-wasm-exec" || a.Key == "data-worker" || a.Key == "data-charts"):
					r.links = append(r.links, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return r, nil
}

// checkLinks verifies that every internal link of every built page reaches
// a page or file, and its #anchor an id of that page.
func (b *builder) checkLinks() {
	refs := map[string]*pageRefs{}
	for _, p := range slices.Sorted(maps.Keys(b.pages)) {
		r, err := scan(b.pages[p].HTML)
		if err != nil {
			b.errorf("%s: the built page does not parse: %v", p, err)
			continue
		}
		refs[p] = r
		for _, id := range r.dups {
			where := "page " + p
			if s, ok := b.sources[p]; ok {
				where = s.Path + " (" + p + ")"
			}
			b.errorf("%s: the id %q is used twice: rename a heading ({#other-id}) or a calc block", where, id)
		}
	}
	base, _ := url.Parse(b.base + "/")
	for _, p := range slices.Sorted(maps.Keys(refs)) {
		seen := map[string]bool{}
		for _, link := range refs[p].links {
			if seen[link] {
				continue
			}
			seen[link] = true
			u, err := url.Parse(link)
			if err != nil {
				b.linkError(p, link, "is not a valid address")
				continue
			}
			if u.Scheme != "" || u.Host != "" {
				if u.Scheme == base.Scheme && u.Host == base.Host {
					u = &url.URL{Path: u.Path, Fragment: u.Fragment}
				} else {
					continue // another site: not checked offline
				}
			}
			if u.Scheme == "" && u.Opaque == "" && u.Path == "" && u.Fragment == "" {
				continue
			}
			target := p
			if u.Path != "" {
				target = u.Path
				if !strings.HasPrefix(target, "/") {
					target = path.Join(path.Dir(p+"x"), target)
					if strings.HasSuffix(u.Path, "/") {
						target += "/"
					}
				}
			}
			tr, isPage := refs[target]
			if !isPage {
				if _, isFile := b.files[strings.TrimPrefix(target, "/")]; isFile {
					if u.Fragment != "" {
						b.linkError(p, link, "points at an #anchor of a file")
					}
					continue
				}
				if !strings.HasSuffix(target, "/") {
					if _, ok := refs[target+"/"]; ok {
						b.linkError(p, link, fmt.Sprintf("misses its trailing slash: write %s/", target))
						continue
					}
				}
				b.linkError(p, link, "points at no page of the site")
				continue
			}
			if u.Fragment != "" && !tr.ids[u.Fragment] {
				b.linkError(p, link, fmt.Sprintf("points at #%s, which is not an id of %s", u.Fragment, target))
			}
		}
	}
}

// linkError reports a broken link at the source line that holds it, when
// the page comes from a markdown file.
func (b *builder) linkError(page, link, problem string) {
	where := "page " + page
	if s, ok := b.sources[page]; ok {
		where = s.Path
		needle := []byte("(" + link)
		i := bytes.Index(s.Body, needle)
		if i < 0 {
			i = bytes.Index(s.Body, []byte(link))
		}
		if i >= 0 {
			where = fmt.Sprintf("%s:%d", s.Path, bytes.Count(s.Body[:i], []byte("\n"))+1+s.Lines)
		}
	}
	b.errorf("%s: link %s %s", where, link, problem)
}
