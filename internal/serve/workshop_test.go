package serve

import (
	"encoding/csv"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestWorkshopKitDownloads builds the real site and downloads each file the
// workshop page links under /data/ as a browser would, through the handler
// with netlify.toml's headers: each answers 200 with a text type a
// spreadsheet or an editor opens, a day's cache and the bytes of the built
// file, and each opens: the cost sheet as CSV with the same number of cells
// on every row, the memo as UTF-8 Markdown with a title. (What the files
// hold is checked in internal/site's TestWorkshopKit.)
func TestWorkshopKitDownloads(t *testing.T) {
	out, _ := buildRealSite(t)
	h := Handler(out, loadRepoRules(t), nil)
	page := body(t, get(t, h, "GET", "/docs/workshop/", nil))
	links := regexp.MustCompile(`href="(/data/workshop-[^"]+)"`).FindAllStringSubmatch(page, -1)
	types := map[string]string{".csv": "text/csv; charset=utf-8", ".md": "text/markdown; charset=utf-8"}
	seen := map[string]bool{}
	for _, l := range links {
		u := l[1]
		if seen[u] {
			continue
		}
		seen[u] = true
		r := get(t, h, "GET", u, nil)
		got := body(t, r)
		if r.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", u, r.StatusCode)
			continue
		}
		ext := filepath.Ext(u)
		if ct := r.Header.Get("Content-Type"); ct != types[ext] {
			t.Errorf("%s: Content-Type %q, want %q", u, ct, types[ext])
		}
		if cc := r.Header.Get("Cache-Control"); cc != cacheDay {
			t.Errorf("%s: Cache-Control %q, want %q", u, cc, cacheDay)
		}
		want, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(u)))
		if err != nil || got != string(want) {
			t.Errorf("%s: the download is not the built file (%v)", u, err)
		}
		switch ext {
		case ".csv":
			rows, err := csv.NewReader(strings.NewReader(got)).ReadAll() // FieldsPerRecord 0: every row as wide as the header
			if err != nil || len(rows) < 2 {
				t.Errorf("%s does not open as CSV: %d rows, %v", u, len(rows), err)
			}
		case ".md":
			if !strings.HasPrefix(got, "# ") || strings.ContainsRune(got, '\uFFFD') {
				t.Errorf("%s does not open as a Markdown document with a title", u)
			}
		default:
			t.Errorf("%s: a kit file of an unexpected type", u)
		}
	}
	if len(seen) != 2 {
		t.Errorf("the workshop page links %d kit files under /data/, want the cost sheet and the memo", len(seen))
	}
}
