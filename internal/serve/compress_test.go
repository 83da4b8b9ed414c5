package serve

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestNegotiate(t *testing.T) {
	cases := []struct {
		header string
		want   string // tokens, best first
	}{
		{"", ""},
		{"identity", ""},
		{"deflate", ""},
		{"gzip", "gzip"},
		{"br", "br"},
		{"gzip, deflate, br, zstd", "br gzip"}, // Chromium's header
		{"gzip, deflate, br", "br gzip"},
		{"br;q=0, gzip", "gzip"},
		{"gzip;q=1, br;q=0.5", "gzip br"},
		{"gzip;q=0.8, br;q=0.8", "br gzip"}, // equal: the server's order
		{"*", "br gzip"},
		{"*;q=0.5, gzip", "gzip br"},
		{"*, br;q=0", "gzip"},
		{"BR , GZip", "br gzip"},
		{"gzip;q=abc, br", "br"}, // a malformed q refuses
		{"gzip;q=2", ""},
		{",,", ""},
	}
	for _, c := range cases {
		var got []string
		for _, e := range negotiate(c.header) {
			got = append(got, e.Token)
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("Accept-Encoding %q: %q, want %q", c.header, got, c.want)
		}
	}
}

// compressFixture is fixture plus precompressed siblings whose bytes name
// them (the server does not decode them), a file without siblings, a stale
// sibling and an image.
func compressFixture(t *testing.T) string {
	t.Helper()
	dir := fixture(t)
	write := func(name, body string, mtime time.Time) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	built := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, name := range []string{"index.html", "404.html", "assets/roikit.abcd1234.wasm", "assets/app.abcd1234.js"} {
		data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		write(name, string(data), built)
		write(name+".br", "BR of "+name, built)
		write(name+".gz", "GZ of "+name, built)
	}
	// Edited after the build: its siblings are older and not used.
	write("embed.js", "(function(){ /* edited */ })()", built.Add(time.Hour))
	write("embed.js.br", "BR of embed.js", built)
	write("embed.js.gz", "GZ of embed.js", built)
	write("favicon.png", "\x89PNG", built)
	return dir
}

