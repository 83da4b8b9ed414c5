// Package site builds the static website from content/ and site/ into public/.
//
// Pages: the home page, the guides (content/guides/*.md) and their index, one
// page per calculator of calc.Calculators() (content/calculators/NAME.md for
// the method) and its embed page, the docs (content/docs/*.md), 404.html,
// sitemap.xml and robots.txt. Calculators inside pages are pre-rendered by
// running the core (calc.RunJSON) and internal/charts at build time, so the
// HTML holds real results before any script runs. The build checks what a
// reader would trip on: every calc block and inline value against the core,
// every internal link and #anchor against the built pages; each problem is
// reported with its file and line. Output is deterministic: the same input
// gives byte-identical files.
package site

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"maps"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Options says where the generator reads and writes.
type Options struct {
	ContentDir string // markdown guides, e.g. "content"
	SiteDir    string // templates, styles and static files, e.g. "site"
	AssetsDir  string // built assets (WASM module, JS bundles), e.g. "build/assets"
	OutDir     string // the published folder, e.g. "public"
	BaseURL    string // absolute URL of the site, for canonical links and the sitemap
	// CacheDir caches the precompressed files by content (compress.go);
	// "" is the OS cache folder's roikit/precompressed.
	CacheDir string
	// NetlifyTOML is the netlify.toml whose Content-Security-Policy headers
	// must allow the pages' inline stylesheet by its hash (the build fails
	// otherwise, naming the fix). "" is netlify.toml beside ContentDir,
	// checked when it exists (the repository's: content/../netlify.toml).
	NetlifyTOML string
}

// Stats reports what a build wrote.
type Stats struct {
	Pages    int
	Files    int   // files written, not counting the precompressed siblings
	Bytes    int64 // their bytes
	Duration time.Duration
	// Compress reports the .br and .gz siblings written (compress.go).
	Compress CompressStats
	// InlineStyles are the CSP sources ('sha256-...') of the pages' inline
	// <style> elements, which netlify.toml's style-src must allow.
	InlineStyles []string
}

// RequiredAssets are the files of AssetsDir every build needs (site/FRONTEND.md).
// sw.js is not hashed: the build writes it to /sw.js with its precache list
// (offline.go).
var RequiredAssets = []string{"app.js", "charts.js", "worker.js", "embed.js", "sw.js", "sw-register.js", "roikit.wasm", "wasm_exec.js"}

// Build generates the site.
func Build(opts Options) (Stats, error) {
	start := time.Now()
	b, err := newBuilder(opts)
	if err != nil {
		return Stats{}, err
	}
	if err := b.build(); err != nil {
		return Stats{}, err
	}
	if err := b.offline(); err != nil {
		return Stats{}, err
	}
	styles := b.inlineStyles()
	if err := b.checkStyleCSP(styles); err != nil {
		return Stats{}, err
	}
	st, err := b.write()
	if err != nil {
		return Stats{}, err
	}
	st.Duration = time.Since(start)
	st.InlineStyles = styles
	return st, nil
}

// builder holds one build's state.
type builder struct {
	opts     Options
	base     string             // BaseURL without the trailing slash
	tmpl     *template.Template // executes widgets and results
	pristine *template.Template // never executed: cloned for each page
	pages    map[string]*output // by URL path: "/guides/x/"
	files    map[string][]byte  // other files by output path: "assets/app.1234abcd.js"
	assets   map[string]string  // logical name -> URL path
	sources  map[string]*source // by URL path, for link error lines
	errs     []string
	guides   []*guideInfo
	calcs    []*calcInfo
	docs     []*docInfo
	memo     map[string]memoRun
	css      string // site/css/site.css, inlined into every page's <head>
	// cssSections is site.css split into common rules and @only sections;
	// cssByKey caches the compacted stylesheet of each set of sections.
	cssSections []styleSection
	cssByKey    map[string]string
	sw          []byte // build/assets/sw.js, the service worker without its precache list
}

// output is one rendered HTML page.
type output struct {
	Path    string
	HTML    []byte
	Sitemap bool
}

