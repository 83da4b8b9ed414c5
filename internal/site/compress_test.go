package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"
)

func decode(t *testing.T, suffix string, data []byte) []byte {
	t.Helper()
	var r io.Reader
	switch suffix {
	case ".br":
		r = brotli.NewReader(bytes.NewReader(data))
	case ".gz":
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		if z.Name != "" || !z.ModTime.IsZero() {
			t.Errorf("gzip header with a name %q or a time %v", z.Name, z.ModTime)
		}
		r = z
	default:
		t.Fatalf("suffix %q", suffix)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestPrecompress(t *testing.T) {
	text := []byte(strings.Repeat("<p>roikit computes everything in your browser.</p>\n", 40))
	noise := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(rng.Uint32())
	}
	files := map[string][]byte{
		"index.html":                  text,
		"copy.html":                   text, // same bytes: compressed once, written twice
		"assets/roikit.12345678.wasm": append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte{1, 2, 3, 0}, 500)...),
		"assets/app.12345678.js":      []byte(strings.Repeat("export const a = 1;\n", 20)),
		"robots.txt":                  []byte("User-agent: *\nAllow: /\n"),          // too small
		"assets/noise.12345678.js":    noise,                                        // does not compress
		"photo.png":                   bytes.Repeat([]byte("PNG"), 1000),            // not a compressible type
		"tiny.css":                    bytes.Repeat([]byte("a"), MinCompressSize-1), // just too small
	}
	cache := t.TempDir()
	got, st := precompress(files, cache)
	want := []string{"index.html", "copy.html", "assets/roikit.12345678.wasm", "assets/app.12345678.js"}
	if len(got) != 2*len(want) || st.Files != len(want) {
		t.Errorf("%d siblings for %d files, want %d: %v", len(got), st.Files, 2*len(want), keysOf(got))
	}
	for _, name := range want {
		for _, e := range Encodings {
			data, ok := got[name+e.Suffix]
			if !ok {
				t.Errorf("no %s%s", name, e.Suffix)
				continue
			}
			if !bytes.Equal(decode(t, e.Suffix, data), files[name]) {
				t.Errorf("%s%s does not decode to the file", name, e.Suffix)
			}
			if len(data) >= len(files[name]) {
				t.Errorf("%s%s: %d bytes for %d", name, e.Suffix, len(data), len(files[name]))
			}
		}
	}
	// 4 contents (index.html and copy.html share theirs, the noise is tried
	// and not kept), 2 encodings each.
	if st.Computed != 8 || st.Cached != 0 || st.CacheDir != cache {
		t.Errorf("first run: %+v", st)
	}
	// The second run reads every encoding from the cache, with the same bytes.
	again, st2 := precompress(files, cache)
	if st2.Computed != 0 || st2.Cached != 8 || st2.Brotli != st.Brotli || st2.Gzip != st.Gzip {
		t.Errorf("second run: %+v, first %+v", st2, st)
	}
	for name, data := range got {
		if !bytes.Equal(again[name], data) {
			t.Errorf("%s differs when read from the cache", name)
		}
	}
	// Without a cache: the same bytes.
	fresh, _ := precompress(files, "")
	for name, data := range got {
		if !bytes.Equal(fresh[name], data) {
			t.Errorf("%s differs without the cache", name)
		}
	}
}

func keysOf(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestCompressible(t *testing.T) {
	for name, want := range map[string]bool{
		"index.html": true, "a/b.CSS": true, "app.1234abcd.js": true, "roikit.wasm": true, "favicon.svg": true,
		"sitemap.xml": true, "robots.txt": true, "data/x.csv": true, "x.json": true,
		"photo.png": false, "font.woff2": false, "app.js.br": false, "app.js.gz": false, "README": false,
	} {
		if Compressible(name) != want {
			t.Errorf("Compressible(%q) = %v", name, !want)
		}
	}
}
