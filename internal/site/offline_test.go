package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readSW splits a built /sw.js into its precache list and its script.
func readSW(t *testing.T, opts Options) (SWConfig, string) {
	t.Helper()
	sw := read(t, opts, "sw.js")
	head, script, ok := strings.Cut(sw, ";\n")
	j, found := strings.CutPrefix(head, "self.ROIKIT_SW=")
	if !ok || !found {
		t.Fatalf("sw.js does not start with self.ROIKIT_SW=...;\\n: %.80q", sw)
	}
	var cfg SWConfig
	if err := json.Unmarshal([]byte(j), &cfg); err != nil {
		t.Fatal(err)
	}
	return cfg, script
}

// TestServiceWorkerPrecache checks the precache lists of a small site: every
// page but the embed pages (in the page bundle, with netlify.toml's headers
// for its path), every asset but the embed script, the manifest and its
// icons; each integrity is the SHA-256 of the file as written; the
// pages link the manifest and the registration script, the embed pages
// neither; a changed page is a new version. It is long: one build's lists,
// checked file by file and page by page.
func TestServiceWorkerPrecache(t *testing.T) {
	opts := fixture(t, map[string]string{"guides/a.md": okGuide, "calculators/samplesize.md": "---\ntitle: Sample size\nrequest:\n  mde: 0.1\n  baseline_rate: 0.03\n---\n\nThe method.\n"})
	opts.NetlifyTOML = filepath.Join(t.TempDir(), "netlify.toml")
	toml := "[[headers]]\n  for = \"/guides/:slug/*\"\n  [headers.values]\n    Content-Security-Policy = \"frame-ancestors 'self'\"\n    X-Test = \"a\"\n"
	if err := os.WriteFile(opts.NetlifyTOML, []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	cfg, script := readSW(t, opts)
	if script != "/* sw.js */" {
		t.Errorf("the worker's script after the list is %q, want build/assets/sw.js", script)
	}
	if len(cfg.Version) != 16 {
		t.Errorf("version %q", cfg.Version)
	}
	urls := map[string]bool{}
	for _, f := range cfg.Files {
		urls[f.URL] = true
		name := strings.TrimPrefix(f.URL, "/")
		if strings.HasSuffix(name, "/") || name == "" {
			name += "index.html"
		}
		data, err := os.ReadFile(filepath.Join(opts.OutDir, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s is precached but not built: %v", f.URL, err)
			continue
		}
		sum := sha256.Sum256(data)
		if want := "sha256-" + base64.StdEncoding.EncodeToString(sum[:]); f.Integrity != want {
			t.Errorf("%s: integrity %s, the file's %s", f.URL, f.Integrity, want)
		}
		if strings.HasPrefix(f.URL, "/embed") || strings.HasPrefix(f.URL, "/assets/embed.") || strings.HasPrefix(f.URL, "/data/") || strings.HasPrefix(f.URL, "/docs/") || f.URL == "/404.html" || strings.HasPrefix(f.URL, "/icons/") || f.URL == "/sw.js" {
			t.Errorf("%s is precached", f.URL)
		}
	}
	// The pages come in the bundle, each as built, with its content type
	// and the headers netlify.toml gives its path.
	var bundle struct{ Pages []bundledPage }
	if err := json.Unmarshal([]byte(read(t, opts, strings.TrimPrefix(cfg.Bundle.URL, "/"))), &bundle); err != nil {
		t.Fatalf("the page bundle %s: %v", cfg.Bundle.URL, err)
	}
	if sum := sha256.Sum256([]byte(read(t, opts, strings.TrimPrefix(cfg.Bundle.URL, "/")))); cfg.Bundle.Integrity != "sha256-"+base64.StdEncoding.EncodeToString(sum[:]) {
		t.Errorf("the bundle's integrity %s is not its file's", cfg.Bundle.Integrity)
	}
	if len(bundle.Pages) != len(cfg.Pages) {
		t.Errorf("%d pages in the bundle, %d listed", len(bundle.Pages), len(cfg.Pages))
	}
	for i, pg := range bundle.Pages {
		if i < len(cfg.Pages) && pg.URL != cfg.Pages[i] {
			t.Errorf("bundle page %d is %s, the list's %s", i, pg.URL, cfg.Pages[i])
		}
		urls[pg.URL] = true
		if built := read(t, opts, strings.TrimPrefix(pg.URL, "/")+"index.html"); pg.Body != built {
			t.Errorf("%s: the bundle's page is not the built page", pg.URL)
		}
		headers := map[string]string{}
		for _, h := range pg.Headers {
			headers[h[0]] += h[1]
		}
		if headers["Content-Type"] != "text/html; charset=utf-8" {
			t.Errorf("%s: headers %v", pg.URL, pg.Headers)
		}
		if guide := strings.HasPrefix(pg.URL, "/guides/a/"); (headers["Content-Security-Policy"] == "frame-ancestors 'self'") != guide || (headers["X-Test"] == "a") != guide {
			t.Errorf("%s: headers %v, not netlify.toml's for its path", pg.URL, pg.Headers)
		}
		if strings.HasPrefix(pg.URL, "/embed") || strings.HasPrefix(pg.URL, "/docs/") || pg.URL == "/404.html" {
			t.Errorf("%s is precached", pg.URL)
		}
	}
	for _, want := range []string{"/", "/guides/", "/guides/a/", "/calculators/", "/calculators/samplesize/", "/calculators/roi/",
		"/manifest.webmanifest", "/favicon.svg"} {
		if !urls[want] {
			t.Errorf("%s is not precached", want)
		}
	}
	for _, a := range []string{"app.js", "charts.js", "worker.js", "wasm_exec.js", "roikit.wasm", "sw-register.js"} {
		found := false
		for u := range urls {
			found = found || strings.HasPrefix(u, "/assets/"+strings.TrimSuffix(a, filepath.Ext(a))+".")
		}
		if !found {
			t.Errorf("the asset %s is not precached", a)
		}
	}

	page := read(t, opts, "calculators/samplesize/index.html")
	embed := read(t, opts, "embed/samplesize/index.html")
	for _, want := range []string{`<link rel="manifest" href="/manifest.webmanifest">`, `<script src="/assets/sw-register.`, `" defer></script>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the calculator page lacks %s", want)
		}
		if strings.Contains(embed, want) {
			t.Errorf("the embed page has %s", want)
		}
	}

	// Another build of the same content is the same version; a changed page is another.
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	if again, _ := readSW(t, opts); again.Version != cfg.Version {
		t.Errorf("the same site built twice: versions %s and %s", cfg.Version, again.Version)
	}
	if err := os.WriteFile(filepath.Join(opts.ContentDir, "guides", "a.md"), []byte(okGuide+"\nOne more sentence.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	if changed, _ := readSW(t, opts); changed.Version == cfg.Version {
		t.Errorf("a changed guide kept the version %s", cfg.Version)
	}
}

// TestManifestAndIcons checks the web app manifest's fields and that each
// icon is a PNG of its size: transparent in the rounded corner, the theme
// blue near the edge, white on the line (the favicon's point (13,16)).
func TestManifestAndIcons(t *testing.T) {
	opts := fixture(t, map[string]string{"guides/a.md": okGuide})
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	var m struct {
		Name, ShortName, StartURL, Display, ThemeColor, BackgroundColor string
		Icons                                                           []struct{ Src, Sizes, Type string }
	}
	raw := read(t, opts, "manifest.webmanifest")
	raw = strings.NewReplacer(`"short_name"`, `"ShortName"`, `"start_url"`, `"StartURL"`, `"theme_color"`, `"ThemeColor"`, `"background_color"`, `"BackgroundColor"`).Replace(raw)
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		t.Fatal(err)
	}
	if m.Name == "" || m.ShortName != "roikit" || m.StartURL != "/" || m.Display != "standalone" || m.ThemeColor != ThemeColor || m.BackgroundColor != BackgroundColor || len(m.Icons) != 3 {
		t.Errorf("manifest %+v", m)
	}
	for _, size := range IconSizes {
		data := read(t, opts, fmt.Sprintf("icons/icon-%d.png", size))
		img, err := png.Decode(bytes.NewReader([]byte(data)))
		if err != nil {
			t.Fatalf("icon %d: %v", size, err)
		}
		if b := img.Bounds(); b.Dx() != size || b.Dy() != size {
			t.Errorf("icon %d is %v", size, b)
		}
		at := func(x, y float64) [4]uint32 { // in the favicon's 32-unit grid
			r, g, b, a := img.At(int(x*float64(size)/32), int(y*float64(size)/32)).RGBA()
			return [4]uint32{r >> 8, g >> 8, b >> 8, a >> 8}
		}
		if c := at(0.2, 0.2); c[3] != 0 {
			t.Errorf("icon %d: corner %v, want transparent", size, c)
		}
		if c := at(16, 2); c != [4]uint32{0x1d, 0x5f, 0xd1, 0xff} {
			t.Errorf("icon %d: top edge %v, want #1d5fd1", size, c)
		}
		if c := at(13, 16); c != [4]uint32{0xff, 0xff, 0xff, 0xff} {
			t.Errorf("icon %d: on the line %v, want white", size, c)
		}
	}
}
