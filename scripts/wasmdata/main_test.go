package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
)

// memoryImage is the initial linear memory a module's data section writes
// (memory starts zeroed), and the number of its segments.
func memoryImage(t *testing.T, module []byte) ([]byte, int) {
	t.Helper()
	var mem []byte
	n := 0
	for p := 8; p < len(module); {
		id := module[p]
		size, k := uleb(module[p+1:])
		body := module[p+1+k : p+1+k+int(size)]
		p += 1 + k + int(size)
		if id != 11 {
			continue
		}
		segs, err := parseData(body)
		if err != nil {
			t.Fatal(err)
		}
		n = len(segs)
		for _, s := range segs {
			if end := int(s.addr) + len(s.data); end > len(mem) {
				mem = append(mem, make([]byte, end-len(mem))...)
			}
			copy(mem[s.addr:], s.data)
		}
	}
	return mem, n
}

// section writes one section: id, length, body.
func section(id byte, body []byte) []byte {
	return append(appendUleb([]byte{id}, uint64(len(body))), body...)
}

func TestRewriteKeepsTheMemory(t *testing.T) {
	segs := []segment{{8, []byte{1, 2, 3}}, {20, []byte{4}}, {300, []byte{5, 6}}, {301 + 1 + 1000, []byte{7}}}
	module := append([]byte("\x00asm\x01\x00\x00\x00"), section(1, []byte{0})...) // an empty type section
	module = append(module, section(11, encodeData(segs))...)
	module = append(module, section(0, []byte("\x04name"))...) // a custom section after it
	out, before, after, err := rewrite(module, 128)
	if err != nil {
		t.Fatal(err)
	}
	if before != 4 || after != 3 {
		t.Errorf("%d segments -> %d, want 4 -> 3 (8..21 merge; 300 and 1302 stay apart)", before, after)
	}
	want, _ := memoryImage(t, module)
	got, _ := memoryImage(t, out)
	if !bytes.Equal(got, want) {
		t.Error("the memory image changed")
	}
	if !bytes.HasSuffix(out, section(0, []byte("\x04name"))) {
		t.Error("the sections after the data are not kept")
	}
	if _, _, _, err := rewrite([]byte("not wasm"), 128); err == nil {
		t.Error("a file that is not WebAssembly was rewritten")
	}
	if _, _, _, err := rewrite(out[:len(out)-3], 128); err == nil {
		t.Error("a truncated module was rewritten")
	}
	high := []segment{{1 << 31, []byte{9}}}
	if segs, err := parseData(encodeData(high)); err != nil || len(segs) != 1 || segs[0].addr != 1<<31 {
		t.Errorf("an address of 2^31 reads back as %v (%v)", segs, err)
	}
	passive := append([]byte("\x00asm\x01\x00\x00\x00"), section(11, []byte{1, 1, 0})...)
	if _, _, _, err := rewrite(passive, 128); err == nil {
		t.Error("a passive segment was accepted")
	}
}

// TestRewriteGoModule: on a module the Go linker wrote, the merge keeps the
// memory byte for byte and leaves far fewer segments.
func TestRewriteGoModule(t *testing.T) {
	if runtime.GOOS == "js" {
		t.Skip("runs the go command")
	}
	path := filepath.Join(t.TempDir(), "hello.wasm")
	cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", path, "./testdata/hello")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, b)
	}
	module, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	out, before, after, err := rewrite(module, 128)
	if err != nil {
		t.Fatal(err)
	}
	want, n := memoryImage(t, module)
	got, m := memoryImage(t, out)
	if !bytes.Equal(got, want) || n != before || m != after {
		t.Fatalf("memory changed (%d vs %d bytes) or segments miscounted (%d/%d, %d/%d)", len(got), len(want), n, before, m, after)
	}
	if after*10 > before {
		t.Errorf("%d segments -> %d: expected far fewer", before, after)
	}
	t.Logf("%d data segments -> %d", before, after)
}
