package charts

import (
	"encoding/json"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// pageFormats reads the value formats site/js/format.js knows (its
// FORMATS), the ones the page can write an option's numbers in.
func pageFormats(t *testing.T) map[string]bool {
	t.Helper()
	src, err := os.ReadFile("../../site/js/format.js")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export const FORMATS = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("site/js/format.js has no FORMATS list")
	}
	out := map[string]bool{}
	for _, f := range strings.Split(string(m[1]), ",") {
		out[strings.Trim(strings.TrimSpace(f), `'"`)] = true
	}
	if !out["money"] || !out["int"] || len(out) < 8 {
		t.Fatalf("FORMATS read as %v", out)
	}
	return out
}

var tokenRE = regexp.MustCompile(`\{\{([a-z0-9]+):([^}]*)\}\}`)

// hintedOption is what the format hints are checked against.
type hintedOption struct {
	Title struct {
		Text    string `json:"text"`
		Subtext string `json:"subtext"`
	} `json:"title"`
	Aria struct {
		Label struct {
			Description string `json:"description"`
		} `json:"label"`
	} `json:"aria"`
	XAxis  []hintedAxis `json:"xAxis"`
	YAxis  []hintedAxis `json:"yAxis"`
	Series []struct {
		Name string `json:"name"`
	} `json:"series"`
	Roikit *hints `json:"roikit"`
}

type hintedAxis struct {
	Type string   `json:"type"`
	Name string   `json:"name"`
	Data []string `json:"data"`
}

// TestFormatHints: every option says how the page writes its numbers for
// the reader. Each axis and series has a format of site/js/format.js (or
// none); every number in its text is a token in such a format, so none is
// written in en-US by the Go side; money is named with the currency
// placeholder, never "(currency)" or "$"; money categories are numbers.
func TestFormatHints(t *testing.T) {
	formats := pageFormats(t)
	formats[""] = true // the axis or series keeps ECharts' own
	bareNumber := regexp.MustCompile(`\d[\d,]*\.\d|\d{4}|\d,\d{3}|\d\s?%`)
	for name, charts := range allCharts(t) {
		for _, c := range charts {
			if string(c.Option) == "null" {
				continue
			}
			raw := string(c.Option)
			var o hintedOption
			if err := json.Unmarshal(c.Option, &o); err != nil {
				t.Fatal(err)
			}
			where := name + " " + c.ID
			h := o.Roikit
			if h == nil {
				t.Errorf("%s: no format hints", where)
				continue
			}
			if len(h.XAxis) != len(o.XAxis) || len(h.YAxis) != len(o.YAxis) || len(h.Series) != len(o.Series) {
				t.Errorf("%s: hints for %d/%d/%d axes and series, the option has %d/%d/%d", where,
					len(h.XAxis), len(h.YAxis), len(h.Series), len(o.XAxis), len(o.YAxis), len(o.Series))
			}
			for _, f := range append(append(append([]string{}, h.XAxis...), h.YAxis...), h.Series...) {
				if !formats[f] {
					t.Errorf("%s: hint %q is not a format of site/js/format.js", where, f)
				}
			}
			for _, m := range tokenRE.FindAllStringSubmatch(raw, -1) {
				if _, err := strconv.ParseFloat(m[2], 64); !formats[m[1]] || m[1] == "" || err != nil {
					t.Errorf("%s: token %q", where, m[0])
				}
			}
			for _, bad := range []string{"(currency", "$", "{c}%"} {
				if strings.Contains(raw, bad) {
					t.Errorf("%s: the option says %q", where, bad)
				}
			}
			texts := []string{o.Title.Text, o.Title.Subtext, o.Aria.Label.Description}
			for _, ax := range append(o.XAxis, o.YAxis...) {
				texts = append(texts, ax.Name)
			}
			for _, s := range o.Series {
				texts = append(texts, s.Name)
			}
			for i, ax := range o.XAxis {
				if i < len(h.XAxis) && h.XAxis[i] != "" && ax.Type == "category" {
					for _, cat := range ax.Data {
						if _, err := strconv.ParseFloat(strings.TrimPrefix(cat, "> "), 64); err != nil {
							t.Errorf("%s: category %q of an axis in %s is not a number", where, cat, h.XAxis[i])
						}
					}
				} else {
					texts = append(texts, ax.Data...)
				}
			}
			for i, ax := range o.YAxis {
				if i >= len(h.YAxis) || h.YAxis[i] == "" {
					texts = append(texts, ax.Data...)
				}
			}
			for _, s := range texts {
				if bad := bareNumber.FindString(tokenRE.ReplaceAllString(s, "")); bad != "" {
					t.Errorf("%s: %q writes %q itself, not as a token", where, s, bad)
				}
			}
			money := strings.Contains(raw, "{{money:") || strings.Contains(raw, "{{k:") ||
				strings.Contains(strings.Join(h.XAxis, " ")+" "+strings.Join(h.YAxis, " "), "k")
			if money && !strings.Contains(raw, cur) {
				t.Errorf("%s: money without the currency placeholder in an axis name", where)
			}
		}
	}
}

// TestRowLabels: the tornado's rows are row labels, which the page never
// thins out.
func TestRowLabels(t *testing.T) {
	for name, charts := range allCharts(t) {
		for _, c := range charts {
			var o hintedOption
			if string(c.Option) == "null" || json.Unmarshal(c.Option, &o) != nil {
				continue
			}
			if got, want := o.Roikit != nil && o.Roikit.RowLabels, c.ID == "tornado"; got != want {
				t.Errorf("%s %s: rowLabels %v", name, c.ID, got)
			}
		}
	}
}

func TestTokens(t *testing.T) {
	for _, c := range []struct {
		got, want string
	}{
		{tok("k", -806297), "{{k:-806297}}"},
		{tok("money", 0.5), "{{money:0.5}}"},
		{tok("int", 1e21), "{{int:1e+21}}"},
		{tok("pct", 0.32000000000000006), "{{pct:0.32}}"},
		{tok("money", 189522.9719549325), "{{money:189522.971955}}"},
		{pctTok(0.05), "{{pct:0.05}}"},
		{pctTok(0.025), "{{pct1:0.025}}"},
		{pctTok(0.016), "{{pct1:0.016}}"},
		{pctTok(0.0125), "{{pct2:0.0125}}"},
		{pctTok(0.123456), "{{pct2:0.123456}}"},
		{pctTok(-0.01), "{{pct:-0.01}}"},
		// Ticks of money: "k" writes whole thousands (k) or tenths of a
		// million (M), so it tells numbers apart only that far apart.
		{moneyTicks(349000, 35000), "k"},
		{moneyTicks(131400, 20), "money"},
		{moneyTicks(2.5e6, 5e4), "money"},
		{moneyTicks(2.5e6, 2e5), "k"},
		{moneyTicks(41.5, 1.4), "money"},
		// Ticks of plain numbers: 4 significant digits, or the decimals needed.
		{decimalTicks(20, 3), "plain"},
		{decimalTicks(3.5, 0.4), "plain"},
		{decimalTicks(99.99, 0.002), "dec3"},
		{decimalTicks(99.9, 0.02), "dec2"},
		{decimalTicks(1500, 0.5), "dec1"},
		{decimalTicks(5, 0), "plain"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}