func newBuilder(opts Options) (*builder, error) {
	u, err := url.Parse(opts.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("base URL %q must be an absolute http(s) address such as https://roikit.netlify.app", opts.BaseURL)
	}
	b := &builder{
		opts:    opts,
		base:    strings.TrimRight(opts.BaseURL, "/"),
		pages:   map[string]*output{},
		files:   map[string][]byte{},
		assets:  map[string]string{},
		sources: map[string]*source{},
		memo:    map[string]memoRun{},
	}
	if err := b.loadAssets(); err != nil {
		return nil, err
	}
	if err := b.loadTemplates(); err != nil {
		return nil, err
	}
	if err := b.addStylesheet(); err != nil {
		return nil, err
	}
	return b, nil
}

func (b *builder) errorf(format string, args ...any) {
	b.errs = append(b.errs, fmt.Sprintf(format, args...))
}

// hashedName turns app.js into app.1234abcd.js.
func hashedName(name string, data []byte) string {
	sum := sha256.Sum256(data)
	h := hex.EncodeToString(sum[:])[:8]
	ext := path.Ext(name)
	return strings.TrimSuffix(name, ext) + "." + h + ext
}

// loadAssets hashes build/assets/* and site/css/*.css into /assets/ (except
// site.css, which every page inlines), copies embed.js to /embed.js and
// site/static/* as is.
//
// It is long because each kind of asset (scripts, styles, the module, static
// files) has its own small rule, applied in one pass.
func (b *builder) loadAssets() error {
	for _, name := range RequiredAssets {
		if _, err := os.Stat(filepath.Join(b.opts.AssetsDir, name)); err != nil {
			return fmt.Errorf("missing asset %s: build it first with `make wasm assets`", filepath.Join(b.opts.AssetsDir, name))
		}
	}
	add := func(dir, name string) error {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		hn := hashedName(name, data)
		b.files["assets/"+hn] = data
		b.assets[name] = "/assets/" + hn
		return nil
	}
	for _, dir := range []string{b.opts.AssetsDir, filepath.Join(b.opts.SiteDir, "css")} {
		entries, err := os.ReadDir(dir)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if dir != b.opts.AssetsDir && !strings.HasSuffix(e.Name(), ".css") {
				continue
			}
			if dir == b.opts.AssetsDir && e.Name() == "sw.js" {
				sw, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					return err
				}
				b.sw = sw
				continue
			}
			if dir != b.opts.AssetsDir && e.Name() == "site.css" {
				css, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err != nil {
					return err
				}
				b.css = string(css)
				continue
			}
			if err := add(dir, e.Name()); err != nil {
				return err
			}
		}
	}
	if b.css == "" {
		return fmt.Errorf("missing or empty stylesheet %s", filepath.Join(b.opts.SiteDir, "css", "site.css"))
	}
	embedJS, err := os.ReadFile(filepath.Join(b.opts.AssetsDir, "embed.js"))
	if err != nil {
		return err
	}
	b.files["embed.js"] = embedJS
	static := filepath.Join(b.opts.SiteDir, "static")
	err = filepath.WalkDir(static, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == static {
				return filepath.SkipDir
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(static, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		b.files[filepath.ToSlash(rel)] = data
		return nil
	})
	if err != nil {
		return err
	}
	// Data files for the pages (the CDNOW sample of the clvfit page).
	data := filepath.Join(b.opts.ContentDir, "data")
	entries, _ := os.ReadDir(data)
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		d, err := os.ReadFile(filepath.Join(data, e.Name()))
		if err != nil {
			return err
		}
		b.files["data/"+e.Name()] = d
	}
	// The CDNOW sample the clvfit page offers (site/FRONTEND.md): the repository
	// keeps it with the shared reference data, beside content/.
	if _, ok := b.files["data/"+cdnowSample]; !ok {
		p := filepath.Join(filepath.Dir(filepath.Clean(b.opts.ContentDir)), "testdata", "shared", "data", "cdnow", cdnowSample)
		if d, err := os.ReadFile(p); err == nil {
			b.files["data/"+cdnowSample] = d
		}
	}
	return nil
}

// cdnowSample is the transactions file published at /data/.
const cdnowSample = "cdnow_sample_transactions.csv"

// asset is the template function {{asset "app.js"}}.
func (b *builder) asset(name string) (string, error) {
	if p, ok := b.assets[name]; ok {
		return p, nil
	}
	return "", fmt.Errorf("no asset %q (have %s)", name, strings.Join(slices.Sorted(maps.Keys(b.assets)), ", "))
}

