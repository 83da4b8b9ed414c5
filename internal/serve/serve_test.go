package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roikit/roikit/internal/api"
)

// repoTOML is the repository's netlify.toml, the file production uses.
const repoTOML = "../../netlify.toml"

func loadRepoRules(t *testing.T) Rules {
	t.Helper()
	rules, err := LoadRules(repoTOML)
	if err != nil {
		t.Fatal(err)
	}
	return rules
}

// TestForRegexp checks the path matching against the cases Netlify's
// headers parser documents (netlify/build packages/headers-parser,
// for_regexp.ts and its tests): exact paths, a lone * (which also matches
// the folder itself), * inside a segment, :placeholders, optional trailing
// slash, case-insensitivity.
func TestForRegexp(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/", "/a", false},
		{"/*", "/", true},
		{"/*", "/a/b/c.js", true},
		{"/assets/*", "/assets/app.12345678.js", true},
		{"/assets/*", "/assets/", true},
		{"/assets/*", "/assets", true},
		// Netlify's quirk, kept: the slash before a lone * is optional.
		{"/assets/*", "/assetsx/a.js", true},
		{"/assets/*", "/a/assets/b.js", false},
		{"/*.wasm", "/assets/roikit.abcd1234.wasm", true},
		{"/*.wasm", "/assets/roikit.wasm.js", false},
		{"/embed.js", "/embed.js", true},
		{"/embed.js", "/embedxjs", false}, // the dot is literal
		{"/:page", "/404.html", true},
		{"/:page", "/guides/", true},
		{"/:page", "/guides/x/", false},
		{"/:page", "/", false},
		{"/embed/:name/*", "/embed/roi/", true},
		{"/embed/:name/*", "/embed/roi", true},
		{"/embed/:name/*", "/embed/", false},
		{"/embed/:name/*", "/embed/roi/extra/page", true},
		{"/Guides/:slug/*", "/guides/X/", true}, // case-insensitive
		{"/about", "/about/", true},
		{"/about/", "/about", true},
	}
	for _, c := range cases {
		if got := forRegexp(c.pattern).MatchString(c.path); got != c.want {
			t.Errorf("for %q, path %q: match %v, want %v (regexp %s)", c.pattern, c.path, got, c.want, forRegexp(c.pattern))
		}
	}
}

func TestParseRulesValues(t *testing.T) {
	rules, err := ParseRules([]byte(`
[[headers]]
  for = "/a/*"
  [headers.values]
    Cache-Control = '''
      max-age=0,
      no-cache'''
    X-List = ["one", "two"]
[[headers]]
  for = "/a/b"
  [headers.values]
    X-List = "three"
`))
	if err != nil {
		t.Fatal(err)
	}
	h := rules.Headers("/a/b")
	if got := h.Get("Cache-Control"); got != "max-age=0, no-cache" {
		t.Errorf("Cache-Control %q", got)
	}
	// Two matching blocks setting one header: both values are sent.
	if got := h.Values("X-List"); len(got) != 2 || got[0] != "one, two" || got[1] != "three" {
		t.Errorf("X-List %q", got)
	}
	if _, err := ParseRules([]byte("[[headers]]\n[headers.values]\nA = \"b\"\n")); err == nil {
		t.Error("a block without for was accepted")
	}
	if _, err := ParseRules([]byte("[[headers]]\nfor = \"/\"\n[headers.values]\nA = 3\n")); err == nil {
		t.Error("a number value was accepted")
	}
}

// The production policies, from site/FRONTEND.md "Server and headers". The
// style-src also allows the pages' inline stylesheet by its hash, which
// changes with site/css/site.css: it is read from netlify.toml's policy for
// "/" (TestBuiltSiteHeaders checks that it is the built pages' hash).
var (
	cspBase  = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src " + styleSrc() + "; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
	cspPage  = cspBase + "frame-ancestors 'self'"
	cspCalc  = cspBase + "frame-src 'self'; frame-ancestors 'self'"
	cspEmbed = cspBase + "frame-ancestors *"
	// cspAll is the base policy of every answer (netlify.toml's /*): the
	// union of the families' policies, which each page family narrows.
	cspAll = cspBase + "frame-src 'self'; frame-ancestors *"
)

// wantCSP is the list of policies an answer carries: the base policy, then
// the page family's (none for a path outside every family).
func wantCSP(family string) []string {
	if family == "" {
		return []string{cspAll}
	}
	return []string{cspAll, family}
}

