package charts

import (
	"bytes"
	"compress/gzip"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestWASMSize prints what internal/charts adds to a GOOS=js GOARCH=wasm
// module (raw, gzip -9 and, when the brotli command exists, brotli -q 11),
// built as make wasm builds. A figure, not an assertion: run with
// ROIKIT_BENCH=1 go test -run TestWASMSize -v ./internal/charts/
func TestWASMSize(t *testing.T) {
	if os.Getenv("ROIKIT_BENCH") == "" {
		t.Skip("a size report: set ROIKIT_BENCH=1")
	}
	dir := t.TempDir()
	sizes := map[string][3]int{}
	for _, name := range []string{"calconly", "withcharts"} {
		out := filepath.Join(dir, name+".wasm")
		// The flags of the Makefile's wasm target (WASM_GCFLAGS)...
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-gcflags=github.com/roikit/...=-l", "-gcflags=encoding/json=-l", "-o", out, "./testdata/size/"+name)
		cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm", "GOWASM=satconv,signext")
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s: %v\n%s", name, err, b)
		}
		// and its data-segment merge after the link.
		if b, err := exec.Command("go", "run", "../../scripts/wasmdata", "-gap", "128", out).CombinedOutput(); err != nil {
			t.Fatalf("%s: wasmdata: %v\n%s", name, err, b)
		}
		raw, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var gz bytes.Buffer
		w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
		w.Write(raw)
		w.Close()
		br := -1
		if b, err := exec.Command("brotli", "-q", "11", "-c", out).Output(); err == nil {
			br = len(b)
		}
		sizes[name] = [3]int{len(raw), gz.Len(), br}
		t.Logf("%-10s raw %8d  gzip %8d  brotli %8d bytes", name, len(raw), gz.Len(), br)
	}
	a, b := sizes["calconly"], sizes["withcharts"]
	t.Logf("charts adds raw %+d (%.1f KB), gzip %+d (%.1f KB), brotli %+d (%.1f KB)",
		b[0]-a[0], float64(b[0]-a[0])/1024, b[1]-a[1], float64(b[1]-a[1])/1024, b[2]-a[2], float64(b[2]-a[2])/1024)
}
