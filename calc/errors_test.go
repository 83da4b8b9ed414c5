package calc

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"
)

// TestErrorCodeTable: every Code constant of errors.go is in the table
// once, the table has no other code, and each class of code has its HTTP
// status.
func TestErrorCodeTable(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "errors.go", nil, 0)
	if err != nil {
		t.Skipf("errors.go is not readable here (%v)", err) // GOOS=js runs without the source tree's files at hand
	}
	consts := map[string]bool{}
	ast.Inspect(f, func(n ast.Node) bool {
		vs, ok := n.(*ast.ValueSpec)
		if !ok || len(vs.Names) != 1 || !strings.HasPrefix(vs.Names[0].Name, "Code") || len(vs.Values) != 1 {
			return true
		}
		if lit, ok := vs.Values[0].(*ast.BasicLit); ok {
			v, _ := strconv.Unquote(lit.Value)
			consts[v] = true
		}
		return true
	})
	seen := map[string]bool{}
	for _, e := range ErrorCodes() {
		if seen[e.Code] {
			t.Errorf("%s is in the table twice", e.Code)
		}
		seen[e.Code] = true
		if !consts[e.Code] {
			t.Errorf("%s is in the table but has no Code constant", e.Code)
		}
		if e.Meaning == "" {
			t.Errorf("%s has no meaning", e.Code)
		}
	}
	for c := range consts {
		if !seen[c] {
			t.Errorf("the constant %q is not in the table", c)
		}
	}
	for code, want := range map[string]int{CodeOutOfRange: 422, CodeRequired: 422, CodeMalformedJSON: 400, CodeUnknownCalc: 404,
		CodeTooLarge: 413, CodeMethod: 405, CodeInternal: 500, "no such code": 500, CodeEngineFailed: 500} {
		if got := HTTPStatus(code); got != want {
			t.Errorf("HTTPStatus(%q) = %d, want %d", code, got, want)
		}
	}
}

// TestResultStatuses: a result's HTTP status is its first error's.
func TestResultStatuses(t *testing.T) {
	for _, tt := range []struct {
		name, request string
		want          int
	}{
		{"samplesize", `{"baseline_rate": 0.05, "mde": 0.1}`, 200},
		{"samplesize", `{"mde": 0.1}`, 422},
		{"samplesize", `[1]`, 400},
		{"nope", `{}`, 404},
	} {
		if got := Run(tt.name, []byte(tt.request), Hooks{}).HTTPStatus(); got != tt.want {
			t.Errorf("%s %s: HTTP %d, want %d", tt.name, tt.request, got, tt.want)
		}
	}
	if got := string(ErrorJSON(CodeInternal, "x")); got != `{"errors":[{"field":"","code":"internal","message":"x"}]}` {
		t.Errorf("ErrorJSON = %s", got)
	}
}