// sameCSP reports whether an answer's policies are wantCSP(family).
func sameCSP(got []string, family string) bool { return slices.Equal(got, wantCSP(family)) }

// styleSrc is the style-src of netlify.toml's policy for "/", which must be
// 'self' and one hash.
func styleSrc() string {
	rules, err := LoadRules(repoTOML)
	if err != nil {
		panic(err)
	}
	m := regexp.MustCompile(`(?:^|; )style-src ('self' 'sha256-[A-Za-z0-9+/]{43}=')(?:;|$)`).FindStringSubmatch(rules.Headers("/").Get("Content-Security-Policy"))
	if m == nil {
		panic("netlify.toml: the policy for / has no style-src 'self' 'sha256-...'")
	}
	return m[1]
}

// The cache lifetimes of netlify.toml, by kind of file.
const (
	cacheHTML      = "public, max-age=0, must-revalidate"
	cacheImmutable = "public, max-age=31536000, immutable"
	cacheEmbedJS   = "public, max-age=3600, must-revalidate"
	cacheDay       = "public, max-age=86400"
	cacheHour      = "public, max-age=3600"
)

// TestNetlifyTOMLOneCSP checks the repository's netlify.toml: every path
// gets the base Content-Security-Policy, every page exactly one more, its
// family's, and no path gets any other header twice (Netlify would send both
// values: two CSPs are both enforced, "*, *" is not a valid
// Access-Control-Allow-Origin). It is long because it walks every kind of
// path of the site in turn.
func TestNetlifyTOMLOneCSP(t *testing.T) {
	rules := loadRepoRules(t)
	pages := map[string]string{
		"/":                               cspPage,
		"/404.html":                       cspPage,
		"/guides/":                        cspPage,
		"/guides/x/":                      cspPage,
		"/guides/roi-of-personalization/": cspPage,
		"/calculators/":                   cspPage,
		"/docs/":                          cspPage,
		"/docs/api/":                      cspPage,
		"/calculators/roi/":               cspCalc,
		"/calculators/samplesize":         cspCalc,
		"/embed/roi/":                     cspEmbed,
		"/embed/clvfit/":                  cspEmbed,
		"/sitemap.xml":                    cspPage,
	}
	for p, want := range pages {
		h := rules.Headers(p)
		if got := h.Values("Content-Security-Policy"); !sameCSP(got, want) {
			t.Errorf("%s: CSP %q, want exactly %q", p, got, wantCSP(want))
		}
	}
	// Non-page files and paths outside every family (a deep 404): the base
	// policy only (a policy on a script or a .wasm response does not apply
	// to the page using it; it is there for a 404 page served at any path).
	assets := []string{"/assets/app.12345678.js", "/assets/roikit.12345678.wasm", "/assets/site.12345678.css",
		"/data/cdnow_sample_transactions.csv", "/a/b/c", "/a/b/c/", "/x/y/"}
	for _, p := range assets {
		if got := rules.Headers(p).Values("Content-Security-Policy"); !sameCSP(got, "") {
			t.Errorf("%s: CSP %q, want exactly %q", p, got, wantCSP(""))
		}
	}
	for _, p := range append(assets, keys(pages)...) {
		for name, values := range rules.Headers(p) {
			if len(values) != 1 && name != "Content-Security-Policy" {
				t.Errorf("%s: %s sent %d times: %q", p, name, len(values), values)
			}
		}
		h := rules.Headers(p)
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "strict-origin-when-cross-origin" {
			t.Errorf("%s: nosniff/Referrer-Policy missing: %v", p, h)
		}
	}
	// A sample path for every block of the file: no header twice there either.
	for _, r := range rules {
		p := samplePath(r.For)
		if !r.Matches(p) {
			t.Fatalf("sample %q does not match its own pattern %q", p, r.For)
		}
		for name, values := range rules.Headers(p) {
			if name == "Content-Security-Policy" && len(values) >= 1 && len(values) <= 2 && values[0] == cspAll {
				continue
			}
			if len(values) != 1 {
				t.Errorf("%s (for %q): %s sent %d times: %q", p, r.For, name, len(values), values)
			}
		}
	}
	wasm := rules.Headers("/assets/roikit.12345678.wasm")
	if wasm.Get("Content-Type") != "application/wasm" || wasm.Get("Access-Control-Allow-Origin") != "*" ||
		wasm.Get("Cache-Control") != cacheImmutable {
		t.Errorf("wasm headers %v", wasm)
	}
	ej := rules.Headers("/embed.js")
	if ej.Get("Access-Control-Allow-Origin") != "*" || strings.Contains(ej.Get("Cache-Control"), "immutable") || ej.Get("Cache-Control") == "" {
		t.Errorf("embed.js headers %v", ej)
	}
	// One deliberate lifetime per kind of file (TestBuiltSiteHeaders checks
	// every file of the built site).
	lifetimes := map[string]string{
		"/": cacheHTML, "/404.html": cacheHTML, "/guides/": cacheHTML, "/guides/x/": cacheHTML, "/guides": cacheHTML,
		"/calculators/": cacheHTML, "/calculators/roi/": cacheHTML, "/docs/": cacheHTML, "/docs/api/": cacheHTML,
		"/embed/roi/": cacheHTML, "/embed/clvfit": cacheHTML,
		"/assets/app.12345678.js": cacheImmutable, "/assets/roikit.12345678.wasm": cacheImmutable,
		"/embed.js": cacheEmbedJS, "/favicon.svg": cacheDay, "/data/cdnow_sample_transactions.csv": cacheDay,
		"/robots.txt": cacheHour, "/sitemap.xml": cacheHour,
	}
	for p, want := range lifetimes {
		if got := rules.Headers(p).Values("Cache-Control"); len(got) != 1 || got[0] != want {
			t.Errorf("%s: Cache-Control %q, want [%q]", p, got, want)
		}
	}
}

