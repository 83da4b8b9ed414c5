package api

import (
	"html"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/embed"
	"github.com/roikit/roikit/internal/present"
)

// oembedResponse is an oEmbed 1.0 answer of type rich.
type oembedResponse struct {
	Version      string `json:"version"`
	Type         string `json:"type"`
	Title        string `json:"title"`
	ProviderName string `json:"provider_name"`
	ProviderURL  string `json:"provider_url"`
	HTML         string `json:"html"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	CacheAge     int    `json:"cache_age"`
}

// oembed answers GET /oembed?url=...&maxwidth=...&maxheight=...&format=json
// for calculator and embed pages of the site; other addresses get 404 and
// format=xml gets 501, as the oEmbed spec asks.
func (h *handler) oembed(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if f := q.Get("format"); f != "" && f != "json" {
		WriteError(w, calc.CodeFormat, "Only format=json is available.")
		return
	}
	name, query, ok := h.calculatorPage(q.Get("url"))
	if !ok {
		WriteError(w, calc.CodeNotFound, "The url must be a calculator page of "+h.opts.SiteURL+", such as "+h.opts.SiteURL+"/calculators/roi/.")
		return
	}
	c, _ := calc.Lookup(name)
	width, height := embed.DefaultWidth, present.EmbedHeight(name)
	if mw, err := strconv.Atoi(q.Get("maxwidth")); err == nil && mw > 0 && mw < width {
		width = mw
	}
	if mh, err := strconv.Atoi(q.Get("maxheight")); err == nil && mh > 0 && mh < height {
		height = mh
	}
	title := c.Title + " · roikit"
	writeJSON(w, http.StatusOK, oembedResponse{
		Version: "1.0", Type: "rich", Title: title,
		ProviderName: "roikit", ProviderURL: h.opts.SiteURL + "/",
		HTML:  oembedHTML(h.opts.SiteURL, name, query, title, width, height),
		Width: width, Height: height, CacheAge: 86400,
	})
}

// oembedHTML is the oEmbed answer's markup, in the shape WordPress gives its
// own post embeds: a <blockquote class="wp-embedded-content"> holding a link
// to the calculator page (what a reader sees until the frame has loaded, or
// in a feed or a reader that drops iframes), then the iframe of the embed
// page. WordPress enqueues its resize script (wp-embed) only for embed
// HTML that holds such a blockquote; for a provider it discovered it keeps
// the blockquote and the iframe's src, width, height and title, sandboxes
// the iframe, adds #?secret= to its address and hides the blockquote once
// the frame posts its height. A site that registers roikit as a trusted
// provider (the roikit-embed plugin) gets this markup as it is.
func oembedHTML(siteURL, name string, query url.Values, title string, width, height int) string {
	page := strings.TrimRight(siteURL, "/") + "/calculators/" + url.PathEscape(name) + "/"
	if q := query.Encode(); q != "" {
		page += "?" + q
	}
	return `<blockquote class="wp-embedded-content"><a href="` + html.EscapeString(page) + `">` + html.EscapeString(title) + `</a></blockquote>` +
		embed.IframeHTML(embed.PageURL(siteURL, name, query), title, width, height)
}

// calculatorPage parses a site URL of a calculator or embed page and returns
// the calculator's name and the page's query.
func (h *handler) calculatorPage(raw string) (string, url.Values, bool) {
	u, err := url.Parse(raw)
	site, err2 := url.Parse(h.opts.SiteURL)
	if raw == "" || err != nil || err2 != nil || u.Host != site.Host || (u.Scheme != "https" && u.Scheme != "http") {
		return "", nil, false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) != 2 || (parts[0] != "calculators" && parts[0] != "embed") {
		return "", nil, false
	}
	if _, ok := calc.Lookup(parts[1]); !ok {
		return "", nil, false
	}
	return parts[1], u.Query(), true
}
