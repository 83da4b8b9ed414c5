package opts

import (
	"strings"

	"github.com/go-echarts/go-echarts/v2/types"
)

// roikit overlay of go-echarts v2.6.7 opts/js.go: the same functions without
// package-level regexp.MustCompile (which links regexp and every unicode
// table into the WebAssembly module and compiles two regexps at start-up).

const funcMarker = "__f__"

type JSFunctions struct {
	Fns []types.FuncStr
}

// dropNewlineTab is regexp `\n|\t` replaced by "".
func dropNewlineTab(s string) string {
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if c := s[i]; c != '\n' && c != '\t' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// dropComments is regexp `(//.*)\n` replaced by "": each "//" up to and
// including the next newline; a "//" with no newline after it stays.
func dropComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "//")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// AddJSFuncs adds a new JS function, for back compatibility before v2.4
// Plz use the AddJSFuncStrs instead
func (f *JSFunctions) AddJSFuncs(fn ...string) {
	for i := 0; i < len(fn); i++ {
		f.Fns = append(f.Fns, types.FuncStr(dropNewlineTab(fn[i])))
	}
}

// AddJSFuncStrs adds a new JS function string.
func (f *JSFunctions) AddJSFuncStrs(fn ...types.FuncStr) {
	for i := 0; i < len(fn); i++ {
		f.Fns = append(f.Fns, types.FuncStr(dropNewlineTab(string(fn[i]))))
	}
}

// FuncOpts returns a string suitable for options expecting pure JavaScript code insertion.
func FuncOpts(fn string) types.FuncStr {
	return types.FuncStr(replaceJsFuncs(fn))
}

// FuncStripCommentsOpts returns a string suitable for options expecting JavaScript code,
// stripping '//' comments.
func FuncStripCommentsOpts(fn string) string {
	fn = dropComments(fn)
	return replaceJsFuncs(fn)
}

// replace and clear up js functions string
func replaceJsFuncs(fn string) string {
	return funcMarker + dropNewlineTab(fn) + funcMarker
}
