package charts

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// renderScript renders each option as the page does: made ready for a
// German reader paying in euros at 640 px by site/js/chartopts.js (the
// formats of site/js/format.js), then drawn with the real Apache ECharts in
// Node, server-side to an SVG string (echarts.init(null, null, {renderer:
// 'svg', ssr: true})). It reports exceptions, ECharts' development warnings
// (invalid options), the SVG's size and its text. Input on stdin: [{name,
// id, option}]; arguments: echarts, site/js, and a folder for the SVGs.
const renderScript = `
const echarts = require(process.argv[2]);
const { pathToFileURL } = require('url');
const path = require('path');
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const logged = [];
console.warn = (...a) => logged.push(a.join(' '));
console.error = (...a) => logged.push(a.join(' '));
(async () => {
  const { prepare } = await import(pathToFileURL(path.join(process.argv[3], 'chartopts.js')).href);
  const { formatValue } = await import(pathToFileURL(path.join(process.argv[3], 'format.js')).href);
  const settings = { locale: 'de-DE', currency: 'EUR' };
  const ctx = { format: (v, f) => formatValue(v, f, settings), currency: '€', width: 640, colors: null };
  const out = [];
  for (const c of input) {
    const first = logged.length;
    const r = {name: c.name, id: c.id};
    try {
      const { option, height } = prepare(c.option, ctx);
      const chart = echarts.init(null, null, {renderer: 'svg', ssr: true, width: 640, height});
      chart.setOption(option);
      const svg = chart.renderToSVGString();
      r.svgLength = svg.length;
      if (process.argv[4]) require('fs').writeFileSync(path.join(process.argv[4], c.name + '.' + c.id + '.svg'), svg);
      r.isSVG = svg.startsWith('<svg');
      r.hasTitle = svg.includes(option.title.text.split('\n')[0]);
      r.paths = (svg.match(/<path/g) || []).length;
      r.series = chart.getOption().series.length;
      r.text = (svg.match(/<text[^>]*>[^<]*<\/text>/g) || []).map((t) => t.replace(/<[^>]*>/g, '')).join('\n');
      chart.dispose();
    } catch (e) {
      r.error = String(e && e.stack || e);
    }
    r.logged = logged.slice(first);
    out.push(r);
  }
  process.stdout.write(JSON.stringify(out), () => process.exit(0));
})();
`

// echartsDir finds the echarts package: the repository's node_modules
// (installed by npm ci from the root package.json), or ROIKIT_ECHARTS.
func echartsDir(t *testing.T) string {
	t.Helper()
	if dir := os.Getenv("ROIKIT_ECHARTS"); dir != "" {
		return dir
	}
	dir, err := filepath.Abs("../../node_modules/echarts")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "package.json")); err != nil {
		t.Fatalf("node_modules/echarts is missing: run `npm ci` in the repository root (make deps does it), then run this test again")
	}
	return dir
}

