package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/embed"
	"github.com/roikit/roikit/internal/present"
	"github.com/roikit/roikit/internal/present/results"
	"github.com/roikit/roikit/internal/site/calcmd"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// SiteName is the site's name in titles and Open Graph tags.
const SiteName = "roikit"

// Link is a titled link.
type Link struct {
	Title, URL, Description string
	Step                    int
}

// Heading is one entry of a table of contents.
type Heading struct {
	ID, Text string
}

// Page is what every page template receives.
type Page struct {
	Path, Title, Description, Canonical string
	Kind                                string // home, guide, guides, calculator, calculators, embed, doc, 404
	OGType                              string
	Body                                template.HTML
	HasCalc                             bool
	OEmbed                              string // oEmbed discovery href
	Breadcrumbs                         []Link
	TOC                                 []Heading
	Prev, Next                          *Link
	ReadingMinutes                      int
	Reviewed                            string
	Byline                              string   // a guide's author line
	Takeaways                           []string // a guide's key points
	EmbedDoc                            string   // the embedding doc's URL, "" if none
	Widget                              template.HTML
	CalcName                            string
	EmbedSnippet                        string
	EmbedURL                            string
	Guides, Calculators, Docs           []Link
	Currencies, Locales                 []string
	HasMoney                            bool // the calculator has a money field or output: the page offers a currency
	NotReady                            bool
}

type guideInfo struct {
	src  *source
	link Link
}

type calcInfo struct {
	c    *calc.Calculator
	src  *source // nil when content/calculators/NAME.md is absent
	link Link
}

type docInfo struct {
	src  *source
	link Link
}

// Currencies offered by the currency select (ISO 4217).
var Currencies = []string{"USD", "EUR", "GBP", "CAD", "AUD", "CHF", "JPY", "INR", "BRL", "SEK"}

// Locales offered by the number-format select (BCP 47); the page adds the
// reader's own when it is not one of them.
var Locales = []string{"en-US", "en-GB", "en-IN", "de-DE", "de-CH", "fr-FR", "es-ES", "it-IT", "nl-NL", "pt-BR", "sv-SE", "pl-PL", "ja-JP"}

// usesMoney reports whether a calculator has a money field or output.
func usesMoney(c *calc.Calculator) bool {
	for i := range c.Fields {
		if slices.Contains(c.Fields[i].Units(), calc.Currency) {
			return true
		}
	}
	for _, o := range c.Outputs {
		if o.Unit == calc.Currency {
			return true
		}
	}
	return false
}

func (b *builder) loadTemplates() error {
	dir := filepath.Join(b.opts.SiteDir, "templates")
	funcs := resultFuncs()
	funcs["asset"] = b.asset
	funcs["heading"] = func(level int, id, text string) template.HTML {
		level = max(1, min(level, 6))
		return template.HTML(fmt.Sprintf(`<h%d id="%s-title">%s</h%d>`, level, template.HTMLEscapeString(id), template.HTMLEscapeString(text), level))
	}
	funcs["abs"] = func(p string) string { return b.base + p }
	funcs["inc"] = func(n int) int { return n + 1 }
	root := template.New("").Funcs(funcs)
	read := func(name, file string) error {
		data, err := os.ReadFile(file)
		if err != nil {
			return err
		}
		if _, err := root.New(name).Parse(string(data)); err != nil {
			return err
		}
		return nil
	}
	for _, n := range []string{"base", "widget", "planwidget"} {
		if err := read(n, filepath.Join(dir, n+".html")); err != nil {
			return fmt.Errorf("templates: %v", err)
		}
	}
	// Each calculator's results template is part of its presentation.
	for _, c := range calc.Calculators() {
		p := present.For(c.Name)
		if p == nil {
			return fmt.Errorf("templates: %s has no presentation (internal/present)", c.Name)
		}
		data, err := results.Templates.ReadFile(p.Results)
		if err != nil {
			return fmt.Errorf("templates: %v", err)
		}
		if _, err := root.New("results/" + p.Results).Parse(string(data)); err != nil {
			return fmt.Errorf("templates: %v", err)
		}
	}
	pristine, err := root.Clone()
	if err != nil {
		return err
	}
	b.tmpl, b.pristine = root, pristine
	return nil
}