func TestHandlerCompression(t *testing.T) {
	h := Handler(compressFixture(t), loadRepoRules(t), nil)
	cases := []struct {
		path, accept       string
		status             int
		encoding, body     string
		ctype, cache, vary string
	}{
		// No Accept-Encoding: the file itself, and Vary all the same.
		{"/", "", 200, "", "<!doctype html><title>home</title>", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		{"/", "gzip, deflate, br, zstd", 200, "br", "BR of index.html", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		{"/", "gzip", 200, "gzip", "GZ of index.html", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		{"/", "br;q=0, gzip", 200, "gzip", "GZ of index.html", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		{"/", "deflate", 200, "", "<!doctype html><title>home</title>", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		// The module keeps its type (instantiateStreaming needs it).
		{"/assets/roikit.abcd1234.wasm", "br", 200, "br", "BR of assets/roikit.abcd1234.wasm", "application/wasm", cacheImmutable, "Accept-Encoding"},
		{"/assets/roikit.abcd1234.wasm", "gzip", 200, "gzip", "GZ of assets/roikit.abcd1234.wasm", "application/wasm", cacheImmutable, "Accept-Encoding"},
		{"/assets/app.abcd1234.js", "br", 200, "br", "BR of assets/app.abcd1234.js", "text/javascript; charset=utf-8", cacheImmutable, "Accept-Encoding"},
		// A compressible file without siblings (too small to compress).
		{"/guides/", "br", 200, "", "guides", "text/html; charset=utf-8", cacheHTML, "Accept-Encoding"},
		// Siblings older than their file are ignored.
		{"/embed.js", "br", 200, "", "(function(){ /* edited */ })()", "text/javascript; charset=utf-8", cacheEmbedJS, "Accept-Encoding"},
		// Not compressible: no Vary.
		{"/favicon.png", "br", 200, "", "\x89PNG", "image/png", "", ""},
		// The 404 page is compressed too.
		{"/missing/", "br", 404, "br", "BR of 404.html", "text/html; charset=utf-8", "no-cache", "Accept-Encoding"},
		// A sibling is not a file of the site.
		{"/assets/app.abcd1234.js.br", "br", 404, "br", "BR of 404.html", "text/html; charset=utf-8", "no-cache", "Accept-Encoding"},
		{"/index.html.gz", "", 404, "", "<!doctype html><title>Not found</title>", "text/html; charset=utf-8", "no-cache", "Accept-Encoding"},
	}
	for _, c := range cases {
		r := get(t, h, "GET", c.path, map[string]string{"Accept-Encoding": c.accept})
		got := body(t, r)
		if r.StatusCode != c.status || r.Header.Get("Content-Encoding") != c.encoding || got != c.body {
			t.Errorf("%s (Accept-Encoding %q): %d, Content-Encoding %q, body %q; want %d %q %q",
				c.path, c.accept, r.StatusCode, r.Header.Get("Content-Encoding"), got, c.status, c.encoding, c.body)
		}
		if r.Header.Get("Content-Type") != c.ctype || r.Header.Get("Cache-Control") != c.cache {
			t.Errorf("%s (Accept-Encoding %q): Content-Type %q, Cache-Control %q; want %q %q",
				c.path, c.accept, r.Header.Get("Content-Type"), r.Header.Get("Cache-Control"), c.ctype, c.cache)
		}
		if v := r.Header.Values("Vary"); strings.Join(v, ",") != c.vary {
			t.Errorf("%s (Accept-Encoding %q): Vary %q, want %q", c.path, c.accept, v, c.vary)
		}
		if cl := r.Header.Get("Content-Length"); cl != "" && cl != strconv.Itoa(len(got)) {
			t.Errorf("%s (Accept-Encoding %q): Content-Length %s for %d bytes", c.path, c.accept, cl, len(got))
		}
		if r.StatusCode == 200 && r.Header.Get("Content-Length") == "" {
			t.Errorf("%s (Accept-Encoding %q): no Content-Length", c.path, c.accept)
		}
	}
}

func TestHandlerCompressionHEADRangeConditional(t *testing.T) {
	h := Handler(compressFixture(t), loadRepoRules(t), nil)
	const wasm = "/assets/roikit.abcd1234.wasm"
	br := "BR of assets/roikit.abcd1234.wasm"

	// HEAD: the headers of the GET, the compressed length, no body.
	r := get(t, h, "HEAD", wasm, map[string]string{"Accept-Encoding": "br"})
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "br" || r.Header.Get("Content-Length") != strconv.Itoa(len(br)) ||
		r.Header.Get("Content-Type") != "application/wasm" || r.Header.Get("Vary") != "Accept-Encoding" || body(t, r) != "" {
		t.Errorf("HEAD br: %d %v", r.StatusCode, r.Header)
	}
	r = get(t, h, "HEAD", wasm, nil)
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "" || r.Header.Get("Content-Length") != "8" || body(t, r) != "" {
		t.Errorf("HEAD identity: %d %v", r.StatusCode, r.Header)
	}

	// A range request gets a range of the file itself, whatever it accepts.
	r = get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "br, gzip", "Range": "bytes=0-3"})
	if r.StatusCode != http.StatusPartialContent || r.Header.Get("Content-Encoding") != "" || body(t, r) != "\x00asm" ||
		r.Header.Get("Content-Range") != "bytes 0-3/8" || r.Header.Get("Vary") != "Accept-Encoding" {
		t.Errorf("range: %d %v", r.StatusCode, r.Header)
	}

	// Each representation has its own ETag, and revalidates with it.
	plain := get(t, h, "GET", wasm, nil).Header.Get("ETag")
	rbr := get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "br"})
	rgz := get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "gzip"})
	tags := []string{plain, rbr.Header.Get("ETag"), rgz.Header.Get("ETag")}
	if slices.Contains(tags, "") || tags[0] == tags[1] || tags[1] == tags[2] || tags[0] == tags[2] {
		t.Fatalf("ETags %q", tags)
	}
	r = get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "br", "If-None-Match": tags[1]})
	if r.StatusCode != http.StatusNotModified || r.Header.Get("Content-Encoding") != "" || body(t, r) != "" {
		t.Errorf("If-None-Match br: %d %v", r.StatusCode, r.Header)
	}
	// The br tag does not validate the identity representation.
	r = get(t, h, "GET", wasm, map[string]string{"If-None-Match": tags[1]})
	if r.StatusCode != 200 || body(t, r) != "\x00asm\x01\x00\x00\x00" {
		t.Errorf("If-None-Match br without Accept-Encoding: %d", r.StatusCode)
	}
	// If-Range with the br tag on a range request: the whole file.
	r = get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "br", "Range": "bytes=0-3", "If-Range": tags[1]})
	if r.StatusCode != 200 || r.Header.Get("Content-Encoding") != "" || body(t, r) != "\x00asm\x01\x00\x00\x00" {
		t.Errorf("If-Range br: %d %v", r.StatusCode, r.Header)
	}
	// A failed precondition writes no body: no Content-Length of the sibling.
	r = get(t, h, "GET", wasm, map[string]string{"Accept-Encoding": "br", "If-Match": `"other"`})
	if r.StatusCode != http.StatusPreconditionFailed || r.Header.Get("Content-Length") == strconv.Itoa(len(br)) {
		t.Errorf("If-Match: %d %v", r.StatusCode, r.Header)
	}
}
