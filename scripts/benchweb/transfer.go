package main

// The page's weight: each resource's raw body, its size compressed locally
// with brotli -q 11, and what `roikit serve` sends for it to a client that
// accepts brotli and gzip (encoding, headers, bytes).

import (
	"bytes"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os/exec"
	"strings"
)

// acceptEncoding is what benchweb asks for when it fetches a resource the
// way a browser does (Chromium sends "gzip, deflate, br, zstd").
const acceptEncoding = "br, gzip"

// served is one resource as the server sends it to a client that accepts
// brotli and gzip.
type served struct {
	bytes        int    // the body as sent (encoded)
	encoding     string // Content-Encoding, "identity" when none
	cacheControl string
	vary         string
	contentType  string // without parameters
}

// get fetches one resource's body with identity encoding: the raw size.
func get(u string) ([]byte, error) {
	body, _, err := fetch(u, "identity")
	return body, err
}

// serve fetches one resource as a browser would (Accept-Encoding: br, gzip)
// and returns how it was sent. Go's client does not decode a body whose
// encoding the caller asked for, so the length is the bytes on the wire.
func serve(u string) (served, error) {
	body, h, err := fetch(u, acceptEncoding)
	if err != nil {
		return served{}, err
	}
	s := served{bytes: len(body), encoding: h.Get("Content-Encoding"), cacheControl: h.Get("Cache-Control"),
		vary: strings.Join(h.Values("Vary"), ", ")}
	if s.encoding == "" {
		s.encoding = "identity"
	}
	s.contentType, _, _ = mime.ParseMediaType(h.Get("Content-Type"))
	return s, nil
}

func fetch(u, encoding string) ([]byte, http.Header, error) {
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		return nil, nil, err
	}
	req.Header.Set("Accept-Encoding", encoding)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, nil, fmt.Errorf("GET %s: %s", u, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	return body, resp.Header, err
}

// mustCompress tells whether a production host sends this type compressed
// (issue 9: HTML, CSS, JS and the module).
func mustCompress(contentType string) bool {
	switch contentType {
	case "text/html", "text/css", "text/javascript", "application/javascript", "application/wasm":
		return true
	}
	return false
}

// brotliSize compresses body with the brotli command at quality 11.
func brotliSize(body []byte) (int, error) {
	cmd := exec.Command("brotli", "-q", "11", "-c")
	cmd.Stdin = bytes.NewReader(body)
	out, err := cmd.Output()
	if err != nil {
		return 0, fmt.Errorf("brotli: %w", err)
	}
	return len(out), nil
}
