// Package calcmd is a goldmark extension that puts calculators into markdown.
//
// A fenced code block of language calc declares a calculator run:
//
//	```calc ID [hidden]
//	CALCNAME field=value field=value
//	field=value
//	```
//
// ID names the run within the page (lower-case letters, digits, hyphens);
// "hidden" runs the calculator without showing a widget. Values are JSON
// (0.05, 36, true, "text") or bare words, taken as strings (metric=mean).
//
// Inline, {{ID.PATH|FORMAT}} shows one value of a run's response (PATH is
// dotted: relative_lift_ci.0; FORMAT defaults to plain), and a paragraph
// holding only {{fields NAME}} or {{outputs NAME}} becomes a table of a
// calculator's specs. A reference may point at a run declared later on the
// page: every block runs before any value is resolved.
//
// The extension parses and places; a Resolver supplied per document (through
// the parser context) or per extension runs the calculators and writes the
// HTML. Problems are collected with their source line, never panicked.
package calcmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Param is one field=value of a calc block.
type Param struct {
	Name  string
	Raw   string          // as written
	Value json.RawMessage // as JSON
	Line  int             // 1-based line in the source given to the parser
}

// Block is one calc block.
type Block struct {
	ID     string
	Calc   string // the calculator's name
	Hidden bool
	Params []Param
	Line   int // line of the opening fence

	// Data is free for the resolver (for example the response).
	Data any
}

// Request is the block's request as a JSON object, fields in written order.
func (b *Block) Request() []byte {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, p := range b.Params {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, _ := json.Marshal(p.Name)
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(p.Value)
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// Ref is one inline {{ID.PATH|FORMAT}}.
type Ref struct {
	ID, Path, Format string
	Line             int
}

// Problem is one thing wrong with a calc block, as the resolver reports it:
// Field names the param at fault ("" for the block as a whole).
type Problem struct {
	Field   string
	Message string
}

// Error is a problem located in the source.
type Error struct {
	Line    int
	Message string
}

func (e Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Message) }

// Resolver runs calculators and writes the HTML the extension places.
type Resolver interface {
	// Run runs every block of the page, in page order, before anything is
	// rendered; blocks holds all of them, so refs can reach later blocks.
	Run(b *Block) []Problem
	// Widget writes a visible block's HTML; level is the heading level its
	// title should take (2..6).
	Widget(b *Block, level int) (string, error)
	// Value writes an inline reference's HTML; blocks are the page's blocks
	// by ID.
	Value(r Ref, blocks map[string]*Block) (string, error)
	// Table writes the HTML of {{fields NAME}}, {{outputs NAME}} or
	// {{errors all}} (the error codes).
	Table(kind, calc string) (string, error)
}

var (
	resolverKey = parser.NewContextKey()
	errorsKey   = parser.NewContextKey()
	blocksKey   = parser.NewContextKey()
)

// WithResolver sets the resolver of one document's parse.
func WithResolver(pc parser.Context, r Resolver) { pc.Set(resolverKey, r) }

// Errors returns the problems found while parsing a document, in source order.
func Errors(pc parser.Context) []Error {
	if v, ok := pc.Get(errorsKey).(*[]Error); ok {
		return *v
	}
	return nil
}

// Blocks returns the document's calc blocks in source order.
func Blocks(pc parser.Context) []*Block {
	if v, ok := pc.Get(blocksKey).([]*Block); ok {
		return v
	}
	return nil
}

func addError(pc parser.Context, line int, format string, args ...any) {
	v, ok := pc.Get(errorsKey).(*[]Error)
	if !ok {
		v = &[]Error{}
		pc.Set(errorsKey, v)
	}
	*v = append(*v, Error{Line: line, Message: fmt.Sprintf(format, args...)})
}

// Extension is the goldmark extension. Resolver is used when the parser
// context carries none.
type Extension struct {
	Resolver Resolver
}

// Extend adds the inline parser, the transformer and the renderers.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithInlineParsers(util.Prioritized(refParser{}, 100)),
		parser.WithASTTransformers(util.Prioritized(&transformer{def: e.Resolver}, 100)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(nodeRenderer{}, 100)))
}

// KindCalcBlock, KindValue and KindTable are the node kinds of the extension.
var (
	KindCalcBlock = ast.NewNodeKind("CalcBlock")
	KindValue     = ast.NewNodeKind("CalcValue")
	KindTable     = ast.NewNodeKind("CalcTable")
)

