// Package serve serves the built site locally the way Netlify serves it in
// production: the files of public/ with the headers of netlify.toml's
// [[headers]] blocks (same path matching, same merging), a 404.html page,
// and the JSON API and oEmbed endpoint (proxied to the Worker in production)
// answered in-process by internal/api. Browser tests therefore run under the
// production Content-Security-Policy.
//
// Compression, as a production host does it: `roikit build` writes NAME.br
// and NAME.gz beside each compressible file (internal/site, compress.go);
// the server picks one by the request's Accept-Encoding (brotli, then gzip,
// else the file itself), keeps the file's Content-Type, and sends Vary:
// Accept-Encoding with every compressible file, compressed or not.
package serve

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/roikit/roikit/internal/api"
	"github.com/roikit/roikit/internal/site"
)

// Run serves dir at addr (host:port; port 0 picks a free port) with the
// headers of the netlify.toml file, until ctx is done. It prints
// "Serving DIR/ at http://ADDR/" with the real address to log. The API's
// oEmbed answers use that local address as the site's URL.
func Run(ctx context.Context, dir, addr, netlifyTOML string, log io.Writer) error {
	rules, err := LoadRules(netlifyTOML)
	if err != nil {
		return err
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return fmt.Errorf("%s/ is not a built site: run `make build` first", strings.TrimRight(dir, "/"))
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	base := "http://" + displayAddr(ln.Addr())
	srv := newServer(Handler(dir, rules, api.New(api.Options{SiteURL: base})))
	fmt.Fprintf(log, "Serving %s/ at %s/\n", strings.TrimRight(dir, "/"), base)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		return srv.Shutdown(shutdown)
	}
}

// Timeouts of roikit serve's connections: a client that sends its headers or
// body slowly, or keeps an idle connection open, cannot hold a connection
// (and its goroutine) for ever. ReadTimeout covers the request body too (the
// API's largest, a clvfit transaction log of a few MB, arrives well within
// it on loopback); WriteTimeout bounds writing one answer, with room for the
// largest file (the module, a few MB) over a slow link and for a clvfit fit
// through the API (seconds).
var timeouts = struct{ readHeader, read, write, idle time.Duration }{
	readHeader: 10 * time.Second,
	read:       60 * time.Second,
	write:      5 * time.Minute,
	idle:       2 * time.Minute,
}

// newServer is the http.Server of roikit serve, with timeouts.
func newServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: timeouts.readHeader,
		ReadTimeout:       timeouts.read,
		WriteTimeout:      timeouts.write,
		IdleTimeout:       timeouts.idle,
	}
}

// displayAddr is the listener's address as a browser reaches it: an
// unspecified host (0.0.0.0, ::) is shown as 127.0.0.1.
func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok {
		return a.String()
	}
	host := tcp.IP.String()
	if tcp.IP == nil || tcp.IP.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, fmt.Sprint(tcp.Port))
}

// contentTypes are the types of the site's files, independent of the
// machine's MIME tables.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".map":         "application/json",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".webp":        "image/webp",
	".ico":         "image/x-icon",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".md":          "text/markdown; charset=utf-8",
	".webmanifest": "application/manifest+json",
	".woff2":       "font/woff2",
}

// ContentType is the Content-Type the server sends for a file name.
func ContentType(name string) string {
	if t, ok := contentTypes[strings.ToLower(path.Ext(name))]; ok {
		return t
	}
	return "application/octet-stream"
}

type handler struct {
	dir   string
	rules Rules
	api   http.Handler
}

