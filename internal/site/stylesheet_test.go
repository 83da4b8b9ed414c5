package site

import (
	"strings"
	"testing"
)

// TestStyleSections: @only sections reach the pages that hold their marker,
// in the order written, and nowhere else.
func TestStyleSections(t *testing.T) {
	css := "a { x: 1; }\n/* @only plan */\n.plan { y: 2; }\n/* @end */\nb { z: 3; }\n/* @only clvfit */\n.fit { w: 4; }\n/* @end */\n"
	parts, err := styleSections(css, "site.css")
	if err != nil {
		t.Fatal(err)
	}
	b := &builder{cssSections: parts, cssByKey: map[string]string{}}
	cases := []struct{ body, want string }{
		{`<p>text</p>`, "a{x: 1}b{z: 3}"},
		{`<div class="calc plan" data-plan>`, "a{x: 1}.plan{y: 2}b{z: 3}"},
		{`<div data-calc="clvfit">`, "a{x: 1}b{z: 3}.fit{w: 4}"},
		{`<div data-plan data-calc="clvfit">`, "a{x: 1}.plan{y: 2}b{z: 3}.fit{w: 4}"},
	}
	for _, c := range cases {
		page := "<style>" + stylePlaceholder + "</style>" + c.body
		got := string(b.withStylesheet([]byte(page)))
		if want := "<style>" + c.want + "</style>" + c.body; got != want {
			t.Errorf("%s:\n got %s\nwant %s", c.body, got, want)
		}
	}
	for _, bad := range []string{
		"/* @only nosuch */ a{} /* @end */",
		"/* @only plan */ a{} /* @only clvfit */ b{} /* @end */",
		"/* @only plan */ a{}",
		"a{} /* @end */",
	} {
		if _, err := styleSections(bad, "site.css"); err == nil || !strings.Contains(err.Error(), "site.css") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}