// CalcBlock is a calc block in the tree; HTML is what it renders to.
type CalcBlock struct {
	ast.BaseBlock
	Block *Block
	HTML  string
}

// Kind implements ast.Node.
func (n *CalcBlock) Kind() ast.NodeKind { return KindCalcBlock }

// Dump implements ast.Node.
func (n *CalcBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.Block.ID, "Calc": n.Block.Calc}, nil)
}

// Value is an inline {{...}}: a reference, or a table directive (Kind set).
type Value struct {
	ast.BaseInline
	Ref       Ref
	Directive string // "fields", "outputs" or "errors"; "" for a reference
	Arg       string
	Bad       string // the text of an invalid {{...}}
	Offset    int
	HTML      string
}

// Kind implements ast.Node.
func (n *Value) Kind() ast.NodeKind { return KindValue }

// Dump implements ast.Node.
func (n *Value) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"ID": n.Ref.ID, "Path": n.Ref.Path}, nil)
}

// Table is a spec table that replaced a {{fields NAME}} paragraph.
type Table struct {
	ast.BaseBlock
	HTML string
}

// Kind implements ast.Node.
func (n *Table) Kind() ast.NodeKind { return KindTable }

// Dump implements ast.Node.
func (n *Table) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

var (
	refRe       = regexp.MustCompile(`^([a-z0-9][a-z0-9-]*)\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)(?:\|([a-z0-9]+))?$`)
	directiveRe = regexp.MustCompile(`^(fields|outputs|errors)\s+([a-z0-9]+)$`)
	idRe        = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
	nameRe      = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// refParser reads {{...}} on one line.
type refParser struct{}

func (refParser) Trigger() []byte { return []byte{'{'} }

func (refParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if !bytes.HasPrefix(line, []byte("{{")) {
		return nil
	}
	end := bytes.Index(line, []byte("}}"))
	if end < 0 {
		return nil
	}
	inner := strings.TrimSpace(string(line[2:end]))
	n := &Value{Offset: seg.Start}
	if m := refRe.FindStringSubmatch(inner); m != nil {
		n.Ref = Ref{ID: m[1], Path: m[2], Format: m[3]}
		if n.Ref.Format == "" {
			n.Ref.Format = "plain"
		}
	} else if m := directiveRe.FindStringSubmatch(inner); m != nil {
		n.Directive, n.Arg = m[1], m[2]
	} else {
		n.Bad = inner
	}
	block.Advance(end + 2)
	return n
}

// transformer turns calc code blocks into CalcBlock nodes, runs them, and
// resolves values and tables.
type transformer struct{ def Resolver }

// Transform is goldmark's AST transformer of the extension. It is long
// because blocks, inline values and tables are resolved in one walk of the
// document, in the order their errors are reported.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	r, _ := pc.Get(resolverKey).(Resolver)
	if r == nil {
		r = t.def
	}
	lineOf := func(offset int) int { return bytes.Count(src[:min(offset, len(src))], []byte("\n")) + 1 }

	// Pass 1: replace the fenced blocks.
	var fences []*ast.FencedCodeBlock
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if f, ok := n.(*ast.FencedCodeBlock); ok && entering && string(f.Language(src)) == "calc" {
			fences = append(fences, f)
		}
		return ast.WalkContinue, nil
	})
	var blocks []*Block
	byID := map[string]*Block{}
	for _, f := range fences {
		b := parseBlock(f, src, lineOf, pc)
		node := &CalcBlock{Block: b}
		f.Parent().ReplaceChild(f.Parent(), f, node)
		if b == nil {
			continue
		}
		if prev, dup := byID[b.ID]; dup {
			addError(pc, b.Line, "calc block id %q is already used on line %d", b.ID, prev.Line)
			continue
		}
		byID[b.ID] = b
		blocks = append(blocks, b)
	}
	pc.Set(blocksKey, blocks)
	if r == nil {
		if len(blocks) > 0 {
			addError(pc, blocks[0].Line, "calc blocks need a resolver")
		}
		return
	}
	failed := map[string]bool{}
	for _, b := range blocks {
		for _, p := range r.Run(b) {
			line := b.Line
			for _, q := range b.Params {
				if q.Name == p.Field {
					line = q.Line
				}
			}
			addError(pc, line, "calc %s (%s): %s", b.ID, b.Calc, p.Message)
			failed[b.ID] = true
		}
	}

	// Pass 2: widgets, values and tables, tracking the heading level.
	level := 1
	var tables []*ast.Paragraph
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			level = n.Level
		case *CalcBlock:
			if n.Block == nil || n.Block.Hidden || failed[n.Block.ID] || byID[n.Block.ID] != n.Block {
				return ast.WalkSkipChildren, nil
			}
			h, err := r.Widget(n.Block, min(level+1, 6))
			if err != nil {
				addError(pc, n.Block.Line, "calc %s: %v", n.Block.ID, err)
			}
			n.HTML = h
		case *Value:
			line := lineOf(n.Offset)
			switch {
			case n.Bad != "":
				addError(pc, line, "{{%s}} is neither {{ID.PATH|FORMAT}} nor {{fields NAME}} / {{outputs NAME}} / {{errors all}}", n.Bad)
			case n.Directive != "":
				p, ok := n.Parent().(*ast.Paragraph)
				if !ok || p.ChildCount() != 1 {
					addError(pc, line, "{{%s %s}} must stand alone in its paragraph", n.Directive, n.Arg)
					break
				}
				tables = append(tables, p)
			default:
				n.Ref.Line = line
				if failed[n.Ref.ID] {
					break // its block's error is reported already
				}
				h, err := r.Value(n.Ref, byID)
				if err != nil {
					addError(pc, line, "{{%s.%s|%s}}: %v", n.Ref.ID, n.Ref.Path, n.Ref.Format, err)
				}
				n.HTML = h
			}
		}
		return ast.WalkContinue, nil
	})
	for _, p := range tables {
		v := p.FirstChild().(*Value)
		h, err := r.Table(v.Directive, v.Arg)
		if err != nil {
			addError(pc, lineOf(v.Offset), "{{%s %s}}: %v", v.Directive, v.Arg, err)
		}
		p.Parent().ReplaceChild(p.Parent(), p, &Table{HTML: h})
	}
}