// renderPage executes the page template named kind (site/templates/KIND.html,
// which defines "main") inside base.html.
func (b *builder) renderPage(kind string, p *Page, sitemap bool) error {
	dir := filepath.Join(b.opts.SiteDir, "templates")
	t, err := b.pristine.Clone()
	if err != nil {
		return err
	}
	data, err := os.ReadFile(filepath.Join(dir, kind+".html"))
	if err != nil {
		return fmt.Errorf("templates: %v", err)
	}
	if _, err := t.New(kind).Parse(string(data)); err != nil {
		return fmt.Errorf("templates: %v", err)
	}
	p.Kind = kind
	p.Canonical = b.base + p.Path
	if p.OGType == "" {
		p.OGType = "website"
	}
	p.Guides, p.Currencies, p.Locales = b.guideLinks(), Currencies, Locales
	for _, c := range b.calcs {
		p.Calculators = append(p.Calculators, c.link)
	}
	for _, d := range b.docs {
		p.Docs = append(p.Docs, d.link)
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "base", p); err != nil {
		return fmt.Errorf("page %s: %v", p.Path, err)
	}
	b.pages[p.Path] = &output{Path: p.Path, HTML: buf.Bytes(), Sitemap: sitemap}
	return nil
}

func (b *builder) guideLinks() []Link {
	out := make([]Link, len(b.guides))
	for i, g := range b.guides {
		out[i] = g.link
	}
	return out
}

// markdown renders a source's body. Problems are recorded with file:line.
type rendered struct {
	HTML   template.HTML
	Blocks []*calcmd.Block
	H2s    []Heading
	Words  int
}

func (b *builder) newMarkdown() goldmark.Markdown {
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, &calcmd.Extension{}),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
	)
}

func (b *builder) markdown(s *source) rendered {
	md := b.newMarkdown()
	pc := parser.NewContext()
	calcmd.WithResolver(pc, &resolver{b: b})
	doc := md.Parser().Parse(text.NewReader(s.Body), parser.WithContext(pc))
	for _, e := range calcmd.Errors(pc) {
		b.errorf("%s:%d: %s", s.Path, e.Line+s.Lines, e.Message)
	}
	b.checkMarkdownSafety(s, doc)
	var out rendered
	out.Blocks = calcmd.Blocks(pc)
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			if n.Level == 2 {
				id, _ := n.AttributeString("id")
				idb, _ := id.([]byte)
				out.H2s = append(out.H2s, Heading{ID: string(idb), Text: plainText(n, s.Body)})
			}
		case *ast.Text:
			out.Words += len(strings.Fields(string(n.Segment.Value(s.Body))))
		case *calcmd.Value:
			out.Words++
		}
		return ast.WalkContinue, nil
	})
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, s.Body, doc); err != nil {
		b.errorf("%s: %v", s.Path, err)
	}
	// Scrollable code must be reachable by keyboard (axe: scrollable-region-focusable).
	// Wide tables scroll inside a focusable region rather than the page.
	h := strings.ReplaceAll(buf.String(), "<pre>", `<pre tabindex="0">`)
	// Each region needs its own name (axe: landmark-unique).
	parts := strings.Split(h, "<table>\n")
	var tb strings.Builder
	for i, part := range parts {
		if i > 0 {
			fmt.Fprintf(&tb, `<div class="table-wrap" role="region" tabindex="0" aria-label="Table %d"><table>`+"\n", i)
			// Only this markdown table's own end closes the wrapper, not a widget's table.
			part = strings.Replace(part, "</table>\n", "</table></div>\n", 1)
		}
		tb.WriteString(part)
	}
	h = tb.String()
	out.HTML = template.HTML(h)
	return out
}

