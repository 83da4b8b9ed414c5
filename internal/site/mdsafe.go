package site

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Markdown safety: the pages' CSP would stop a javascript: link or a style
// attribute, but the build refuses them first, so no page ships one.
//
// A link, image or autolink of a markdown file may be relative (a path, a
// query, a #fragment) or use one of safeSchemes; any other scheme is an
// error (javascript:, vbscript:, data:, file:, ...), however it is written:
// goldmark has already decoded entities (&#106;avascript:) and backslash
// escapes, and the scheme is read as a browser reads it (tabs and newlines
// removed, leading spaces and control characters ignored, any case). An
// attribute block ({#id .class key=value}) may set id and class only.

// safeSchemes are the URL schemes a markdown link or image may use.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// allowedAttributes are the attributes an attribute block may set.
var allowedAttributes = map[string]bool{"id": true, "class": true}

// urlScheme returns the scheme of a URL as a browser parses it (lower case),
// "" for a relative URL.
func urlScheme(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeft(u, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// decodeDestination is a link destination as the renderer writes it:
// backslash escapes and character references (&#106;, &colon;) resolved
// (goldmark keeps them in the tree and resolves them when rendering).
func decodeDestination(d []byte) string {
	return string(util.ResolveNumericReferences(util.ResolveEntityNames(util.UnescapePunctuations(d))))
}

// unsafeURL reports why a markdown URL is refused, "" when it is fine.
func unsafeURL(u string) string {
	if s := urlScheme(u); s != "" && !safeSchemes[s] {
		return fmt.Sprintf("uses the %s: scheme (links and images may be relative, http:, https: or mailto:)", s)
	}
	return ""
}

// checkMarkdownSafety reports, with the file and line, every link, image or
// autolink of doc with an unsafe URL and every attribute outside id and
// class.
func (b *builder) checkMarkdownSafety(s *source, doc ast.Node) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest, what, needle string
		switch n := n.(type) {
		case *ast.Link:
			dest, what = decodeDestination(n.Destination), "link"
		case *ast.Image:
			dest, what = decodeDestination(n.Destination), "image"
		case *ast.AutoLink:
			dest, what, needle = string(n.URL(s.Body)), "autolink", "<"+string(n.Label(s.Body))
		}
		if what != "" {
			if why := unsafeURL(dest); why != "" {
				b.errorf("%s:%d: the %s %q %s", s.Path, mdLine(s, n, needle), what, dest, why)
			}
		}
		for _, a := range n.Attributes() {
			if !allowedAttributes[strings.ToLower(string(a.Name))] {
				b.errorf("%s:%d: the attribute %q is not allowed: an attribute block ({...}) may set an id (#name) and classes (.name) only",
					s.Path, mdLine(s, n, ""), a.Name)
			}
		}
		return ast.WalkContinue, nil
	})
}

// mdLine is the line of source s that holds node n: its first text's
// line, else the line where needle occurs in its block, else its block's
// first line.
func mdLine(s *source, n ast.Node, needle string) int {
	line := func(offset int) int {
		return bytes.Count(s.Body[:min(offset, len(s.Body))], []byte("\n")) + 1 + s.Lines
	}
	if needle == "" {
		for c := n.FirstChild(); c != nil; c = c.FirstChild() {
			if t, ok := c.(*ast.Text); ok {
				return line(t.Segment.Start)
			}
		}
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() != ast.TypeBlock || p.Lines().Len() == 0 {
			continue
		}
		start := p.Lines().At(0).Start
		if needle != "" {
			end := p.Lines().At(p.Lines().Len() - 1).Stop
			if i := bytes.Index(s.Body[start:min(end, len(s.Body))], []byte(needle)); i >= 0 {
				return line(start + i)
			}
		}
		return line(start)
	}
	return 1 + s.Lines
}
