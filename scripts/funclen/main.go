// Command funclen lists the Go functions longer than a limit whose doc
// comment does not say why (a comment with the word "long" in it), and the
// page scripts longer than theirs; it exits 1 when it finds any. make lint
// runs it on the files git tracks:
//
//	go run ./scripts/funclen [-max 80] [-js-max 400] FILE...
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"strings"
)

func main() {
	maxGo := flag.Int("max", 80, "the most lines a Go function may have without a comment saying why it is long")
	maxJS := flag.Int("js-max", 400, "the most lines a page script (.js) may have")
	flag.Parse()
	var problems []string
	for _, path := range flag.Args() {
		switch {
		case strings.HasSuffix(path, ".go"):
			p, err := longFunctions(path, *maxGo)
			if err != nil {
				fmt.Fprintln(os.Stderr, "funclen:", err)
				os.Exit(2)
			}
			problems = append(problems, p...)
		case strings.HasSuffix(path, ".js"):
			data, err := os.ReadFile(path)
			if err != nil {
				fmt.Fprintln(os.Stderr, "funclen:", err)
				os.Exit(2)
			}
			if n := bytes.Count(data, []byte("\n")); n > *maxJS {
				problems = append(problems, fmt.Sprintf("%s: %d lines, more than %d: split it by concern", path, n, *maxJS))
			}
		}
	}
	for _, p := range problems {
		fmt.Println(p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// longFunctions returns the functions of a Go file longer than max lines
// whose doc comment does not mention why ("long").
func longFunctions(path string, max int) ([]string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
		if lines <= max || (fn.Doc != nil && strings.Contains(strings.ToLower(fn.Doc.Text()), "long")) {
			continue
		}
		out = append(out, fmt.Sprintf("%s:%d: %s is %d lines, more than %d, and its doc comment does not say why it is long",
			path, fset.Position(fn.Pos()).Line, fn.Name.Name, lines, max))
	}
	return out, nil
}
