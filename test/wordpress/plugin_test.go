package wordpress_test

import (
	"os"
	"regexp"
	"strconv"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// TestPluginCalculators: the plugin's calculator list (its block's picker,
// its shortcode's names, each frame's initial height) is the site's: every
// calculator, its title, and present.EmbedHeight.
func TestPluginCalculators(t *testing.T) {
	src, err := os.ReadFile("../../wordpress/roikit-embed/roikit-embed.php")
	if err != nil {
		t.Fatal(err)
	}
	rows := regexp.MustCompile(`'([a-z]+)'\s*=>\s*array\( 'title' => '([^']*)', 'height' => (\d+) \)`).FindAllStringSubmatch(string(src), -1)
	got := map[string][2]string{}
	for _, r := range rows {
		got[r[1]] = [2]string{r[2], r[3]}
	}
	if len(got) != len(calc.Calculators()) {
		t.Errorf("the plugin lists %d calculators, the site has %d", len(got), len(calc.Calculators()))
	}
	for _, c := range calc.Calculators() {
		want := [2]string{c.Title, strconv.Itoa(present.EmbedHeight(c.Name))}
		if got[c.Name] != want {
			t.Errorf("%s: the plugin has %q, the site %q", c.Name, got[c.Name], want)
		}
	}
}
