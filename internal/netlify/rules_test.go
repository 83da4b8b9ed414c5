package netlify

import "testing"

// TestForRegexp checks the path matching against the cases Netlify's
// headers parser documents (netlify/build packages/headers-parser,
// for_regexp.ts and its tests): exact paths, a lone * (which also matches
// the folder itself), * inside a segment, :placeholders, optional trailing
// slash, case-insensitivity.
func TestForRegexp(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/", "/", true},
		{"/", "/a", false},
		{"/*", "/", true},
		{"/*", "/a/b/c.js", true},
		{"/assets/*", "/assets/app.12345678.js", true},
		{"/assets/*", "/assets/", true},
		{"/assets/*", "/assets", true},
		// Netlify's quirk, kept: the slash before a lone * is optional.
		{"/assets/*", "/assetsx/a.js", true},
		{"/assets/*", "/a/assets/b.js", false},
		{"/*.wasm", "/assets/roikit.abcd1234.wasm", true},
		{"/*.wasm", "/assets/roikit.wasm.js", false},
		{"/embed.js", "/embed.js", true},
		{"/embed.js", "/embedxjs", false}, // the dot is literal
		{"/:page", "/404.html", true},
		{"/:page", "/guides/", true},
		{"/:page", "/guides/x/", false},
		{"/:page", "/", false},
		{"/embed/:name/*", "/embed/roi/", true},
		{"/embed/:name/*", "/embed/roi", true},
		{"/embed/:name/*", "/embed/", false},
		{"/embed/:name/*", "/embed/roi/extra/page", true},
		{"/Guides/:slug/*", "/guides/X/", true}, // case-insensitive
		{"/about", "/about/", true},
		{"/about/", "/about", true},
	}
	for _, c := range cases {
		if got := forRegexp(c.pattern).MatchString(c.path); got != c.want {
			t.Errorf("for %q, path %q: match %v, want %v (regexp %s)", c.pattern, c.path, got, c.want, forRegexp(c.pattern))
		}
	}
}

func TestParseRulesValues(t *testing.T) {
	rules, err := ParseRules([]byte(`
[[headers]]
  for = "/a/*"
  [headers.values]
    Cache-Control = '''
      max-age=0,
      no-cache'''
    X-List = ["one", "two"]
[[headers]]
  for = "/a/b"
  [headers.values]
    X-List = "three"
`))
	if err != nil {
		t.Fatal(err)
	}
	h := rules.Headers("/a/b")
	if got := h.Get("Cache-Control"); got != "max-age=0, no-cache" {
		t.Errorf("Cache-Control %q", got)
	}
	// Two matching blocks setting one header: both values are sent.
	if got := h.Values("X-List"); len(got) != 2 || got[0] != "one, two" || got[1] != "three" {
		t.Errorf("X-List %q", got)
	}
	if _, err := ParseRules([]byte("[[headers]]\n[headers.values]\nA = \"b\"\n")); err == nil {
		t.Error("a block without for was accepted")
	}
	if _, err := ParseRules([]byte("[[headers]]\nfor = \"/\"\n[headers.values]\nA = 3\n")); err == nil {
		t.Error("a number value was accepted")
	}
}