// samplePath turns a for pattern into a path it matches.
func samplePath(pattern string) string {
	p := regexp.MustCompile(`:[A-Za-z_]+`).ReplaceAllString(pattern, "x")
	p = strings.ReplaceAll(p, "*", "a/b")
	return p
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestNetlifyTOMLBuild checks the build settings and the API proxy.
func TestNetlifyTOMLBuild(t *testing.T) {
	data, err := os.ReadFile(repoTOML)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, want := range []string{`command = "make build"`, `publish = "public"`, `GO_VERSION = "1.26.x"`, `NODE_VERSION = "22"`,
		`from = "/api/*"`, `from = "/oembed"`, "status = 200"} {
		if !strings.Contains(s, want) {
			t.Errorf("netlify.toml lacks %s", want)
		}
	}
}

// fixture writes a small built site into a temporary folder.
func fixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"index.html":                  "<!doctype html><title>home</title>",
		"404.html":                    "<!doctype html><title>Not found</title>",
		"guides/index.html":           "guides",
		"guides/x/index.html":         "guide x",
		"calculators/roi/index.html":  "roi page",
		"embed/roi/index.html":        "roi embed",
		"assets/roikit.abcd1234.wasm": "\x00asm\x01\x00\x00\x00",
		"assets/app.abcd1234.js":      "export {}",
		"assets/chunk.abcd1234.mjs":   "export {}",
		"assets/site.abcd1234.css":    "body{}",
		"embed.js":                    "(function(){})()",
		"about.html":                  "about",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func get(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func body(t *testing.T, r *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestHandler(t *testing.T) {
	dir := fixture(t)
	h := Handler(dir, loadRepoRules(t), nil)
	cases := []struct {
		path, status, ctype, body, csp string
		extra                          map[string]string
	}{
		{"/", "200", "text/html; charset=utf-8", "<!doctype html><title>home</title>", cspPage, nil},
		{"/guides/", "200", "text/html; charset=utf-8", "guides", cspPage, nil},
		{"/guides/x/", "200", "text/html; charset=utf-8", "guide x", cspPage, nil},
		{"/calculators/roi/", "200", "text/html; charset=utf-8", "roi page", cspCalc, nil},
		{"/embed/roi/?theme=dark", "200", "text/html; charset=utf-8", "roi embed", cspEmbed, nil},
		{"/about", "200", "text/html; charset=utf-8", "about", cspPage, nil},
		{"/nothing/here/", "404", "text/html; charset=utf-8", "<!doctype html><title>Not found</title>", "", nil},
		{"/404.html", "200", "text/html; charset=utf-8", "<!doctype html><title>Not found</title>", cspPage, nil},
		{"/assets/roikit.abcd1234.wasm", "200", "application/wasm", "\x00asm\x01\x00\x00\x00", "", map[string]string{
			"Cache-Control": cacheImmutable, "Access-Control-Allow-Origin": "*"}},
		{"/assets/app.abcd1234.js", "200", "text/javascript; charset=utf-8", "export {}", "", map[string]string{
			"Cache-Control": cacheImmutable, "Access-Control-Allow-Origin": "*"}},
		{"/assets/chunk.abcd1234.mjs", "200", "text/javascript; charset=utf-8", "export {}", "", nil},
		{"/assets/site.abcd1234.css", "200", "text/css; charset=utf-8", "body{}", "", nil},
		{"/embed.js", "200", "text/javascript; charset=utf-8", "(function(){})()", cspPage, map[string]string{
			"Cache-Control": cacheEmbedJS, "Access-Control-Allow-Origin": "*"}},
	}
	for _, c := range cases {
		r := get(t, h, "GET", c.path, nil)
		if fmt.Sprint(r.StatusCode) != c.status {
			t.Errorf("%s: status %d, want %s", c.path, r.StatusCode, c.status)
		}
		if got := r.Header.Get("Content-Type"); got != c.ctype {
			t.Errorf("%s: Content-Type %q, want %q", c.path, got, c.ctype)
		}
		if got := body(t, r); got != c.body {
			t.Errorf("%s: body %q, want %q", c.path, got, c.body)
		}
		if csp := r.Header.Values("Content-Security-Policy"); !sameCSP(csp, c.csp) {
			t.Errorf("%s: CSP %q, want %q", c.path, csp, wantCSP(c.csp))
		}
		if r.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: no nosniff", c.path)
		}
		for k, v := range c.extra {
			if got := r.Header.Values(k); len(got) != 1 || got[0] != v {
				t.Errorf("%s: %s = %q, want [%q]", c.path, k, got, v)
			}
		}
	}
}

func TestHandlerRedirectsAndMethods(t *testing.T) {
	h := Handler(fixture(t), loadRepoRules(t), nil)
	r := get(t, h, "GET", "/guides/x?a=1", nil)
	if r.StatusCode != http.StatusMovedPermanently || r.Header.Get("Location") != "/guides/x/?a=1" {
		t.Errorf("directory without slash: %d %q", r.StatusCode, r.Header.Get("Location"))
	}
	r = get(t, h, "POST", "/", nil)
	if r.StatusCode != http.StatusMethodNotAllowed || r.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST: %d allow %q", r.StatusCode, r.Header.Get("Allow"))
	}
	r = get(t, h, "HEAD", "/assets/roikit.abcd1234.wasm", nil)
	if r.StatusCode != 200 || r.Header.Get("Content-Length") != "8" || body(t, r) != "" || r.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("HEAD: %d length %q", r.StatusCode, r.Header.Get("Content-Length"))
	}
	r = get(t, h, "HEAD", "/missing", nil)
	if r.StatusCode != 404 || body(t, r) != "" {
		t.Errorf("HEAD missing: %d", r.StatusCode)
	}
}

