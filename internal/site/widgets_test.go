package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
	"github.com/roikit/roikit/internal/site/calcmd"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"
)

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

func walk(n *html.Node, f func(*html.Node)) {
	if n.Type == html.ElementNode {
		f(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// decoded runs a calculator independently of the build and decodes its
// response as the build does.
func decoded(t *testing.T, name string, request []byte) map[string]any {
	t.Helper()
	resp, status := calc.RunJSON(name, request)
	if status != calc.StatusOK {
		t.Fatalf("%s %s: %s", name, request, resp)
	}
	var v map[string]any
	dec := json.NewDecoder(bytes.NewReader(resp))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// wantValue is the data-value the contract asks for: the core's JSON value,
// or null when the response lacks the path.
func wantValue(resp map[string]any, path string) string {
	v, err := jsonLookup(resp, path)
	if err != nil {
		return "null"
	}
	return jsonText(v)
}

// jsonLookup follows a dotted path into a response decoded from its JSON
// (with UseNumber): the test's own reading of the core's answer, against
// which the build's reading of the typed response (calc.PathValue) is
// checked.
func jsonLookup(v any, path string) (any, error) {
	for _, part := range strings.Split(path, ".") {
		switch c := v.(type) {
		case map[string]any:
			next, ok := c[part]
			if !ok {
				return nil, fmt.Errorf("no %q", part)
			}
			v = next
		case []any:
			i, err := strconv.Atoi(part)
			if err != nil || i < 0 || i >= len(c) {
				return nil, fmt.Errorf("no index %q", part)
			}
			v = c[i]
		default:
			return nil, fmt.Errorf("%q of a single value", part)
		}
	}
	return v, nil
}

// jsonText writes a value decoded with UseNumber back as JSON.
func jsonText(v any) string {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "null"
	}
	return string(b)
}

// checkWidgets checks, for every widget of every page, that each result
// element's data-value equals calc.RunJSON's value for the widget's
// data-request, and that its text is the value in its data-format.
func checkWidgets(t *testing.T, pages map[string]string) {
	t.Helper()
	widgets, values := 0, 0
	for name, doc := range pages {
		root, err := html.Parse(strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		walk(root, func(n *html.Node) {
			if n.Data != "section" || !hasClass(n, "calc") {
				return
			}
			widgets++
			calcName, _ := attr(n, "data-calc")
			req, _ := attr(n, "data-request")
			resp := decoded(t, calcName, []byte(req))
			checkCharts(t, name, n, calcName, []byte(req))
			walk(n, func(e *html.Node) {
				path, ok := attr(e, "data-field")
				if !ok {
					return
				}
				values++
				got, _ := attr(e, "data-value")
				if want := wantValue(resp, path); got != want {
					t.Errorf("%s: widget %s: %s = %s, RunJSON says %s", name, calcName, path, got, want)
				}
				checkText(t, name, e, got)
			})
		})
	}
	if widgets < 20 || values < 100 {
		t.Errorf("only %d widgets and %d values checked", widgets, values)
	}
	t.Logf("checked %d values in %d widgets", values, widgets)
}

// checkText: an element's text is its value formatted.
func checkText(t *testing.T, page string, e *html.Node, raw string) {
	t.Helper()
	format, _ := attr(e, "data-format")
	var v any
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		t.Errorf("%s: data-value %q is not JSON", page, raw)
		return
	}
	want, err := FormatValue(v, format)
	if err != nil {
		t.Errorf("%s: %v", page, err)
		return
	}
	var b strings.Builder
	for c := e.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	}
	if b.String() != want {
		t.Errorf("%s: text %q, want %q", page, b.String(), want)
	}
}

// recorder runs each calc block through the core, independently of the
// builder, for checking the guides' inline values.
type recorder struct{ runs map[string]map[string]any }

func (r *recorder) Run(b *calcmd.Block) []calcmd.Problem {
	resp, status := calc.RunJSON(b.Calc, b.Request())
	if status == calc.StatusOK {
		var v map[string]any
		dec := json.NewDecoder(bytes.NewReader(resp))
		dec.UseNumber()
		_ = dec.Decode(&v)
		r.runs[b.ID] = v
	}
	return nil
}
func (r *recorder) Widget(*calcmd.Block, int) (string, error)                  { return "", nil }
func (r *recorder) Value(calcmd.Ref, map[string]*calcmd.Block) (string, error) { return "", nil }
func (r *recorder) Table(string, string) (string, error)                       { return "", nil }

// TestInlineValues checks every {{ID.PATH|FORMAT}} of the real guides against
// the core, run here on the guides' blocks.
func TestInlineValues(t *testing.T) {
	opts := fixture(t, nil)
	opts.ContentDir = "../../content"
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	srcs, err := readDir("../../content/guides")
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, s := range srcs {
		rec := &recorder{runs: map[string]map[string]any{}}
		md := goldmark.New(goldmark.WithExtensions(&calcmd.Extension{Resolver: rec}))
		md.Parser().Parse(text.NewReader(s.Body), parser.WithContext(parser.NewContext()))
		doc, err := os.ReadFile(filepath.Join(opts.OutDir, "guides", s.Slug, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		root, _ := html.Parse(bytes.NewReader(doc))
		walk(root, func(e *html.Node) {
			id, ok := attr(e, "data-calc-ref")
			if !ok {
				return
			}
			path, _ := attr(e, "data-field")
			got, _ := attr(e, "data-value")
			resp, ok := rec.runs[id]
			if !ok {
				t.Errorf("%s: no block %s", s.Path, id)
				return
			}
			v, err := jsonLookup(resp, path)
			if err != nil || jsonText(v) != got {
				t.Errorf("%s: {{%s.%s}} = %s, the core says %v (%v)", s.Path, id, path, got, v, err)
			}
			checkText(t, s.Path, e, got)
			checked++
		})
	}
	if checked < 100 {
		t.Errorf("only %d inline values", checked)
	}
	t.Logf("checked %d inline values", checked)
}

// checkCharts: each figure's pre-rendered option is charts.Build's, and
// figures are in the order of charts.IDs.
func checkCharts(t *testing.T, page string, section *html.Node, name string, request []byte) {
	t.Helper()
	built, err := charts.Build(calc.Run(name, request, calc.Hooks{}))
	if err != nil {
		t.Errorf("%s: charts of %s: %v", page, name, err)
		return
	}
	var figures []*html.Node
	walk(section, func(n *html.Node) {
		if _, ok := attr(n, "data-chart"); ok && n.Data == "figure" {
			figures = append(figures, n)
		}
	})
	infos := charts.IDs(name)
	if len(figures) != len(infos) {
		t.Errorf("%s: %s has %d figures, charts.IDs lists %d", page, name, len(figures), len(infos))
		return
	}
	for i, f := range figures {
		id, _ := attr(f, "data-chart")
		if id != infos[i].ID {
			t.Errorf("%s: figure %d is %s, want %s", page, i, id, infos[i].ID)
		}
		var option string
		walk(f, func(n *html.Node) {
			if _, ok := attr(n, "data-chart-option"); ok && n.FirstChild != nil {
				option = n.FirstChild.Data
			}
		})
		want := "null"
		for _, c := range built {
			if c.ID == id && len(c.Option) > 0 {
				want = string(c.Option)
			}
		}
		_, hidden := attr(f, "hidden")
		if hidden != (want == "null") {
			t.Errorf("%s: figure %s hidden=%v with option %.20s", page, id, hidden, want)
		}
		var a, b any
		if json.Unmarshal([]byte(option), &a) != nil || json.Unmarshal([]byte(want), &b) != nil || !reflect.DeepEqual(a, b) {
			t.Errorf("%s: figure %s: the page's option differs from charts.Build's", page, id)
		}
	}
}