// write replaces OutDir with the built files and their precompressed
// siblings (compress.go), written after them: the server uses a sibling only
// when it is not older than its file.
func (b *builder) write() (Stats, error) {
	out := filepath.Clean(b.opts.OutDir)
	if out == "." || out == "/" || out == "" || out == filepath.Clean(b.opts.ContentDir) || out == filepath.Clean(b.opts.SiteDir) || out == filepath.Clean(b.opts.AssetsDir) {
		return Stats{}, fmt.Errorf("refusing to write the site into %q: give an output folder such as public", b.opts.OutDir)
	}
	var st Stats
	all := map[string][]byte{}
	for name, data := range b.files {
		all[name] = data
	}
	for p, pg := range b.pages {
		all[pageFile(p)] = pg.HTML
		st.Pages++
	}
	cacheDir := b.opts.CacheDir
	if cacheDir == "" {
		cacheDir = defaultCacheDir()
	}
	// Compression runs while the files are written.
	type compressed struct {
		files map[string][]byte
		st    CompressStats
	}
	done := make(chan compressed, 1)
	go func() {
		files, cst := precompress(all, cacheDir)
		done <- compressed{files, cst}
	}()
	writeAll := func(files map[string][]byte) (n int, size int64, err error) {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			dst := filepath.Join(out, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				return n, size, err
			}
			if err := os.WriteFile(dst, files[name], 0o644); err != nil {
				return n, size, err
			}
			n++
			size += int64(len(files[name]))
		}
		return n, size, nil
	}
	err := os.RemoveAll(out)
	if err == nil {
		st.Files, st.Bytes, err = writeAll(all)
	}
	c := <-done
	if err != nil {
		return Stats{}, err
	}
	if _, _, err := writeAll(c.files); err != nil {
		return Stats{}, err
	}
	st.Compress = c.st
	return st, nil
}

// pageFile maps a URL path to its file: "/guides/x/" -> "guides/x/index.html".
func pageFile(p string) string {
	if strings.HasSuffix(p, "/") {
		return strings.TrimPrefix(p, "/") + "index.html"
	}
	return strings.TrimPrefix(p, "/")
}

// buildErrors joins the collected problems into one error.
func (b *builder) buildErrors() error {
	if len(b.errs) == 0 {
		return nil
	}
	return errors.New(fmt.Sprintf("%d problem(s):\n  ", len(b.errs)) + strings.Join(b.errs, "\n  "))
}

// addStylesheet adds site/css/site.css to the page templates as the template
// "site.css", which base.html inlines in a <style> element: no request
// blocks the first render. The template writes a placeholder that
// renderPage replaces with the page's rules (stylesheet.go: the common ones
// and the @only sections the page needs). Its delimiters are NUL bytes,
// which CSS never holds: the CSS is text, never template actions.
func (b *builder) addStylesheet() error {
	if strings.Contains(b.css, "</") {
		return fmt.Errorf("%s: \"</\" cannot be inlined in a <style> element", filepath.Join(b.opts.SiteDir, "css", "site.css"))
	}
	sections, err := styleSections(b.css, filepath.Join(b.opts.SiteDir, "css", "site.css"))
	if err != nil {
		return err
	}
	b.cssSections, b.cssByKey = sections, map[string]string{}
	if _, err := b.pristine.New("site.css").Delims("\x00", "\x00").Parse(stylePlaceholder); err != nil {
		return fmt.Errorf("site.css: %v", err)
	}
	return nil
}

var (
	cssComment    = regexp.MustCompile(`(?s)/\*.*?\*/`)
	cssSpace      = regexp.MustCompile(`\s+`)
	cssPunctSpace = regexp.MustCompile(` ?([{};]) ?`)
)

// compactCSS drops the comments of a stylesheet, runs of white space and
// the spaces around "{", "}" and ";", and the ";" before a "}": every page
// inlines the stylesheet, so each byte counts about 30 times in what the
// service worker downloads. It relies on what site.css holds: no string
// with two spaces in a row, a brace or a semicolon.
func compactCSS(css string) string {
	css = cssComment.ReplaceAllString(css, "")
	css = cssSpace.ReplaceAllString(css, " ")
	css = cssPunctSpace.ReplaceAllString(css, "$1")
	return strings.TrimSpace(strings.ReplaceAll(css, ";}", "}"))
}

