// Package serve serves the built site locally the way Netlify serves it in
// production: the files of public/ with the headers of netlify.toml's
// [[headers]] blocks (same path matching, same merging), a 404.html page,
// and the JSON API and oEmbed endpoint (proxied to the Worker in production)
// answered in-process by internal/api. Browser tests therefore run under the
// production Content-Security-Policy.
package serve

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"time"

	"github.com/roikit/roikit/internal/api"
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
	srv := &http.Server{Handler: Handler(dir, rules, api.New(api.Options{SiteURL: base})), ReadHeaderTimeout: 10 * time.Second}
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
// ranges are answered by net/http. Paths that would leave dir are refused.
// /api/ and /oembed go to api (when not nil) without the rules' headers, as
// Netlify does not add custom headers to proxied answers. dir is opened on
// every request, so a rebuild that replaces it is served at once.
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
			target := p + "/"
			if r.URL.RawQuery != "" {
				target += "?" + r.URL.RawQuery
			}
			http.Redirect(w, r, target, http.StatusMovedPermanently)
			return
		}
		f, st, err = open(root, path.Join(name, "index.html"))
	} else if err != nil && path.Ext(name) == "" {
		f, st, err = open(root, name+".html") // Netlify serves /about from about.html
	}
	if err != nil || st.IsDir() {
		if f != nil {
			f.Close()
		}
		h.notFound(w, r, root)
		return
	}
	defer f.Close()
	h.serveFile(w, r, f, st, http.StatusOK)
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
	h.serveFile(w, r, f, st, http.StatusNotFound)
}

// serveFile writes a file with its type, validators and the rules' headers
// already set on w (a rule's Content-Type wins over the extension's).
func (h *handler) serveFile(w http.ResponseWriter, r *http.Request, f *os.File, st fs.FileInfo, status int) {
	hdr := w.Header()
	if hdr.Get("Content-Type") == "" {
		hdr.Set("Content-Type", ContentType(st.Name()))
	}
	if status != http.StatusOK {
		// No validators or ranges on an error page: write it whole.
		hdr.Set("Content-Length", fmt.Sprint(st.Size()))
		hdr.Set("Cache-Control", "no-cache")
		w.WriteHeader(status)
		if r.Method != http.MethodHead {
			io.Copy(w, f)
		}
		return
	}
	hdr.Set("ETag", fmt.Sprintf(`"%x-%x"`, st.ModTime().UnixNano(), st.Size()))
	http.ServeContent(w, r, st.Name(), st.ModTime(), f)
}