func TestHandlerConditional(t *testing.T) {
	h := Handler(fixture(t), loadRepoRules(t), nil)
	r := get(t, h, "GET", "/assets/app.abcd1234.js", nil)
	etag, lm := r.Header.Get("ETag"), r.Header.Get("Last-Modified")
	if etag == "" || lm == "" {
		t.Fatalf("no validators: ETag %q Last-Modified %q", etag, lm)
	}
	if r := get(t, h, "GET", "/assets/app.abcd1234.js", map[string]string{"If-None-Match": etag}); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-None-Match: %d", r.StatusCode)
	}
	if r := get(t, h, "GET", "/assets/app.abcd1234.js", map[string]string{"If-Modified-Since": lm}); r.StatusCode != http.StatusNotModified {
		t.Errorf("If-Modified-Since: %d", r.StatusCode)
	}
	if r := get(t, h, "GET", "/assets/app.abcd1234.js", map[string]string{"If-None-Match": `"other"`}); r.StatusCode != 200 {
		t.Errorf("other ETag: %d", r.StatusCode)
	}
}

// TestHandlerTraversal sends raw requests (no client-side path cleaning)
// for files outside the site folder.
func TestHandlerTraversal(t *testing.T) {
	parent := t.TempDir()
	dir := filepath.Join(parent, "public")
	if err := os.CopyFS(dir, os.DirFS(fixture(t))); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(parent, "secret.txt"), []byte("SECRET"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(parent, "secret.txt"), filepath.Join(dir, "link.txt")); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(Handler(dir, loadRepoRules(t), nil))
	defer srv.Close()
	for _, target := range []string{"/../secret.txt", "/%2e%2e/secret.txt", "/assets/../../secret.txt",
		"/..%2fsecret.txt", "/link.txt", "/..\\secret.txt", "/%2e%2e%5csecret.txt"} {
		conn, err := net.Dial("tcp", srv.Listener.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode == 200 || strings.Contains(string(b), "SECRET") {
			t.Errorf("%s: %d %q: a file outside the site was served", target, resp.StatusCode, b)
		}
	}
}

func TestHandlerMountsAPI(t *testing.T) {
	const base = "http://127.0.0.1:9"
	h := Handler(fixture(t), loadRepoRules(t), api.New(api.Options{SiteURL: base}))
	req := httptest.NewRequest("POST", "/api/v1/samplesize", strings.NewReader(`{"baseline_rate":0.05,"mde":0.1}`))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil || rec.Code != 200 {
		t.Fatalf("POST /api/v1/samplesize: %d %s", rec.Code, rec.Body)
	}
	// R 4.2.2 power.prop.test(p1=.05, p2=.055, power=.8): n = 31233.44 per group.
	if out["n_control"] != 31234.0 {
		t.Errorf("n_control %v", out["n_control"])
	}
	// Netlify adds no custom headers to proxied answers: no page CSP here.
	if rec.Header().Get("Content-Security-Policy") != "" {
		t.Errorf("API answer carries a page CSP")
	}
	r := get(t, h, "GET", "/oembed?format=json&url="+url.QueryEscape(base+"/calculators/roi/"), nil)
	b := body(t, r)
	if r.StatusCode != 200 || !strings.Contains(b, base+"/embed/roi/") {
		t.Errorf("oembed: %d %s", r.StatusCode, b)
	}
	if r := get(t, h, "GET", "/api/v1", nil); r.StatusCode != 200 {
		t.Errorf("GET /api/v1: %d", r.StatusCode)
	}
}

// lineWriter hands the first line written to it to a channel.
type lineWriter struct{ c chan string }

func (w lineWriter) Write(p []byte) (int, error) {
	select {
	case w.c <- string(p):
	default:
	}
	return len(p), nil
}

func TestRun(t *testing.T) {
	dir := fixture(t)
	ctx, cancel := context.WithCancel(context.Background())
	lines := lineWriter{make(chan string, 1)}
	done := make(chan error, 1)
	go func() { done <- Run(ctx, dir, "127.0.0.1:0", repoTOML, lines) }()
	var line string
	select {
	case line = <-lines.c:
	case err := <-done:
		t.Fatalf("Run returned early: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Run printed nothing")
	}
	m := regexp.MustCompile(`^Serving (.+)/ at (http://127\.0\.0\.1:(\d+))/\n$`).FindStringSubmatch(line)
	if m == nil || m[1] != dir || m[3] == "0" {
		cancel()
		t.Fatalf("printed %q", line)
	}
	base := m[2]
	resp, err := http.Get(base + "/embed/roi/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !sameCSP(resp.Header.Values("Content-Security-Policy"), cspEmbed) {
		t.Errorf("GET /embed/roi/: %d %q", resp.StatusCode, resp.Header.Values("Content-Security-Policy"))
	}
	// oEmbed knows the local address as the site's.
	resp, err = http.Get(base + "/oembed?url=" + url.QueryEscape(base+"/calculators/samplesize/?mde=0.2"))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(b), base+"/embed/samplesize/?mde=0.2") {
		t.Errorf("oembed: %d %s", resp.StatusCode, b)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop")
	}
}

func TestRunErrors(t *testing.T) {
	if err := Run(context.Background(), t.TempDir(), "127.0.0.1:0", "no-such.toml", io.Discard); err == nil {
		t.Error("a missing netlify.toml was accepted")
	}
	err := Run(context.Background(), filepath.Join(t.TempDir(), "public"), "127.0.0.1:0", repoTOML, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "make build") {
		t.Errorf("missing site: %v", err)
	}
}
