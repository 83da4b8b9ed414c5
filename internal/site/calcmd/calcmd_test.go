package calcmd

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/testutil"
	"github.com/yuin/goldmark/text"
)

// echo is a resolver that writes what it was given, so the case files show
// what the extension parsed and where it placed it.
type echo struct{}

func (echo) Run(b *Block) []Problem {
	switch b.Calc {
	case "broken":
		return []Problem{{Message: "broken calculator"}}
	case "strict":
		for _, p := range b.Params {
			if p.Name != "ok" {
				return []Problem{{Field: p.Name, Message: p.Name + " is not a field"}}
			}
		}
	}
	b.Data = string(b.Request())
	return nil
}

func (echo) Widget(b *Block, level int) (string, error) {
	return fmt.Sprintf("<div class=\"calc\" data-calc=\"%s\" id=\"%s\" data-level=\"%d\" data-request='%s'></div>\n", b.Calc, b.ID, level, b.Data), nil
}

func (echo) Value(r Ref, blocks map[string]*Block) (string, error) {
	if _, ok := blocks[r.ID]; !ok {
		return "", fmt.Errorf("no block %s", r.ID)
	}
	return fmt.Sprintf("<span>%s.%s|%s</span>", r.ID, r.Path, r.Format), nil
}

func (echo) Table(kind, calc string) (string, error) {
	return fmt.Sprintf("<table data-kind=\"%s\" data-calc=\"%s\"></table>\n", kind, calc), nil
}

func newMarkdown() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(&Extension{Resolver: echo{}}))
}

// TestCases runs the goldmark case file _test/calcmd.txt.
func TestCases(t *testing.T) {
	testutil.DoTestCaseFile(newMarkdown(), "_test/calcmd.txt", t, testutil.ParseCliCaseArg()...)
}

// TestErrors checks that every problem is reported with its source line.
func TestErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []Error
	}{
		{"no id", "```calc\nroi a=1\n```\n", []Error{{1, "a calc block opens with ```calc ID or ```calc ID hidden"}}},
		{"bad flag", "text\n\n```calc x shown\nroi a=1\n```\n", []Error{{3, "a calc block opens with ```calc ID or ```calc ID hidden"}}},
		{"bad id", "```calc X_1\nroi\n```\n", []Error{{1, `calc block id "X_1": use lower-case letters, digits and hyphens`}}},
		{"empty", "```calc a\n```\n", []Error{{1, "calc block a is empty: its first line names the calculator"}}},
		{"not field=value", "```calc a\nroi a=1\nb\n```\n", []Error{{3, `calc block a: "b" is not field=value`}}},
		{"twice", "```calc a\nroi a=1\na=2\n```\n", []Error{{3, "calc block a: a is set twice (line 2)"}}},
		{"duplicate id", "```calc a\nroi\n```\n\n```calc a\nroi\n```\n", []Error{{5, `calc block id "a" is already used on line 1`}}},
		{"resolver problem on its field's line", "# T\n\n```calc a\nstrict ok=1\nbad=2\n```\n", []Error{{5, "calc a (strict): bad is not a field"}}},
		{"resolver problem of the block", "```calc a\nbroken\n```\n", []Error{{1, "calc a (broken): broken calculator"}}},
		{"unknown id", "one\n\ntwo {{b.x|int}}\n", []Error{{3, "{{b.x|int}}: no block b"}}},
		{"bad reference", "see {{ a b }}\n", []Error{{1, "{{a b}} is neither {{ID.PATH|FORMAT}} nor {{fields NAME}} / {{outputs NAME}} / {{errors all}}"}}},
		{"table not alone", "the {{fields roi}} here\n", []Error{{1, "{{fields roi}} must stand alone in its paragraph"}}},
		{"refs to a failed block are not reported twice", "```calc a\nbroken\n```\n\n{{a.x}}\n", []Error{{1, "calc a (broken): broken calculator"}}},
		{"fine", "```calc a\nroi a=1\n```\n\n{{a.x}} and later {{b.y.0|pct}}\n\n```calc b hidden\nroi\n```\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pc := parser.NewContext()
			doc := newMarkdown().Parser().Parse(text.NewReader([]byte(tt.src)), parser.WithContext(pc))
			if doc == nil {
				t.Fatal("no document")
			}
			if got := Errors(pc); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("errors:\n got %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestParams checks values and their lines.
func TestParams(t *testing.T) {
	src := "```calc plan\nsamplesize baseline_rate=0.02 metric=mean\nsides=1 flag=true name=\"two words\"\n```\n"
	pc := parser.NewContext()
	newMarkdown().Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	// The block syntax has no quoting: a value stops at the first space and
	// the rest ("words\"") is reported on its line.
	if errs := Errors(pc); len(errs) != 1 || errs[0].Line != 3 || len(Blocks(pc)) != 0 {
		t.Errorf("errors %v, blocks %d", errs, len(Blocks(pc)))
	}
	src = "```calc plan\nsamplesize baseline_rate=0.02 metric=mean\nsides=1 flag=true\n```\n"
	pc = parser.NewContext()
	newMarkdown().Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc))
	b := Blocks(pc)[0]
	if b.ID != "plan" || b.Calc != "samplesize" || b.Hidden || b.Line != 1 {
		t.Errorf("block %+v", b)
	}
	if got := string(b.Request()); got != `{"baseline_rate":0.02,"metric":"mean","sides":1,"flag":true}` {
		t.Errorf("request %s", got)
	}
	lines := []int{2, 2, 3, 3}
	for i, p := range b.Params {
		if p.Line != lines[i] {
			t.Errorf("%s on line %d, want %d", p.Name, p.Line, lines[i])
		}
	}
	var buf bytes.Buffer
	_ = newMarkdown().Convert([]byte(src), &buf)
	if !strings.Contains(buf.String(), `data-level="2"`) {
		t.Errorf("a widget before any heading takes h2: %s", buf.String())
	}
}