// Handler serves the files of dir with the rules' headers: index.html for a
// directory (a directory without its trailing slash is redirected to it),
// NAME.html for /NAME, 404.html with status 404 for anything missing. GET
// and HEAD only; conditional requests (If-Modified-Since, If-None-Match) and
// ranges are answered by net/http. Compressible files are sent as their
// precompressed NAME.br or NAME.gz when the client accepts it (see
// negotiate), except for range requests, which get the file itself; those
// siblings are not files of the site: a request for one answers 404. Paths
// that would leave dir are refused. /api/ and /oembed go to api (when not
// nil) without the rules' headers, as Netlify does not add custom headers to
// proxied answers. dir is opened on every request, so a rebuild that
// replaces it is served at once.
func Handler(dir string, rules Rules, api http.Handler) http.Handler {
	return &handler{dir: dir, rules: rules, api: api}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if h.api != nil && (p == "/api" || strings.HasPrefix(p, "/api/") || p == "/oembed") {
		h.api.ServeHTTP(w, r)
		return
	}
	for name, values := range h.rules.Headers(p) {
		w.Header()[name] = values
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "Method not allowed: this is a static site.", http.StatusMethodNotAllowed)
		return
	}
	if !strings.HasPrefix(p, "/") || strings.Contains(p, "\x00") || strings.Contains(p, "\\") || hasDotDot(p) {
		http.Error(w, "Bad request path.", http.StatusBadRequest)
		return
	}
	root, err := os.OpenRoot(h.dir)
	if err != nil {
		http.Error(w, "The site folder cannot be read: run `make build`.", http.StatusInternalServerError)
		return
	}
	defer root.Close()
	name := strings.TrimPrefix(path.Clean(p), "/")
	if name == "" {
		name = "."
	}
	f, st, err := open(root, name)
	if err == nil && st.IsDir() {
		f.Close()
		if !strings.HasSuffix(p, "/") {
			// The cleaned path: "//guides" would redirect to "//guides/",
			// which a browser reads as the host "guides" (a
			// protocol-relative URL); a redirect stays on this site.
			target := sameSitePath(p) + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		name = path.Join(name, "index.html")
		f, st, err = open(root, name)
	} else if err != nil && path.Ext(name) == "" {
		name += ".html" // Netlify serves /about from about.html
		f, st, err = open(root, name)
	}
	if err != nil || st.IsDir() || isSibling(root, name) {
		if f != nil {
			f.Close()
		}
		h.notFound(w, r, root)
		return
	}
	defer f.Close()
	h.serveFile(w, r, root, name, f, st, http.StatusOK)
}

// sameSitePath is p cleaned (runs of slashes collapsed, dot segments
// resolved) and starting with exactly one slash: a path of this site
// whatever p holds, never "//host/..." (a protocol-relative URL) nor
// "/\\host" (which browsers read alike).
func sameSitePath(p string) string {
	p = path.Clean("/" + strings.ReplaceAll(p, "\\", "/"))
	return "/" + strings.TrimLeft(p, "/")
}

// isSibling reports whether name is a precompressed copy of another file of
// the site (NAME.js.br beside NAME.js).
func isSibling(root *os.Root, name string) bool {
	for _, e := range site.Encodings {
		if base, ok := strings.CutSuffix(name, e.Suffix); ok && site.Compressible(base) {
			if st, err := root.Stat(base); err == nil && !st.IsDir() {
				return true
			}
		}
	}
	return false
}

// hasDotDot reports whether a path has a ".." segment.
func hasDotDot(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." {
			return true
		}
	}
	return false
}

// open opens a file inside root (os.Root refuses names that escape it,
// symbolic links included).
func open(root *os.Root, name string) (*os.File, fs.FileInfo, error) {
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, st, nil
}

// notFound answers 404 with the site's 404.html (or a line of text).
func (h *handler) notFound(w http.ResponseWriter, r *http.Request, root *os.Root) {
	f, st, err := open(root, "404.html")
	if err != nil || st.IsDir() {
		if f != nil {
			f.Close()
		}
		http.Error(w, "404 page not found", http.StatusNotFound)
		return
	}
	defer f.Close()
	h.serveFile(w, r, root, "404.html", f, st, http.StatusNotFound)
}

