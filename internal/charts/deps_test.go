package charts

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
)

// TestWASMDeps: the browser's WebAssembly module (./wasm) links go-echarts'
// option types (opts) but none of its HTML renderer (charts, render,
// templates, components), no template package and no regexp, which would cost size
// in the browser build (README.md, "Layout": the charts are data only). Of
// gonum it links only the special functions (mathext): the fits' minimizer
// (calc/bfgs.go), eigenvalues (calc/symeig.go) and distribution functions
// (calc/distributions.go) are written in calc so that gonum's optimize,
// stat, mat, LAPACK and BLAS packages (about 87 KB of brotli) stay out.
func TestWASMDeps(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs the go command: not under GOOS=js")
	}
	cmd := exec.Command("go", "list", "-deps", "../../wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		deps[p] = true
	}
	const ge = "github.com/go-echarts/go-echarts/v2/"
	for _, want := range []string{"github.com/roikit/roikit/internal/charts", ge + "opts", ge + "types"} {
		if !deps[want] {
			t.Errorf("the WASM module does not link %s", want)
		}
	}
	// regexp too: go-echarts' own copy (third_party/go-echarts) has none, and
	// it would bring every Unicode table and start-up work with it.
	const gn = "gonum.org/v1/gonum/"
	for _, bad := range []string{"html/template", "text/template", "regexp", ge + "charts", ge + "render", ge + "templates", ge + "components",
		gn + "optimize", gn + "stat", gn + "stat/distuv", gn + "mat", gn + "lapack", gn + "blas", gn + "floats"} {
		if deps[bad] {
			t.Errorf("the WASM module links %s", bad)
		}
	}
}
