package site

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
)

// Page-specific parts of site/css/site.css. The stylesheet is inlined into
// every page, and the service worker downloads every page on a first visit,
// so rules that only one kind of page uses are kept out of the others. Such
// rules stand in site.css between two comment lines,
//
//	/* @only NAME */
//	...
//	/* @end */
//
// and a page gets them when its HTML holds NAME's marker (pageStyleMarkers).
// The rest of site.css goes to every page, in the order written, so the
// cascade is the same as for one stylesheet.
var pageStyleMarkers = map[string]string{
	"clvfit": `data-calc="clvfit"`, // the clvfit widget: file, mapping, customers
	"plan":   `data-plan`,          // the business case (/plan/)
	"array":  `field--array`,       // an editable table of an array field (prioritize's ideas)
}

// stylePlaceholder is what the "site.css" template writes into base.html's
// <style> element; inlineStyles replaces it with the page's stylesheet.
const stylePlaceholder = "@roikit-styles;"

var onlySection = regexp.MustCompile(`(?s)/\* @only ([a-z-]+) \*/(.*?)/\* @end \*/`)

// styleSections splits a stylesheet into the parts every page gets and the
// @only sections, in order: for each part its section name ("" for every
// page) and its text. An unknown name, a nested or unclosed section is an
// error naming the file.
func styleSections(css, file string) ([]styleSection, error) {
	var parts []styleSection
	rest := css
	for {
		loc := onlySection.FindStringSubmatchIndex(rest)
		if loc == nil {
			break
		}
		name, body := rest[loc[2]:loc[3]], rest[loc[4]:loc[5]]
		if _, ok := pageStyleMarkers[name]; !ok {
			return nil, fmt.Errorf("%s: unknown section /* @only %s */ (known: clvfit, plan, array)", file, name)
		}
		if strings.Contains(body, "/* @only ") {
			return nil, fmt.Errorf("%s: section %q is not closed with /* @end */ before the next one", file, name)
		}
		parts = append(parts, styleSection{"", rest[:loc[0]]}, styleSection{name, body})
		rest = rest[loc[1]:]
	}
	if strings.Contains(rest, "/* @only ") || strings.Contains(css, "/* @end */") && len(parts) == 0 {
		return nil, fmt.Errorf("%s: a /* @only NAME */ section is not closed with /* @end */", file)
	}
	return append(parts, styleSection{"", rest}), nil
}

type styleSection struct{ name, css string }

// withStylesheet replaces the placeholder of a rendered page with the
// compacted stylesheet it needs: the common rules and the sections whose
// marker the page holds. Stylesheets are cached by the set of sections.
func (b *builder) withStylesheet(page []byte) []byte {
	var key []string
	for _, s := range b.cssSections {
		if s.name != "" && bytes.Contains(page, []byte(pageStyleMarkers[s.name])) {
			key = append(key, s.name)
		}
	}
	k := strings.Join(key, ",")
	css, ok := b.cssByKey[k]
	if !ok {
		var sb strings.Builder
		for _, s := range b.cssSections {
			if s.name == "" || strings.Contains(","+k+",", ","+s.name+",") {
				sb.WriteString(s.css)
			}
		}
		css = compactCSS(sb.String())
		b.cssByKey[k] = css
	}
	return bytes.Replace(page, []byte(stylePlaceholder), []byte(css), 1)
}