// TestRenderWithECharts renders every chart option of every test case as the
// page does (site/js/chartopts.js for de-DE and EUR, then Apache ECharts,
// SSR, SVG): no exception, no ECharts warning, a non-empty SVG that shows
// the title and draws the series, in euros and without a placeholder left.
// It is long because it runs Node and checks each rendering on the way.
func TestRenderWithECharts(t *testing.T) {
	node, err := exec.LookPath("node")
	if err != nil {
		t.Fatal("node is not installed: run `make deps` (scripts/deps.sh installs Node.js)")
	}
	dir := echartsDir(t)
	type item struct {
		Name   string          `json:"name"`
		ID     string          `json:"id"`
		Option json.RawMessage `json:"option"`
	}
	var items []item
	for name, charts := range allCharts(t) {
		for _, c := range charts {
			if string(c.Option) != "null" {
				items = append(items, item{name, c.ID, c.Option})
			}
		}
	}
	in, _ := json.Marshal(items)
	script := filepath.Join(t.TempDir(), "render.js")
	if err := os.WriteFile(script, []byte(renderScript), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// ROIKIT_CHARTS_SVG=DIR also writes each SVG there, to look at.
	js, err := filepath.Abs("../../site/js")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, node, script, dir, js, os.Getenv("ROIKIT_CHARTS_SVG"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	var results []struct {
		Name      string   `json:"name"`
		ID        string   `json:"id"`
		Error     string   `json:"error"`
		SVGLength int      `json:"svgLength"`
		IsSVG     bool     `json:"isSVG"`
		HasTitle  bool     `json:"hasTitle"`
		Paths     int      `json:"paths"`
		Series    int      `json:"series"`
		Text      string   `json:"text"`
		Logged    []string `json:"logged"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("%v: %.500s", err, out)
	}
	if len(results) != len(items) || len(items) < 20 {
		t.Fatalf("%d results for %d options", len(results), len(items))
	}
	for i, r := range results {
		var opt struct {
			Series []json.RawMessage `json:"series"`
		}
		json.Unmarshal(items[i].Option, &opt)
		switch {
		case r.Error != "":
			t.Errorf("%s %s: ECharts threw: %s", r.Name, r.ID, r.Error)
		case len(r.Logged) > 0:
			t.Errorf("%s %s: ECharts warned: %s", r.Name, r.ID, strings.Join(r.Logged, " | "))
		case !r.IsSVG || r.SVGLength < 2000 || !r.HasTitle || r.Paths < 5 || r.Series != len(opt.Series):
			t.Errorf("%s %s: svg %v, %d bytes, title %v, %d paths, %d series", r.Name, r.ID, r.IsSVG, r.SVGLength, r.HasTitle, r.Paths, r.Series)
		}
		// The reader's currency and locale: euros wherever the chart shows
		// money, no dollar, no token or placeholder left.
		for _, bad := range []string{"$", "{{", "}}", cur, "currency"} {
			if strings.Contains(r.Text, bad) {
				t.Errorf("%s %s: the SVG's text shows %q:\n%s", r.Name, r.ID, bad, r.Text)
			}
		}
		if money := strings.Contains(string(items[i].Option), cur) || strings.Contains(string(items[i].Option), "{{money:"); money && !strings.Contains(r.Text, "€") {
			t.Errorf("%s %s: a chart of money without €:\n%s", r.Name, r.ID, r.Text)
		}
	}
	t.Logf("rendered %d options with ECharts in %s", len(results), dir)
}

// TestBundleRegistersWhatOptionsUse checks that site/js/charts.js (the
// tree-shaken ECharts the pages load) registers every series type and
// component the options use: a missing one renders nothing in the browser,
// while the full ECharts of TestRenderWithECharts would not notice.
func TestBundleRegistersWhatOptionsUse(t *testing.T) {
	src, err := os.ReadFile("../../site/js/charts.js")
	if err != nil {
		t.Fatal(err)
	}
	bundle := string(src)
	need := map[string]bool{"TitleComponent": true, "TooltipComponent": true, "GridComponent": true, "AriaComponent": true}
	seriesParts := map[string]string{"line": "LineChart", "bar": "BarChart", "scatter": "ScatterChart", "heatmap": "HeatmapChart"}
	for _, charts := range allCharts(t) {
		for _, c := range charts {
			if string(c.Option) == "null" {
				continue
			}
			var o struct {
				Legend    json.RawMessage `json:"legend"`
				VisualMap json.RawMessage `json:"visualMap"`
				Series    []struct {
					Type      string          `json:"type"`
					MarkLine  json.RawMessage `json:"markLine"`
					MarkPoint json.RawMessage `json:"markPoint"`
				} `json:"series"`
			}
			if err := json.Unmarshal(c.Option, &o); err != nil {
				t.Fatal(err)
			}
			need["LegendComponent"] = need["LegendComponent"] || o.Legend != nil
			need["VisualMapComponent"] = need["VisualMapComponent"] || o.VisualMap != nil
			for _, s := range o.Series {
				part, ok := seriesParts[s.Type]
				if !ok {
					t.Fatalf("%s: series type %q has no known ECharts part", c.ID, s.Type)
				}
				need[part] = true
				need["MarkLineComponent"] = need["MarkLineComponent"] || s.MarkLine != nil
				need["MarkPointComponent"] = need["MarkPointComponent"] || s.MarkPoint != nil
			}
		}
	}
	for part, used := range need {
		if used && strings.Count(bundle, part) < 2 { // imported and passed to echarts.use
			t.Errorf("site/js/charts.js does not import and use %s, which the options need", part)
		}
	}
}
