package embed

import (
	"encoding/json"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// accentTable is site/js/testdata/accents.json, shared with the page's test.
func accentTable(t *testing.T) (accept, reject []string) {
	t.Helper()
	data, err := os.ReadFile("../../site/js/testdata/accents.json")
	if err != nil {
		t.Fatal(err)
	}
	var table struct{ Accept, Reject []string }
	if err := json.Unmarshal(data, &table); err != nil {
		t.Fatal(err)
	}
	return table.Accept, table.Reject
}

func TestIsAccentColor(t *testing.T) {
	accept, reject := accentTable(t)
	for _, v := range accept {
		if !IsAccentColor(v) {
			t.Errorf("%q refused", v)
		}
	}
	for _, v := range reject {
		if IsAccentColor(v) {
			t.Errorf("%q accepted", v)
		}
	}
}

// TestAccentNamesMatchThePage: the named colours here are the page's
// (site/js/accent.js), 148 of them (CSS Color 4).
func TestAccentNamesMatchThePage(t *testing.T) {
	data, err := os.ReadFile("../../site/js/accent.js")
	if err != nil {
		t.Fatal(err)
	}
	set := string(data)[strings.Index(string(data), "new Set(["):]
	set = set[:strings.Index(set, "])")]
	var js []string
	for _, m := range regexp.MustCompile(`'([a-z]+)'`).FindAllStringSubmatch(set, -1) {
		js = append(js, m[1])
	}
	goNames := strings.Fields(namedColorList)
	if !slices.Equal(js, goNames) || len(goNames) != 148 {
		t.Errorf("accent.js has %d names, accent.go %d; they differ", len(js), len(goNames))
	}
}

// TestPageURLDropsABadAccent: the oEmbed snippet and the site's panel never
// carry an accent that is not a colour; other options are kept.
func TestPageURLDropsABadAccent(t *testing.T) {
	_, reject := accentTable(t)
	for _, v := range reject {
		q := url.Values{"accent": {v}, "theme": {"dark"}}
		got := PageURL("https://roikit.example", "roi", q)
		if got != "https://roikit.example/embed/roi/?theme=dark" {
			t.Errorf("accent %q: %s", v, got)
		}
		if q.Get("accent") != v {
			t.Errorf("accent %q: the caller's query was changed", v)
		}
	}
	if got := PageURL("https://roikit.example", "roi", url.Values{"accent": {"#0a7"}}); got != "https://roikit.example/embed/roi/?accent=%230a7" {
		t.Errorf("a colour: %s", got)
	}
	if got := PageURL("https://roikit.example", "roi", url.Values{"accent": {"red", "blue"}}); got != "https://roikit.example/embed/roi/" {
		t.Errorf("two accents: %s", got)
	}
}
