//go:build browser

package browser_test

import (
	"html"
	"regexp"
	"strings"
)

// A small reader of the built HTML, enough to find a widget and its
// [data-field] elements in the first response, before any script runs.

type element struct {
	Tag    string
	Attrs  map[string]string
	Hidden bool // it or an ancestor has the hidden attribute
	Depth  int
}

var (
	tagRe  = regexp.MustCompile(`(?s)<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>`)
	attrRe = regexp.MustCompile(`([^\s=/"'>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?`)
	voids  = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
		"input": true, "link": true, "meta": true, "source": true, "track": true, "wbr": true}
	rawText = map[string]bool{"script": true, "style": true, "textarea": true, "title": true}
)

// parseElements lists the start tags of a document in order, with whether
// they sit inside a hidden element. It tracks nesting by end tags, skipping
// the contents of script, style, textarea and title.
func parseElements(doc string) []element {
	var out []element
	type open struct {
		tag    string
		hidden bool
	}
	var stack []open
	pos := 0
	for pos < len(doc) {
		loc := tagRe.FindStringSubmatchIndex(doc[pos:])
		if loc == nil {
			break
		}
		m := doc[pos+loc[0] : pos+loc[1]]
		closing := doc[pos+loc[2]:pos+loc[3]] == "/"
		tag := strings.ToLower(doc[pos+loc[4] : pos+loc[5]])
		attrText := doc[pos+loc[6] : pos+loc[7]]
		pos += loc[1]
		if strings.HasPrefix(m, "<!") {
			continue
		}
		if closing {
			for i := len(stack) - 1; i >= 0; i-- {
				if stack[i].tag == tag {
					stack = stack[:i]
					break
				}
			}
			continue
		}
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(attrText, -1) {
			v := a[2] + a[3] + a[4]
			attrs[strings.ToLower(a[1])] = html.UnescapeString(v)
		}
		_, hid := attrs["hidden"]
		parentHidden := len(stack) > 0 && stack[len(stack)-1].hidden
		out = append(out, element{Tag: tag, Attrs: attrs, Hidden: hid || parentHidden, Depth: len(stack)})
		selfClosing := strings.HasSuffix(strings.TrimSpace(attrText), "/")
		if rawText[tag] {
			end := strings.Index(strings.ToLower(doc[pos:]), "</"+tag)
			if end >= 0 {
				pos += end
			}
			stack = append(stack, open{tag, hid || parentHidden})
			continue
		}
		if !voids[tag] && !selfClosing {
			stack = append(stack, open{tag, hid || parentHidden})
		}
	}
	return out
}

// widgetElements returns the elements of the first section.calc matching
// keep (its start tag first).
func widgetElements(els []element, keep func(element) bool) []element {
	for i, e := range els {
		if e.Tag != "section" || !strings.Contains(" "+e.Attrs["class"]+" ", " calc ") || !keep(e) {
			continue
		}
		out := []element{e}
		for _, d := range els[i+1:] {
			if d.Depth <= e.Depth {
				break
			}
			out = append(out, d)
		}
		return out
	}
	return nil
}

// staticFields turns a widget's elements into the fields compareFields reads.
func staticFields(els []element) []fieldValue {
	var out []fieldValue
	inForm := -1
	for _, e := range els {
		if inForm >= 0 && e.Depth <= inForm {
			inForm = -1
		}
		if e.Tag == "form" {
			inForm = e.Depth
		}
		path, ok := e.Attrs["data-field"]
		if !ok || inForm >= 0 {
			continue
		}
		if _, ref := e.Attrs["data-calc-ref"]; ref {
			continue
		}
		f := fieldValue{Path: path, Visible: !e.Hidden}
		if v, ok := e.Attrs["data-value"]; ok {
			f.Value = &v
		}
		out = append(out, f)
	}
	return out
}