// plainText is a heading's text without markup.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		if t, ok := c.(*ast.String); ok && entering {
			b.Write(t.Value)
		}
		return ast.WalkContinue, nil
	})
	return b.String()
}

// resolver runs calc blocks for one page.
type resolver struct {
	b       *builder
	visible map[string]int // visible widgets per calculator
}

func (r *resolver) Run(bl *calcmd.Block) []calcmd.Problem {
	if !bl.Hidden {
		if r.visible == nil {
			r.visible = map[string]int{}
		}
		r.visible[bl.Calc]++
	}
	if _, ok := calc.Lookup(bl.Calc); !ok {
		return []calcmd.Problem{{Message: fmt.Sprintf("there is no calculator %q (the calculators are %s)", bl.Calc, strings.Join(calc.Names(), ", "))}}
	}
	res, problems := r.b.run(bl.Calc, bl.Request())
	if problems != nil {
		return problems
	}
	bl.Data = res
	return nil
}

func (r *resolver) Widget(bl *calcmd.Block, level int) (string, error) {
	c, _ := calc.Lookup(bl.Calc)
	title := c.Title
	if r.visible[bl.Calc] > 1 {
		// Two widgets of one calculator need different names (axe:
		// landmark-unique): the block's id tells them apart.
		title += ": " + strings.ReplaceAll(bl.ID, "-", " ")
	}
	h, err := r.b.widget(c, bl.ID, title, level, false, bl.Data.(*run))
	return string(h), err
}

func (r *resolver) Value(ref calcmd.Ref, blocks map[string]*calcmd.Block) (string, error) {
	bl, ok := blocks[ref.ID]
	if !ok {
		return "", fmt.Errorf("no calc block %q on this page (have %s)", ref.ID, strings.Join(slices.Sorted(maps.Keys(blocks)), ", "))
	}
	res, ok := bl.Data.(*run)
	if !ok {
		return "", fmt.Errorf("calc block %q did not run", ref.ID)
	}
	v, err := res.lookup(ref.Path)
	if err != nil {
		return "", err
	}
	if !scalar(v) {
		return "", fmt.Errorf("%s is not a single value: point at one of its elements", ref.Path)
	}
	h, err := valueSpan("span", "", ref.ID, ref.Path, ref.Format, v)
	return string(h), err
}

func (r *resolver) Table(kind, name string) (string, error) {
	if kind == "errors" {
		return errorCodesTable(name)
	}
	c, ok := calc.Lookup(name)
	if !ok {
		return "", fmt.Errorf("there is no calculator %q", name)
	}
	var buf strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&buf, `<div class="table-wrap" role="region" tabindex="0" aria-label="%s of %s"><table class="spec">`, esc(kind), esc(name))
	if kind == "fields" {
		buf.WriteString(`<thead><tr><th scope="col">Field</th><th scope="col">Type</th><th scope="col">Default</th><th scope="col">Allowed</th><th scope="col">Meaning</th></tr></thead><tbody>`)
		for i := range c.Fields {
			f := &c.Fields[i]
			typ := string(f.Type)
			if f.Unit != "" {
				typ += " (" + string(f.Unit) + ")"
			}
			def := ""
			if f.Default != nil {
				d, _ := json.Marshal(f.Default)
				def = string(d)
			} else if f.DefaultNote != "" {
				def = f.DefaultNote
			} else if f.Required {
				def = "required"
			} else if !f.RequiredWhen.IsZero() {
				def = "required when " + f.RequiredWhen.Words()
			}
			meaning := f.Label + ". " + f.Help
			if !f.ShowWhen.IsZero() {
				meaning += " Shown in forms when " + f.ShowWhen.Words() + "."
			}
			fmt.Fprintf(&buf, `<tr><th scope="row"><code>%s</code></th><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>`,
				esc(f.Name), esc(typ), esc(def), esc(f.Allowed()), esc(meaning))
		}
	} else {
		buf.WriteString(`<thead><tr><th scope="col">Output</th><th scope="col">Unit</th><th scope="col">Meaning</th></tr></thead><tbody>`)
		for _, o := range c.Outputs {
			fmt.Fprintf(&buf, `<tr><th scope="row"><code>%s</code></th><td>%s</td><td>%s</td></tr>`, esc(o.Name), esc(string(o.Unit)), esc(o.Label+". "+o.Help))
		}
	}
	buf.WriteString(`</tbody></table></div>`)
	return buf.String(), nil
}

