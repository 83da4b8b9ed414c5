package site

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// FrontMatter is the YAML header of a markdown file.
type FrontMatter struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	Weight      int    `yaml:"weight"`
	Step        int    `yaml:"step"`
	Reviewed    string `yaml:"reviewed"`
	// Byline names who wrote a guide ("The roikit editors"); Takeaways are
	// its three or four points in plain text, shown in a box under the
	// header (guide.html). Every guide has both (guides_test.go).
	Byline    string         `yaml:"byline"`
	Takeaways []string       `yaml:"takeaways"`
	Request   map[string]any `yaml:"request"`
}

// source is one markdown file split into front matter and body.
type source struct {
	Path  string // as given, for messages: content/guides/x.md
	Slug  string // file name without .md
	Meta  FrontMatter
	Body  []byte
	Lines int // lines before the body (the front matter), added to body lines
}

// readSource reads a markdown file with an optional "---" YAML front matter.
func readSource(path string) (*source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseSource(path, data)
}

func parseSource(path string, data []byte) (*source, error) {
	data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
	s := &source{Path: path, Slug: strings.TrimSuffix(filepath.Base(path), ".md"), Body: data}
	if !bytes.HasPrefix(data, []byte("---\n")) {
		return s, nil
	}
	end := bytes.Index(data[4:], []byte("\n---\n"))
	if end < 0 {
		if bytes.HasSuffix(data, []byte("\n---")) {
			end = len(data) - 8
		} else {
			return nil, fmt.Errorf("%s:1: the front matter opened with --- is never closed", path)
		}
	}
	header := data[4 : 4+end]
	dec := yaml.NewDecoder(bytes.NewReader(header))
	dec.KnownFields(true)
	if err := dec.Decode(&s.Meta); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: front matter: %v", path, err)
	}
	bodyStart := min(4+end+5, len(data))
	s.Body = data[bodyStart:]
	s.Lines = bytes.Count(data[:bodyStart], []byte("\n"))
	if s.Meta.Reviewed != "" {
		if _, err := time.Parse("2006-01-02", s.Meta.Reviewed); err != nil {
			return nil, fmt.Errorf("%s: reviewed: %q is not a date YYYY-MM-DD", path, s.Meta.Reviewed)
		}
	}
	return s, nil
}

// readDir reads every .md file of dir in name order; a missing dir is empty.
func readDir(dir string) ([]*source, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []*source
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			continue
		}
		s, err := readSource(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slug < out[j].Slug })
	return out, nil
}