// styleElement matches an inline <style> element and its text.
var styleElement = regexp.MustCompile(`(?is)<style(?:\s[^>]*)?>(.*?)</style>`)

// inlineStyles are the CSP hash sources of the pages' inline <style>
// elements ('sha256-BASE64' of the element's text), sorted.
func (b *builder) inlineStyles() []string {
	set := map[string]bool{}
	for _, pg := range b.pages {
		for _, m := range styleElement.FindAllSubmatch(pg.HTML, -1) {
			sum := sha256.Sum256(m[1])
			set["'sha256-"+base64.StdEncoding.EncodeToString(sum[:])+"'"] = true
		}
	}
	return slices.Sorted(maps.Keys(set))
}

// checkStyleCSP checks that every Content-Security-Policy of netlify.toml
// (the production headers, which `roikit serve` also sends) allows exactly
// the pages' inline styles among its hashes: a changed site.css changes its
// hash, and a policy without the new one would leave production unstyled.
// The error names the fix.
func (b *builder) checkStyleCSP(styles []string) error {
	file := b.netlifyTOML()
	if file == "" {
		return nil
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var cfg struct {
		Headers []struct {
			For    string         `toml:"for"`
			Values map[string]any `toml:"values"`
		} `toml:"headers"`
	}
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return fmt.Errorf("%s: %v", file, err)
	}
	want := strings.Join(styles, " ")
	var problems []string
	stale := map[string]bool{}
	for _, h := range cfg.Headers {
		for name, v := range h.Values {
			csp, ok := v.(string)
			if !ok || !strings.EqualFold(name, "Content-Security-Policy") {
				continue
			}
			directive, sources := styleSources(csp)
			if directive == "" {
				continue // no style restriction
			}
			var have []string
			for _, src := range sources {
				if strings.HasPrefix(src, "'sha256-") || strings.HasPrefix(src, "'sha384-") || strings.HasPrefix(src, "'sha512-") {
					have = append(have, src)
				}
			}
			slices.Sort(have)
			if strings.Join(have, " ") == want {
				continue
			}
			for _, src := range have {
				if !slices.Contains(styles, src) {
					stale[src] = true
				}
			}
			problems = append(problems, fmt.Sprintf("for %q: %s has [%s], the pages need [%s]", h.For, directive, strings.Join(have, " "), want))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	// One command replaces each policy's run of hashes with the pages' own
	// (base64 has no '#', the sed delimiter).
	fix := fmt.Sprintf("run\n    sed -i -E \"s#'sha256-[A-Za-z0-9+/=]+'( 'sha256-[A-Za-z0-9+/=]+')*#%s#g\" %s", want, file)
	return fmt.Errorf("%s: the Content-Security-Policy does not allow the pages' inline stylesheet (site/css/site.css, whose hash changes with it):\n  %s\n  To fix it, %s",
		file, strings.Join(problems, "\n  "), fix)
}

// netlifyTOML is the netlify.toml of the build: Options.NetlifyTOML, else
// the one beside the content folder when it exists, else "".
func (b *builder) netlifyTOML() string {
	if b.opts.NetlifyTOML != "" {
		return b.opts.NetlifyTOML
	}
	file := filepath.Join(filepath.Dir(filepath.Clean(b.opts.ContentDir)), "netlify.toml")
	if _, err := os.Stat(file); err != nil {
		return ""
	}
	return file
}

// styleSources returns the directive of a CSP that governs <style> elements
// (style-src-elem, else style-src, else default-src; "" when none) and its
// sources.
func styleSources(csp string) (string, []string) {
	directives := map[string][]string{}
	for _, d := range strings.Split(csp, ";") {
		f := strings.Fields(d)
		if len(f) == 0 {
			continue
		}
		name := strings.ToLower(f[0])
		if _, dup := directives[name]; !dup { // the first of a name applies
			directives[name] = f[1:]
		}
	}
	for _, name := range []string{"style-src-elem", "style-src", "default-src"} {
		if srcs, ok := directives[name]; ok {
			return name, srcs
		}
	}
	return "", nil
}
