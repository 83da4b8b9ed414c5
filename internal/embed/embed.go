// Package embed knows how a calculator is embedded in another site: the
// address of its embed page, the iframe snippet and its default width (each
// calculator's initial height is its presentation's: present.EmbedHeight).
// The oEmbed endpoint and the site's "Embed this" panel both use it.
package embed

import (
	"fmt"
	"html"
	"maps"
	"net/url"
	"strings"
)

// DefaultWidth is the iframe width, in CSS pixels, when the host sets none.
const DefaultWidth = 640

// PageURL is the address of a calculator's embed page with the options in
// its query (contract fields as defaults, plus theme, accent, currency,
// locale and hide). An accent that is not a colour (IsAccentColor) is left
// out: the snippet it goes into would show the default accent anyway.
func PageURL(siteURL, name string, query url.Values) string {
	if a, ok := query["accent"]; ok && (len(a) != 1 || !IsAccentColor(a[0])) {
		query = maps.Clone(query)
		delete(query, "accent")
	}
	u := strings.TrimRight(siteURL, "/") + "/embed/" + url.PathEscape(name) + "/"
	if q := query.Encode(); q != "" {
		u += "?" + q
	}
	return u
}

// IframeHTML is the snippet that shows a calculator: an iframe with a title,
// lazy loading and the data-roikit attribute embed.js resizes. It is a block
// as wide as the text column up to width px, centred (margin auto), so it
// sits in the column of common themes (WordPress's block themes centre
// their content's children with auto margins, which an inline iframe
// ignores); the class roikit-embed lets a host page style it.
func IframeHTML(src, title string, width, height int) string {
	return fmt.Sprintf(`<iframe src="%s" title="%s" width="%d" height="%d" loading="lazy" data-roikit class="roikit-embed" style="border:0;display:block;width:100%%;max-width:%dpx;margin:0 auto"></iframe>`,
		html.EscapeString(src), html.EscapeString(title), width, height, width)
}
