// Package netlify reads the [[headers]] rules of netlify.toml: the headers
// Netlify sends for each path, which `roikit serve` sends too and the
// service worker's page bundle carries (internal/site).
package netlify

import (
	"fmt"
	"net/http"
	"os"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Rule is one [[headers]] block of netlify.toml: the headers sent for every
// path its For pattern matches.
type Rule struct {
	For    string      // the pattern as written, e.g. "/embed/:name/*"
	Values [][2]string // header name and value, names in sorted order
	re     *regexp.Regexp
}

// Rules are the [[headers]] blocks in file order.
type Rules []Rule

// netlifyConfig is the part of netlify.toml this package reads.
type netlifyConfig struct {
	Headers []struct {
		For    string         `toml:"for"`
		Values map[string]any `toml:"values"`
	} `toml:"headers"`
}

// LoadRules reads the [[headers]] blocks of a netlify.toml file.
func LoadRules(path string) (Rules, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading the headers: %w", err)
	}
	rules, err := ParseRules(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rules, nil
}

// ParseRules parses the [[headers]] blocks of netlify.toml's text. Values
// are normalised as Netlify does: a string's comma-separated parts are
// joined with ", ", an array's items likewise.
func ParseRules(data []byte) (Rules, error) {
	var cfg netlifyConfig
	if _, err := toml.Decode(string(data), &cfg); err != nil {
		return nil, err
	}
	rules := make(Rules, 0, len(cfg.Headers))
	for i, h := range cfg.Headers {
		pattern := strings.TrimSpace(h.For)
		if pattern == "" {
			return nil, fmt.Errorf("headers block %d has no \"for\" path", i+1)
		}
		r := Rule{For: pattern, re: forRegexp(pattern)}
		names := make([]string, 0, len(h.Values))
		for name := range h.Values {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			value, err := headerValue(h.Values[name])
			if err != nil {
				return nil, fmt.Errorf("headers block %d (%s), %s: %w", i+1, pattern, name, err)
			}
			r.Values = append(r.Values, [2]string{strings.TrimSpace(name), value})
		}
		rules = append(rules, r)
	}
	return rules, nil
}

var commaSpace = regexp.MustCompile(`\s*,\s*`)

// headerValue normalises a header value of netlify.toml (a string or an
// array of strings) the way Netlify's headers parser does.
func headerValue(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return strings.Join(commaSpace.Split(strings.TrimSpace(v), -1), ", "), nil
	case []any:
		parts := make([]string, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return "", fmt.Errorf("item %d must be a string", i+1)
			}
			parts[i] = strings.TrimSpace(s)
		}
		return strings.Join(parts, ", "), nil
	}
	return "", fmt.Errorf("the value must be a string or an array of strings, not %T", v)
}

// forRegexp compiles a `for` path the way Netlify does (netlify/build,
// packages/headers-parser/src/for_regexp.ts): ^/SEGMENTS/?$, case-insensitive,
// where a segment `:name` matches one non-empty segment, a lone `*` matches
// anything (slashes included, and nothing, making the slash before it
// optional), a `*` inside a segment matches anything, and a trailing slash
// is optional.
func forRegexp(pattern string) *regexp.Regexp {
	var parts []string
	for _, seg := range strings.Split(pattern, "/") {
		seg = strings.TrimRight(seg, " \t")
		if seg == "" {
			continue
		}
		switch {
		case strings.HasPrefix(seg, ":"):
			parts = append(parts, `([^/]+)`)
		case seg == "*":
			parts = append(parts, `?(.*)`)
		case strings.Contains(seg, "*"):
			quoted := strings.Split(seg, "*")
			for i := range quoted {
				quoted[i] = regexp.QuoteMeta(quoted[i])
			}
			parts = append(parts, strings.Join(quoted, `(.*)`))
		default:
			parts = append(parts, regexp.QuoteMeta(seg))
		}
	}
	return regexp.MustCompile(`(?i)^/` + strings.Join(parts, "/") + `/?$`)
}

// Matches reports whether the rule applies to a URL path.
func (r Rule) Matches(urlPath string) bool { return r.re.MatchString(urlPath) }

// Headers returns the headers Netlify sends for a URL path: every matching
// block applies, in file order, and a header set by several matching blocks
// is sent with each of their values (Netlify combines them; a browser
// enforces every Content-Security-Policy it gets), so a misconfiguration
// shows up here as a header with two values.
func (rs Rules) Headers(urlPath string) http.Header {
	h := http.Header{}
	for _, r := range rs {
		if !r.Matches(urlPath) {
			continue
		}
		for _, nv := range r.Values {
			h.Add(nv[0], nv[1])
		}
	}
	return h
}
