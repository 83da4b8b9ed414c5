package site

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

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

// TestBuildPrecompresses builds a small site: every compressible file of at
// least MinCompressSize bytes has a .br and a .gz that decode to it, nothing
// else has one, and the stylesheet is inlined, not published.
func TestBuildPrecompresses(t *testing.T) {
	opts := fixture(t, map[string]string{"guides/a.md": okGuide})
	opts.CacheDir = t.TempDir()
	st, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	siblings := 0
	err = filepath.WalkDir(opts.OutDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		for _, e := range Encodings {
			if base, ok := strings.CutSuffix(p, e.Suffix); ok {
				siblings++
				orig, err := os.ReadFile(base)
				if err != nil {
					t.Errorf("%s without its file", p)
					return nil
				}
				data, _ := os.ReadFile(p)
				if !bytes.Equal(decode(t, e.Suffix, data), orig) {
					t.Errorf("%s does not decode to %s", p, filepath.Base(base))
				}
				return nil
			}
		}
		data, _ := os.ReadFile(p)
		for _, e := range Encodings {
			_, err := os.Stat(p + e.Suffix)
			if want := Compressible(p) && len(data) >= MinCompressSize; want != (err == nil) {
				t.Errorf("%s (%d bytes): %s written %v, want %v", p, len(data), e.Suffix, err == nil, want)
			}
		}
		if strings.HasPrefix(filepath.Base(p), "site.") && strings.HasSuffix(p, ".css") {
			t.Errorf("%s: the stylesheet is inlined, not published", p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if siblings == 0 || siblings != 2*st.Compress.Files || st.Compress.Computed == 0 {
		t.Errorf("%d siblings, stats %+v", siblings, st.Compress)
	}
	home := read(t, opts, "index.html")
	css, err := os.ReadFile(filepath.Join(opts.SiteDir, "css", "site.css"))
	if err != nil {
		t.Fatal(err)
	}
	// The rules are inlined, compacted (compactCSS).
	if !strings.Contains(home, "<style>") || !strings.Contains(home, "html[data-theme=\"dark\"]{color-scheme: dark}") ||
		!strings.Contains(home, "@media (") || blocksRendering(home) || strings.Contains(home, "/*") {
		t.Errorf("the stylesheet is not inlined: %.600s", home)
	}
	if len(css) < 1000 || len(st.InlineStyles) != 1 || !strings.HasPrefix(st.InlineStyles[0], "'sha256-") {
		t.Errorf("inline styles %q", st.InlineStyles)
	}
	// A second build reads the encodings from the cache: the same files.
	before := readTree(t, opts.OutDir)
	st2, err := Build(opts)
	if err != nil {
		t.Fatal(err)
	}
	if st2.Compress.Computed != 0 || st2.Compress.Cached == 0 {
		t.Errorf("second build: %+v", st2.Compress)
	}
	after := readTree(t, opts.OutDir)
	if len(before) != len(after) {
		t.Errorf("%d files, then %d", len(before), len(after))
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("%s differs on the second build", name)
		}
	}
}

func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		out[p] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStyleSources(t *testing.T) {
	cases := []struct{ csp, directive, sources string }{
		{"default-src 'self'; style-src 'self' 'sha256-x'", "style-src", "'self' 'sha256-x'"},
		{"default-src 'self'", "default-src", "'self'"},
		{"style-src-elem 'sha256-y'; style-src 'self'", "style-src-elem", "'sha256-y'"},
		{"STYLE-SRC 'self' ;  ", "style-src", "'self'"},
		{"style-src 'a'; style-src 'b'", "style-src", "'a'"}, // the first applies
		{"img-src 'self'", "", ""},
	}
	for _, c := range cases {
		d, srcs := styleSources(c.csp)
		if d != c.directive || strings.Join(srcs, " ") != c.sources {
			t.Errorf("%q: %q %q, want %q %q", c.csp, d, srcs, c.directive, c.sources)
		}
	}
}

// TestBuildChecksStyleCSP: the build fails, naming the fix, when
// netlify.toml's policies do not allow the pages' inline stylesheet.
func TestBuildChecksStyleCSP(t *testing.T) {
	opts := fixture(t, map[string]string{"guides/a.md": okGuide})
	opts.CacheDir = t.TempDir()
	st, err := Build(opts) // no netlify.toml beside content/: not checked
	if err != nil {
		t.Fatal(err)
	}
	hash := st.InlineStyles[0]
	toml := func(styleSrc string) string {
		return `[[headers]]
  for = "/*"
  [headers.values]
    X-Content-Type-Options = "nosniff"
[[headers]]
  for = "/"
  [headers.values]
    Content-Security-Policy = "default-src 'self'; ` + styleSrc + `"
[[headers]]
  for = "/embed/:name/*"
  [headers.values]
    Content-Security-Policy = "default-src 'self'; style-src 'self' ` + hash + `; frame-ancestors *"
`
	}
	cases := []struct {
		styleSrc string
		ok       bool
		wants    []string
	}{
		{"style-src 'self' " + hash, true, nil},
		{"style-src " + hash + " 'self'", true, nil},
		{"style-src 'self'", false, []string{`for "/": style-src has []`, hash}},
		{"img-src 'self'", false, []string{`for "/": default-src has []`}},
		{"style-src 'self' 'sha256-OLD='", false, []string{`sed -i "s|'sha256-OLD='|` + hash + `|g"`}},
		{"style-src 'self' 'sha256-OLD=' " + hash, false, []string{"'sha256-OLD='"}},
	}
	for _, c := range cases {
		file := filepath.Join(t.TempDir(), "netlify.toml")
		if err := os.WriteFile(file, []byte(toml(c.styleSrc)), 0o644); err != nil {
			t.Fatal(err)
		}
		o := opts
		o.NetlifyTOML = file
		_, err := Build(o)
		if c.ok != (err == nil) {
			t.Errorf("%s: error %v", c.styleSrc, err)
			continue
		}
		for _, w := range c.wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: the error lacks %s:\n%v", c.styleSrc, w, err)
			}
		}
	}
	// The default: netlify.toml beside the content folder, when it exists.
	if err := os.WriteFile(filepath.Join(filepath.Dir(opts.ContentDir), "netlify.toml"), []byte(toml("style-src 'self'")), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(opts); err == nil || !strings.Contains(err.Error(), hash) {
		t.Errorf("netlify.toml beside content/ was not checked: %v", err)
	}
	o := opts
	o.NetlifyTOML = filepath.Join(t.TempDir(), "missing.toml")
	if _, err := Build(o); err == nil {
		t.Error("a missing netlify.toml named in the options was accepted")
	}
}

// TestPruneCache: entries unused for longer than the cutoff go, recent ones
// and files that are not entries stay.
func TestPruneCache(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-2 * cacheMaxAge)
	files := map[string]bool{ // name -> kept
		cacheKeyPrefix + "br11-gz9-v1-br-aaaa": false,
		cacheKeyPrefix + "br11-gz9-v0-gz-bbbb": false,
		".tmp-" + cacheKeyPrefix + "x-123":     false,
		cacheKeyPrefix + "br11-gz9-v1-br-cccc": true, // recent
		"notes.txt":                            true, // not an entry
	}
	for name, kept := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
		if !kept || name == "notes.txt" {
			if err := os.Chtimes(p, old, old); err != nil {
				t.Fatal(err)
			}
		}
	}
	pruneCache(dir, time.Now().Add(-cacheMaxAge))
	for name, kept := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); (err == nil) != kept {
			t.Errorf("%s: kept %v, want %v", name, err == nil, kept)
		}
	}
}