// serveFile writes the file name of root (open as f) with its type,
// validators and the rules' headers already set on w (a rule's Content-Type
// wins over the extension's), compressed when it is compressible and the
// client accepts one of its precompressed siblings.
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, root *os.Root, name string, f *os.File, st fs.FileInfo, status int) {
	hdr := w.Header()
	if hdr.Get("Content-Type") == "" {
		hdr.Set("Content-Type", ContentType(st.Name()))
	}
	var (
		content  io.ReadSeeker = f
		size                   = st.Size()
		encoding string
	)
	if site.Compressible(name) {
		hdr.Add("Vary", "Accept-Encoding")
		// A range of a compressed file would be a range of the compressed
		// bytes: range requests get the file itself.
		if r.Header.Get("Range") == "" {
			if token, sf, sst := sibling(root, name, st, r.Header.Get("Accept-Encoding")); sf != nil {
				defer sf.Close()
				content, size, encoding = sf, sst.Size(), token
				hdr.Set("Content-Encoding", token)
			}
		}
	}
	if status != http.StatusOK {
		// No validators or ranges on an error page: write it whole.
		hdr.Set("Content-Length", fmt.Sprint(size))
		hdr.Set("Cache-Control", "no-cache")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			io.Copy(w, content)
		}
		return
	}
	// Each representation has its own entity tag.
	etag := fmt.Sprintf("%x-%x", st.ModTime().UnixNano(), st.Size())
	if encoding != "" {
		etag += "-" + encoding
		// http.ServeContent leaves Content-Length out when Content-Encoding
		// is set: it is set here, on the full answer only.
		w = lengthWriter{w, size}
	}
	hdr.Set("ETag", `"`+etag+`"`)
	http.ServeContent(w, r, st.Name(), st.ModTime(), content)
}

// sibling opens the precompressed copy of name the client prefers among
// those it accepts, and returns its Content-Encoding token; nil when there
// is none (or when it is older than the file, e.g. a file edited after the
// build: the file itself is served then).
func sibling(root *os.Root, name string, st fs.FileInfo, acceptEncoding string) (string, *os.File, fs.FileInfo) {
	for _, e := range negotiate(acceptEncoding) {
		f, sst, err := open(root, name+e.Suffix)
		if err != nil {
			continue
		}
		if sst.Mode().IsRegular() && !sst.ModTime().Before(st.ModTime()) {
			return e.Token, f, sst
		}
		f.Close()
	}
	return "", nil, nil
}

// negotiate returns the precompressed encodings an Accept-Encoding header
// accepts, best first: by the header's q-values, and on equal q-values in
// the server's order (brotli, then gzip). An absent or empty header accepts
// none (the file itself is sent); "*" stands for every coding the header
// does not name; q=0 refuses.
func negotiate(acceptEncoding string) []site.Encoding {
	q := map[string]float64{}
	for _, part := range strings.Split(acceptEncoding, ",") {
		coding, params, _ := strings.Cut(part, ";")
		coding = strings.ToLower(strings.TrimSpace(coding))
		if coding == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil && f >= 0 && f <= 1 {
					weight = f
				} else {
					weight = 0 // malformed: not accepted
				}
			}
		}
		if _, seen := q[coding]; !seen {
			q[coding] = weight
		}
	}
	type choice struct {
		enc site.Encoding
		q   float64
	}
	var choices []choice
	for _, e := range site.Encodings {
		w, ok := q[e.Token]
		if !ok {
			w = q["*"] // 0 when absent
		}
		if w > 0 {
			choices = append(choices, choice{e, w})
		}
	}
	// A stable sort keeps the server's order among equal q-values.
	slices.SortStableFunc(choices, func(a, b choice) int { return cmp.Compare(b.q, a.q) })
	out := make([]site.Encoding, len(choices))
	for i, c := range choices {
		out[i] = c.enc
	}
	return out
}

// lengthWriter sets Content-Length on a 200 answer before its header is
// written.
type lengthWriter struct {
	http.ResponseWriter
	n int64
}

func (w lengthWriter) WriteHeader(code int) {
	if code == http.StatusOK {
		w.Header().Set("Content-Length", strconv.FormatInt(w.n, 10))
	}
	w.ResponseWriter.WriteHeader(code)
}