// errorCodesTable writes {{errors all}}: every error code of calc's table
// with its HTTP status and meaning.
func errorCodesTable(arg string) (string, error) {
	if arg != "all" {
		return "", fmt.Errorf("write {{errors all}}")
	}
	var buf strings.Builder
	esc := template.HTMLEscapeString
	buf.WriteString(`<div class="table-wrap" role="region" tabindex="0" aria-label="Error codes"><table class="spec">`)
	buf.WriteString(`<thead><tr><th scope="col">Code</th><th scope="col">HTTP status</th><th scope="col">Meaning</th></tr></thead><tbody>`)
	for _, e := range calc.ErrorCodes() {
		status := "none: the page only"
		if e.HTTPStatus != 0 {
			status = strconv.Itoa(e.HTTPStatus)
		}
		fmt.Fprintf(&buf, `<tr><th scope="row"><code>%s</code></th><td>%s</td><td>%s</td></tr>`, esc(e.Code), esc(status), esc(e.Meaning))
	}
	buf.WriteString(`</tbody></table></div>`)
	return buf.String(), nil
}

// run runs a calculator once per distinct request: guides repeat their
// running example, and the roi Monte Carlo is the build's slowest step.
func (b *builder) run(name string, request []byte) (*run, []calcmd.Problem) {
	key := name + "\x00" + string(request)
	if m, ok := b.memo[key]; ok {
		return m.run, m.problems
	}
	r, p := runCalc(name, request)
	b.memo[key] = memoRun{r, p}
	return r, p
}

type memoRun struct {
	run      *run
	problems []calcmd.Problem
}

// widget renders a calculator widget (template "widget").
func (b *builder) widget(c *calc.Calculator, id, title string, level int, primary bool, r *run) (template.HTML, error) {
	wd, err := b.widgetData(c, id, level, primary, r)
	if err != nil {
		return "", err
	}
	wd.Title = title
	if !primary {
		wd.CalcPage = b.base + "/calculators/" + c.Name + "/"
	}
	var buf bytes.Buffer
	if err := b.tmpl.ExecuteTemplate(&buf, "widget", wd); err != nil {
		return "", err
	}
	return template.HTML(buf.String()), nil
}

// calcRequest orders a front matter request map by the calculator's fields.
func calcRequest(c *calc.Calculator, m map[string]any) ([]byte, error) {
	var keys []string
	for _, f := range c.Fields {
		if _, ok := m[f.Name]; ok {
			keys = append(keys, f.Name)
		}
	}
	var extra []string
	for k := range m {
		if c.Field(k) == nil {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	keys = append(keys, extra...)
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		vb, err := json.Marshal(m[k])
		if err != nil {
			return nil, err
		}
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(vb)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// oembedLink is the discovery href for a page URL.
func (b *builder) oembedLink(pageURL string) string {
	return b.base + "/oembed?url=" + url.QueryEscape(pageURL) + "&format=json"
}

// embedSnippet is the "Embed this" code for a calculator with its defaults.
func (b *builder) embedSnippet(c *calc.Calculator) (string, string) {
	src := embed.PageURL(b.base, c.Name, nil)
	return embed.IframeHTML(src, c.Title+" (roikit)", embed.DefaultWidth, present.EmbedHeight(c.Name)) +
		"\n" + `<script src="` + b.base + `/embed.js" async></script>`, src
}
