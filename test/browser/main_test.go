//go:build browser

// Package browser_test drives Debian's chromium (chromedp) against the built
// site in public/, served in-process by internal/serve with the headers of
// netlify.toml (CSP included), exactly as `roikit serve` serves it.
//
// Run it with `make browser-test` (which builds the site first), or
//
//	make build && go test -count=1 -tags browser ./test/browser/
//
// Every request the browser makes, from any tab, frame or worker, goes
// through a recording proxy in this process (--proxy-server with
// --proxy-bypass-list=<-loopback>), so the tests see requests that the
// DevTools protocol of one tab would miss (workers, cross-site iframes) and
// can check that no request leaves the site's origin and that no request
// carries a file the reader chose.
package browser_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/internal/api"
	"github.com/roikit/roikit/internal/chromium"
)

// Addresses and shared state, set by TestMain.
var (
	repoRoot  string // the repository (holds go.mod)
	publicDir string // repoRoot/public, the built site

	siteOrigin string // http://127.0.0.1:PORT1: the site under test
	hostOrigin string // http://localhost:PORT2: another origin, for host pages that embed the site
	// offlineOrigin (http://127.0.0.1:PORT3) serves the site with its real
	// service worker, for the offline tests (offline_test.go). On siteOrigin,
	// /sw.js is a worker that does nothing (noServiceWorker): the tests share
	// one browser profile, and a worker that caches the site would answer the
	// other tests' requests from its cache and add its precache downloads to
	// the requests they check.
	offlineOrigin string

	siteHandler http.Handler // internal/serve's handler of public/ (with the API)
	hostPages   = &pageStore{pages: map[string]hostPage{}}
	proxyLog    = &requestLog{}

	browserCtx context.Context // the shared browser; each test opens its own tab
)

func TestMain(m *testing.M) {
	code, err := run(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "browser tests:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// run sets up what every test shares (the built site served on three
// origins, the shared browser) and runs the tests. It is long because the
// set-up is one sequence, each step needing the one before.
func run(m *testing.M) (int, error) {
	var err error
	repoRoot, err = findRepoRoot()
	if err != nil {
		return 0, err
	}
	publicDir = filepath.Join(repoRoot, "public")
	if _, err := os.Stat(filepath.Join(publicDir, "index.html")); err != nil {
		return 0, fmt.Errorf("%s/index.html is missing: run make build first (or make browser-test, which builds)", publicDir)
	}

	siteLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	hostLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	offlineLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	proxyLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	siteOrigin = "http://" + siteLn.Addr().String()
	hostOrigin = fmt.Sprintf("http://localhost:%d", hostLn.Addr().(*net.TCPAddr).Port)
	offlineOrigin = "http://" + offlineLn.Addr().String()

	siteHandler, err = newSiteHandler(publicDir, filepath.Join(repoRoot, "netlify.toml"),
		api.New(api.Options{SiteURL: siteOrigin}))
	if err != nil {
		return 0, err
	}
	servers := []*http.Server{
		{Handler: noServiceWorker(siteHandler), ReadHeaderTimeout: 10 * time.Second},
		{Handler: hostPages, ReadHeaderTimeout: 10 * time.Second},
		{Handler: http.HandlerFunc(proxy), ReadHeaderTimeout: 10 * time.Second},
		{Handler: offlineSite, ReadHeaderTimeout: 10 * time.Second},
	}
	for i, ln := range []net.Listener{siteLn, hostLn, proxyLn, offlineLn} {
		go servers[i].Serve(ln)
	}
	defer func() {
		for _, s := range servers {
			s.Close()
		}
	}()

	// internal/chromium adds headless, no sandbox, no GPU, no background
	// networking, component updates or sync, no first run, a fresh profile.
	b, err := chromium.Start("",
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,OptimizationHints,MediaRouter,DialMediaRouteProvider,AutofillServerCommunication,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,PrivacySandboxSettings4"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("disable-client-side-phishing-detection", true),
		chromedp.Flag("disable-background-timer-throttling", true),
		chromedp.Flag("disable-renderer-backgrounding", true),
		chromedp.Flag("disable-backgrounding-occluded-windows", true),
		chromedp.Flag("disable-popup-blocking", true),
		// As chromedp's defaults: a test types faster than a person, and the
		// page writes the URL on each input event (history.replaceState),
		// which Chromium throttles after about 200 calls in 10 s.
		chromedp.Flag("disable-ipc-flooding-protection", true),
		// Every request, loopback included, goes through the recording proxy.
		chromedp.Flag("proxy-server", "http://"+proxyLn.Addr().String()),
		chromedp.Flag("proxy-bypass-list", "<-loopback>"),
		chromedp.WindowSize(1280, 900),
	)
	if err != nil {
		return 0, err
	}
	defer b.Stop()
	browserCtx = b.Context
	return m.Run(), nil
}

// findRepoRoot walks up from the working directory to the directory of go.mod.
func findRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// siteURL is the absolute address of a path of the site under test.
func siteURL(path string) string { return siteOrigin + path }

// --- the recording proxy -------------------------------------------------

// A request is one request the browser made, as the proxy saw it.
type request struct {
	Seq    int
	Method string
	URL    string // absolute
	Host   string // host:port
	Body   []byte
	Status int // the status of the answer (0 while in flight)
	When   time.Time
	// Service marks the browser's own background traffic (see chromeService).
	Service bool
}

// chromeServices are hosts Chromium itself contacts in the background
// (component updates, secure time, account and autofill services) despite
// the flags that turn most of it off. A request to one of them that carries
// no fetch metadata (Sec-Fetch-Mode), or an HTTPS tunnel to one, is the
// browser's, not a page's; the tabs' own DevTools network events (see
// newTab) still catch a page that requests such a host.
var chromeServices = map[string]bool{
	"accounts.google.com": true, "clients2.google.com": true, "update.googleapis.com": true,
	"content-autofill.googleapis.com": true, "optimizationguide-pa.googleapis.com": true,
	"redirector.gvt1.com": true, "edgedl.me.gvt1.com": true, "safebrowsingohttpgateway.googleapis.com": true,
	"android.clients.google.com": true, "www.googleapis.com": true,
}

func chromeService(r *http.Request) bool {
	host, _, err := net.SplitHostPort(r.Host)
	if err != nil {
		host = r.Host
	}
	return chromeServices[strings.ToLower(host)] && r.Header.Get("Sec-Fetch-Mode") == ""
}

// requestLog records every request that went through the proxy.
type requestLog struct {
	mu   sync.Mutex
	reqs []*request
}

func (l *requestLog) add(r *request) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.Seq = len(l.reqs)
	l.reqs = append(l.reqs, r)
}

func (l *requestLog) setStatus(r *request, status int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r.Status = status
}

// mark returns the position of the next request, for since.
func (l *requestLog) mark() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.reqs)
}

