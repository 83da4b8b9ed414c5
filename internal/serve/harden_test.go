package serve

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestRedirectsStaySameSite: a directory asked for without its trailing
// slash is redirected to a path of this site, whatever slashes the request
// path starts with ("//guides" used to redirect to "//guides/", which a
// browser reads as the host "guides").
func TestRedirectsStaySameSite(t *testing.T) {
	h := Handler(fixture(t), loadRepoRules(t), nil)
	cases := []struct{ target, want string }{
		{"/guides", "/guides/"},
		{"//guides", "/guides/"},
		{"///guides", "/guides/"},
		{"//guides/x?a=1", "/guides/x/?a=1"},
		{"/guides//x", "/guides/x/"},
		{"//embed/roi?theme=dark", "/embed/roi/?theme=dark"},
	}
	for _, c := range cases {
		// httptest.NewRequest would read "//guides" as a host: build the
		// request line's path as a server receives it.
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader("GET " + c.target + " HTTP/1.1\r\nHost: site.test\r\n\r\n")))
		if err != nil {
			t.Fatal(err)
		}
		rec := newRecorder()
		h.ServeHTTP(rec, req)
		loc := rec.Header().Get("Location")
		if rec.code != http.StatusMovedPermanently || loc != c.want {
			t.Errorf("%s: %d Location %q, want 301 %q", c.target, rec.code, loc, c.want)
		}
		if u, err := url.Parse(loc); err != nil || u.Host != "" || u.Scheme != "" || strings.HasPrefix(loc, "//") {
			t.Errorf("%s: Location %q leaves the site", c.target, loc)
		}
		if !hasFrameAncestors(rec.Header().Values("Content-Security-Policy")) {
			t.Errorf("%s: the redirect has no CSP with frame-ancestors: %q", c.target, rec.Header().Values("Content-Security-Policy"))
		}
	}
}

// TestEveryAnswerCarriesCSP: deep 404s, redirects, missing assets, refused
// methods and bad paths carry a Content-Security-Policy with frame-ancestors
// and script-src 'self' (the site's static answers; the API's answers are
// the Worker's, TestHandlerMountsAPI).
func TestEveryAnswerCarriesCSP(t *testing.T) {
	h := Handler(fixture(t), loadRepoRules(t), nil)
	cases := []struct {
		method, path string
		status       int
	}{
		{"GET", "/a/b/c", 404},
		{"GET", "/a/b/c/", 404},
		{"HEAD", "/a/b/c", 404},
		{"GET", "/nothing/here/", 404},
		{"GET", "/missing", 404},
		{"GET", "/assets/missing.12345678.js", 404},
		{"GET", "/data/missing.csv", 404},
		{"GET", "/guides/x/y/z", 404},
		{"GET", "/guides", 301},
		{"GET", "/calculators/roi", 301},
		{"POST", "/a/b/c", 405},
		{"GET", "/a/%00/b", 400},
		{"GET", "/", 200},
		{"GET", "/assets/app.abcd1234.js", 200},
	}
	for _, c := range cases {
		r := get(t, h, c.method, c.path, nil)
		csp := r.Header.Values("Content-Security-Policy")
		if r.StatusCode != c.status || !hasFrameAncestors(csp) {
			t.Errorf("%s %s: %d, CSP %q; want %d with a CSP naming frame-ancestors", c.method, c.path, r.StatusCode, csp, c.status)
		}
		for _, p := range csp {
			if !strings.Contains(p, "script-src 'self' 'wasm-unsafe-eval';") || !strings.Contains(p, "object-src 'none'") {
				t.Errorf("%s %s: policy %q is not the site's", c.method, c.path, p)
			}
		}
	}
}

// hasFrameAncestors reports whether one of the policies names frame-ancestors.
func hasFrameAncestors(policies []string) bool {
	for _, p := range policies {
		if strings.Contains(p, "frame-ancestors ") {
			return true
		}
	}
	return false
}

// recorder is a minimal http.ResponseWriter (httptest.ResponseRecorder
// without its request-target handling).
type recorder struct {
	h    http.Header
	code int
}

func newRecorder() *recorder                    { return &recorder{h: http.Header{}} }
func (r *recorder) Header() http.Header         { return r.h }
func (r *recorder) Write(p []byte) (int, error) { return len(p), nil }
func (r *recorder) WriteHeader(code int)        { r.code = code }

// TestServerTimeouts: roikit serve's server has every timeout, and a client
// that sends its headers slowly or keeps an idle connection is cut off.
func TestServerTimeouts(t *testing.T) {
	srv := newServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.IdleTimeout <= 0 || srv.WriteTimeout < time.Minute {
		t.Errorf("timeouts: read header %v, read %v, write %v, idle %v", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout)
	}
	saved := timeouts
	defer func() { timeouts = saved }()
	timeouts.readHeader, timeouts.read, timeouts.idle = 300*time.Millisecond, 2*time.Second, 300*time.Millisecond
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv = newServer(Handler(fixture(t), loadRepoRules(t), nil))
	go srv.Serve(ln)
	defer srv.Close()

	closedWithin := func(conn net.Conn, d time.Duration) bool {
		conn.SetReadDeadline(time.Now().Add(d))
		_, err := io.Copy(io.Discard, conn)
		return err == nil // EOF: the server closed the connection
	}
	// Slow headers: half a request line, then nothing.
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprint(conn, "GET / HTTP/1.1\r\nHost: x\r\n")
	if !closedWithin(conn, 5*time.Second) {
		t.Error("a client sending its headers slowly kept the connection")
	}
	// Idle keep-alive connection after an answer.
	idle, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer idle.Close()
	fmt.Fprint(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	br := bufio.NewReader(idle)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	idle.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.Copy(io.Discard, br); err != nil {
		t.Error("an idle connection was kept open")
	}
}
