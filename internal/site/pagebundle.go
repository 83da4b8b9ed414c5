package site

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"

	"github.com/roikit/roikit/internal/netlify"
)

// The service worker's page bundle (site/FRONTEND.md, "Offline"): the pages
// it precaches, in one file, /assets/pages.HASH.json. Each page alone is
// compressed without the others, so the stylesheet, header and footer every
// page repeats would be downloaded once per page; in one brotli stream they
// are downloaded once (about 310 KB of pages become about 110 KB). The
// worker's install fetches the bundle (checked against its integrity) and
// puts each page in its cache as the response the host would send: the
// body, and the headers netlify.toml gives the page's path (its
// Content-Security-Policy included) with the HTML content type.

// htmlContentType is what `roikit serve` and Netlify send for a page.
const htmlContentType = "text/html; charset=utf-8"

// bundledPage is one page of the bundle: its URL path, the response headers
// as name-value pairs (a header with several values appears once per value,
// names sorted), and the page's HTML.
type bundledPage struct {
	URL     string      `json:"url"`
	Headers [][2]string `json:"headers"`
	Body    string      `json:"body"`
}

// pageBundle returns the bundle's JSON ({"pages": [...]}) for the pages at
// urls, in that order. Without a netlify.toml a page's only header is its
// content type.
func (b *builder) pageBundle(urls []string) ([]byte, error) {
	var rules netlify.Rules
	if file := b.netlifyTOML(); file != "" {
		r, err := netlify.LoadRules(file)
		if err != nil {
			return nil, err
		}
		rules = r
	}
	pages := make([]bundledPage, 0, len(urls))
	for _, u := range urls {
		h := rules.Headers(u)
		h.Set("Content-Type", htmlContentType)
		var pairs [][2]string
		for _, name := range slices.Sorted(maps.Keys(h)) {
			for _, v := range h[name] {
				pairs = append(pairs, [2]string{name, v})
			}
		}
		pages = append(pages, bundledPage{URL: u, Headers: pairs, Body: string(b.pages[u].HTML)})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // the HTML as written: "<" is not "\u003c"
	if err := enc.Encode(struct {
		Pages []bundledPage `json:"pages"`
	}{pages}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
