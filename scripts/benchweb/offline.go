package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
)

// targetFirstVisit is issue 13's budget for a calculator page's first
// visit with the service worker: the page's own transfer, and what the
// worker downloads in the background to make the whole site work offline.
const targetFirstVisit = 1_500_000

var swConfig = regexp.MustCompile(`(?s)^self\.ROIKIT_SW=(\{.*?\});\n`)

// printPrecache prints the bytes the service worker's install downloads
// (each precached file, and the page bundle, as `roikit serve` sends it with Accept-Encoding:
// br, gzip, plus /sw.js itself), against the first-visit budget: the
// precache holds every page the visit needs, so it bounds a first visit.
func printPrecache(base *url.URL) {
	get := func(path, encodings string) ([]byte, error) {
		req, _ := http.NewRequest(http.MethodGet, base.ResolveReference(&url.URL{Path: path[1:]}).String(), nil)
		req.Header.Set("Accept-Encoding", encodings)
		res, err := http.DefaultTransport.RoundTrip(req) // the body as encoded on the wire
		if err != nil {
			return nil, err
		}
		defer res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("%s: %s", path, res.Status)
		}
		return io.ReadAll(res.Body)
	}
	sw, err := get("/sw.js", "br, gzip")
	if err != nil {
		fmt.Println("\nprecache: n/a:", err)
		return
	}
	plain, err := get("/sw.js", "identity")
	if err != nil {
		fmt.Println("\nprecache: n/a:", err)
		return
	}
	m := swConfig.FindSubmatch(plain)
	var cfg struct {
		Files  []struct{ URL string } `json:"files"`
		Bundle struct{ URL string }   `json:"bundle"` // the pages, in one file
	}
	if m == nil || json.Unmarshal(m[1], &cfg) != nil {
		fmt.Println("\nprecache: n/a: /sw.js has no precache list")
		return
	}
	total := len(sw)
	files := cfg.Files
	if cfg.Bundle.URL != "" {
		files = append(files, cfg.Bundle)
	}
	for _, f := range files {
		body, err := get(f.URL, "br, gzip")
		if err != nil {
			fmt.Println("\nprecache: n/a:", err)
			return
		}
		total += len(body)
	}
	verdict := "met"
	if total > targetFirstVisit {
		verdict = "not met"
	}
	fmt.Printf("\noffline (issue 13): the service worker's install downloads %d files and /sw.js: %s B sent (target <= %s B for a first visit): %s\n",
		len(files), group(total), group(targetFirstVisit), verdict)
}