// since returns copies of the requests recorded from position i on.
func (l *requestLog) since(i int) []request {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []request
	for _, r := range l.reqs[min(i, len(l.reqs)):] {
		if !r.Service {
			out = append(out, *r)
		}
	}
	return out
}

// proxy serves the browser's proxied requests: it records each one and
// answers it with the handler of its origin. Requests for any other host (or
// HTTPS tunnels) are recorded and refused: nothing may leave the site.
func proxy(w http.ResponseWriter, r *http.Request) {
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(io.LimitReader(r.Body, 64<<20))
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	host := r.Host
	abs := r.URL.String()
	if r.Method == http.MethodConnect {
		abs = "https://" + host + "/"
	} else if !r.URL.IsAbs() {
		abs = "http://" + host + r.URL.RequestURI()
	}
	rec := &request{Method: r.Method, URL: abs, Host: host, Body: body, When: time.Now(), Service: chromeService(r)}
	proxyLog.add(rec)

	var h http.Handler
	switch {
	case r.Method != http.MethodConnect && "http://"+host == siteOrigin:
		h = noServiceWorker(siteHandler)
	case r.Method != http.MethodConnect && "http://"+host == offlineOrigin:
		h = offlineSite
	case r.Method != http.MethodConnect && "http://"+host == hostOrigin:
		h = hostPages
	default:
		proxyLog.setStatus(rec, http.StatusBadGateway)
		http.Error(w, "roikit browser tests: requests outside the site are refused", http.StatusBadGateway)
		return
	}
	// Hand the handler an origin-form request, as a direct connection would.
	r2 := r.Clone(r.Context())
	u := *r.URL
	u.Scheme, u.Host = "", ""
	r2.URL = &u
	r2.RequestURI = u.RequestURI()
	r2.Header.Del("Proxy-Connection")
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	h.ServeHTTP(sw, r2)
	proxyLog.setStatus(rec, sw.status)
}

type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (s *statusWriter) WriteHeader(code int) {
	if !s.wroteHeader {
		s.status, s.wroteHeader = code, true
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusWriter) Write(b []byte) (int, error) {
	s.wroteHeader = true
	return s.ResponseWriter.Write(b)
}

func (s *statusWriter) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// --- host pages on the second origin -------------------------------------

type hostPage struct {
	contentType string
	body        string
}

// pageStore serves the host pages that tests register, on hostOrigin.
type pageStore struct {
	mu    sync.Mutex
	pages map[string]hostPage
}

// put registers a page at path and returns its absolute URL.
func (s *pageStore) put(path, contentType, body string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = hostPage{contentType, body}
	return hostOrigin + path
}

func (s *pageStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	p, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", p.contentType)
	w.Header().Set("Cache-Control", "no-store")
	io.WriteString(w, p.body)
}

// fetch GETs a path of the site directly (not through the browser).
func fetch(t testing.TB, path string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Get(siteURL(path))
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp, body
}

// sameOrigin reports whether a recorded URL is on one of the allowed origins.
func sameOrigin(raw string, origins ...string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	for _, o := range origins {
		if strings.EqualFold(u.Scheme+"://"+u.Host, o) {
			return true
		}
	}
	return false
}
