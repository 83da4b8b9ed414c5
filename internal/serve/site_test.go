package serve

import (
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/roikit/roikit/internal/site"
)

// TestBuiltSiteHeaders builds the real site (content/ and site/, with
// stand-in files for the WASM and JS assets) and serves it: every page the
// generator writes gets exactly one Content-Security-Policy, the one of its
// family, and every asset its type and caching.
func TestBuiltSiteHeaders(t *testing.T) {
	assets := t.TempDir()
	for _, name := range site.RequiredAssets {
		if err := os.WriteFile(filepath.Join(assets, name), []byte("/* stand-in for "+name+" */"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(site.Options{ContentDir: "../../content", SiteDir: "../../site", AssetsDir: assets,
		OutDir: out, BaseURL: "http://127.0.0.1:8080"}); err != nil {
		t.Fatal(err)
	}
	h := Handler(out, loadRepoRules(t), nil)
	pages, files := 0, 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := "/" + filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		urlPath := strings.TrimSuffix(rel, "index.html")
		r := get(t, h, "GET", urlPath, nil)
		files++
		if r.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", urlPath, r.StatusCode)
			return nil
		}
		for name, values := range r.Header {
			if len(values) != 1 {
				t.Errorf("%s: %s sent %d times", urlPath, name, len(values))
			}
		}
		csp := r.Header.Get("Content-Security-Policy")
		switch {
		case strings.HasSuffix(rel, ".html"):
			pages++
			want := cspPage
			if strings.HasPrefix(urlPath, "/embed/") {
				want = cspEmbed
			} else if strings.HasPrefix(urlPath, "/calculators/") && urlPath != "/calculators/" {
				want = cspCalc
			}
			if csp != want {
				t.Errorf("%s: CSP %q, want %q", urlPath, csp, want)
			}
		case strings.HasPrefix(urlPath, "/assets/"):
			if r.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" || r.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("%s: %v", urlPath, r.Header)
			}
			if strings.HasSuffix(urlPath, ".wasm") && r.Header.Get("Content-Type") != "application/wasm" {
				t.Errorf("%s: Content-Type %q", urlPath, r.Header.Get("Content-Type"))
			}
		}
		if ct := r.Header.Get("Content-Type"); ct == "application/octet-stream" {
			t.Errorf("%s: no content type", urlPath)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 8 {
		t.Errorf("only %d pages built", pages)
	}
	t.Logf("%d files, %d pages checked", files, pages)
}
