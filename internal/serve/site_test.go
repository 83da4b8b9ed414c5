package serve

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/andybalholm/brotli"

	"github.com/roikit/roikit/internal/site"
)

// buildRealSite builds the real site (content/ and site/, checked against
// netlify.toml) into a temporary folder, with stand-ins for the WASM and JS
// assets large enough to be precompressed, and returns the folder.
func buildRealSite(t *testing.T) (string, site.Stats) {
	t.Helper()
	assets := t.TempDir()
	for _, name := range site.RequiredAssets {
		stand := []byte(strings.Repeat("/* stand-in for "+name+" */\n", 100))
		if err := os.WriteFile(filepath.Join(assets, name), stand, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	stats, err := site.Build(site.Options{ContentDir: "../../content", SiteDir: "../../site", AssetsDir: assets,
		OutDir: out, BaseURL: "http://127.0.0.1:8080", NetlifyTOML: repoTOML}) // the OS cache: quick after the first run
	if err != nil {
		t.Fatal(err)
	}
	return out, stats
}

// TestBuiltSiteHeaders builds the real site (content/ and site/, with
// stand-in files for the WASM and JS assets) and serves it: every page the
// generator writes gets exactly one Content-Security-Policy, the one of its
// family, which allows the page's inline stylesheet; every file gets its type
// and its cache lifetime; every compressible file is served with Vary and,
// when large enough, as brotli or gzip that decode to the file; the
// precompressed siblings are not served as files.
//
// It is long: one built site, checked file kind by file kind.
func TestBuiltSiteHeaders(t *testing.T) {
	out, stats := buildRealSite(t)
	if len(stats.InlineStyles) == 0 || !strings.Contains(cspPage, "style-src 'self' "+strings.Join(stats.InlineStyles, " ")+";") {
		t.Errorf("the pages' inline styles %q, the policy %q", stats.InlineStyles, cspPage)
	}
	h := Handler(out, loadRepoRules(t), nil)
	pages, files, compressed := 0, 0, 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := "/" + filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		for _, e := range site.Encodings {
			if base, ok := strings.CutSuffix(rel, e.Suffix); ok && site.Compressible(base) {
				if r := get(t, h, "GET", rel, nil); r.StatusCode != http.StatusNotFound {
					t.Errorf("%s: status %d, want 404 for a precompressed sibling", rel, r.StatusCode)
				}
				return nil
			}
		}
		urlPath := strings.TrimSuffix(rel, "index.html")
		r := get(t, h, "GET", urlPath, nil)
		files++
		if r.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", urlPath, r.StatusCode)
			return nil
		}
		identity := []byte(body(t, r))
		for name, values := range r.Header {
			if len(values) != 1 && name != "Content-Security-Policy" {
				t.Errorf("%s: %s sent %d times", urlPath, name, len(values))
			}
		}
		csp := r.Header.Values("Content-Security-Policy")
		if len(csp) == 0 || csp[0] != cspAll {
			t.Errorf("%s: CSP %q, want the base policy first", urlPath, csp)
		}
		cache := r.Header.Get("Cache-Control")
		wantCache := ""
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			want := cspPage
			if strings.HasPrefix(urlPath, "/embed/") {
				want = cspEmbed
			} else if strings.HasPrefix(urlPath, "/calculators/") && urlPath != "/calculators/" {
				want = cspCalc
			}
			if !sameCSP(csp, want) {
				t.Errorf("%s: CSP %q, want %q", urlPath, csp, wantCSP(want))
			}
			if !bytes.Contains(identity, []byte("<style>")) || !deferredOnly(identity) {
				t.Errorf("%s: the stylesheet is not inlined, or a linked one blocks the first paint", urlPath)
			}
			wantCache = cacheHTML
		case strings.HasPrefix(urlPath, "/assets/"):
			if r.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("%s: %v", urlPath, r.Header)
			}
			if strings.HasSuffix(urlPath, ".wasm") && r.Header.Get("Content-Type") != "application/wasm" {
				t.Errorf("%s: Content-Type %q", urlPath, r.Header.Get("Content-Type"))
			}
			wantCache = cacheImmutable
		case urlPath == "/embed.js":
			wantCache = cacheEmbedJS
		case urlPath == "/favicon.svg" || strings.HasPrefix(urlPath, "/data/") || strings.HasPrefix(urlPath, "/icons/"):
			wantCache = cacheDay
		case urlPath == "/robots.txt" || urlPath == "/sitemap.xml":
			wantCache = cacheHour
		case urlPath == "/manifest.webmanifest":
			wantCache = cacheHour
			if ct := r.Header.Get("Content-Type"); ct != "application/manifest+json" {
				t.Errorf("%s: Content-Type %q", urlPath, ct)
			}
		case urlPath == "/sw.js":
			wantCache = "no-cache"
			if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
				t.Errorf("%s: Content-Type %q", urlPath, ct)
			}
		}
		if cache == "" || cache != wantCache {
			t.Errorf("%s: Cache-Control %q, want %q (every file has a deliberate lifetime in netlify.toml)", urlPath, cache, wantCache)
		}
		ctype := r.Header.Get("Content-Type")
		if ctype == "application/octet-stream" {
			t.Errorf("%s: no content type", urlPath)
		}
		if !site.Compressible(rel) {
			if r.Header.Get("Vary") != "" {
				t.Errorf("%s: Vary %q on a file that is not compressed", urlPath, r.Header.Get("Vary"))
			}
			return nil
		}
		if r.Header.Get("Vary") != "Accept-Encoding" {
			t.Errorf("%s: Vary %q", urlPath, r.Header.Get("Vary"))
		}
		if len(identity) < site.MinCompressSize {
			return nil
		}
		compressed++
		for _, enc := range []string{"br", "gzip"} {
			r := get(t, h, "GET", urlPath, map[string]string{"Accept-Encoding": enc})
			if r.StatusCode != http.StatusOK || r.Header.Get("Content-Encoding") != enc || r.Header.Get("Content-Type") != ctype ||
				r.Header.Get("Cache-Control") != cache || r.Header.Get("Vary") != "Accept-Encoding" {
				t.Errorf("%s (%s): %d %v", urlPath, enc, r.StatusCode, r.Header)
				continue
			}
			data := []byte(body(t, r))
			if len(data) >= len(identity) {
				t.Errorf("%s (%s): %d bytes for %d", urlPath, enc, len(data), len(identity))
			}
			if got := decode(t, enc, data); !bytes.Equal(got, identity) {
				t.Errorf("%s (%s): decodes to %d bytes, not the file's %d", urlPath, enc, len(got), len(identity))
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 8 || compressed < pages {
		t.Errorf("only %d pages built, %d files compressed", pages, compressed)
	}
	t.Logf("%d files, %d pages, %d compressed files checked", files, pages, compressed)
}

func decode(t *testing.T, enc string, data []byte) []byte {
	t.Helper()
	var r io.Reader
	if enc == "br" {
		r = brotli.NewReader(bytes.NewReader(data))
	} else {
		z, err := gzip.NewReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		r = z
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// deferredOnly reports whether the only stylesheet a page links is the
// deferred one, linked with media="print" so that it never blocks the first
// paint (site/FRONTEND.md).
func deferredOnly(page []byte) bool {
	for _, link := range regexp.MustCompile(`<link rel="stylesheet"[^>]*>`).FindAll(page, -1) {
		if !bytes.Contains(link, []byte(`media="print"`)) || !bytes.Contains(link, []byte("data-deferred-styles")) {
			return false
		}
	}
	return true
}