// parseBlock reads a fenced calc block, recording problems; nil if unusable.
func parseBlock(f *ast.FencedCodeBlock, src []byte, lineOf func(int) int, pc parser.Context) *Block {
	fenceLine := 1
	if f.Info != nil {
		fenceLine = lineOf(f.Info.Segment.Start)
	}
	info := strings.Fields(string(f.Info.Segment.Value(src)))[1:]
	if len(info) == 0 || len(info) > 2 || (len(info) == 2 && info[1] != "hidden") {
		addError(pc, fenceLine, "a calc block opens with ```calc ID or ```calc ID hidden")
		return nil
	}
	b := &Block{ID: info[0], Hidden: len(info) == 2, Line: fenceLine}
	if !idRe.MatchString(b.ID) {
		addError(pc, fenceLine, "calc block id %q: use lower-case letters, digits and hyphens", b.ID)
		return nil
	}
	lines := f.Lines()
	ok := true
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		line := lineOf(seg.Start)
		words := strings.Fields(string(seg.Value(src)))
		if i == 0 {
			if len(words) == 0 {
				addError(pc, line, "calc block %s: the first line names the calculator", b.ID)
				return nil
			}
			b.Calc, words = words[0], words[1:]
		}
		for _, w := range words {
			name, raw, found := strings.Cut(w, "=")
			if !found || !nameRe.MatchString(name) || raw == "" {
				addError(pc, line, "calc block %s: %q is not field=value", b.ID, w)
				ok = false
				continue
			}
			for _, p := range b.Params {
				if p.Name == name {
					addError(pc, line, "calc block %s: %s is set twice (line %d)", b.ID, name, p.Line)
					ok = false
				}
			}
			b.Params = append(b.Params, Param{Name: name, Raw: raw, Value: jsonValue(raw), Line: line})
		}
	}
	if b.Calc == "" {
		addError(pc, fenceLine, "calc block %s is empty: its first line names the calculator", b.ID)
		return nil
	}
	if !ok {
		return nil
	}
	return b
}

// jsonValue reads a value as JSON when it is a JSON scalar, else as a string.
func jsonValue(raw string) json.RawMessage {
	var v any
	if json.Unmarshal([]byte(raw), &v) == nil {
		switch v.(type) {
		case float64, bool, string, []any, map[string]any:
			return json.RawMessage(raw)
		}
	}
	b, _ := json.Marshal(raw)
	return b
}

// nodeRenderer writes the HTML the resolver prepared.
type nodeRenderer struct{}

func (nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCalcBlock, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*CalcBlock).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindValue, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*Value).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(KindTable, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*Table).HTML)
		}
		return ast.WalkSkipChildren, nil
	})
}
