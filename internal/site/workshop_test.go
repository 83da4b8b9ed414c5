package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

// The workshop kit's files (content/docs/workshop.md links them), published
// under /data/ like the clvfit page's sample.
const (
	kitCostSheet = "workshop-cost-sheet.csv"
	kitMemo      = "workshop-finance-memo.md"
)

// kitCostHeader is the cost sheet's header; the numeric columns are
// one_time_usd, monthly_usd, months and total_usd.
var kitCostHeader = []string{"item", "kind", "one_time_usd", "monthly_usd", "months", "total_usd", "owner", "note"}

// TestWorkshopKit builds the real site and checks the workshop kit: both
// templates are published under /data/, byte for byte, linked from the
// workshop page and kept out of the service worker's precache (the budget
// has no room for them); the cost sheet parses as CSV with numbers where
// numbers belong, each row's total is one-time + monthly × months, its
// Total row adds up the rows, and its totals are the inputs of the page's
// "loaded" calc block; the memo has its sections and fits on one page.
func TestWorkshopKit(t *testing.T) {
	opts := fixture(t, nil)
	opts.ContentDir = "../../content"
	if _, err := Build(opts); err != nil {
		t.Fatal(err)
	}
	page := read(t, opts, "docs/workshop/index.html")
	for _, name := range []string{kitCostSheet, kitMemo} {
		src, err := os.ReadFile(filepath.Join(opts.ContentDir, "data", name))
		if err != nil {
			t.Fatal(err)
		}
		if got := read(t, opts, "data/"+name); got != string(src) {
			t.Errorf("public/data/%s is not content/data/%s", name, name)
		}
		if !strings.Contains(page, `href="/data/`+name+`"`) {
			t.Errorf("the workshop page does not link /data/%s", name)
		}
		if precached("data/" + name) {
			t.Errorf("/data/%s is precached: the kit must stay out of the 1.5 MB budget", name)
		}
		if strings.Contains(read(t, opts, "sw.js"), name) {
			t.Errorf("sw.js names %s", name)
		}
	}

	oneTime, monthly := checkCostSheet(t, []byte(read(t, opts, "data/"+kitCostSheet)))
	md, err := os.ReadFile(filepath.Join(opts.ContentDir, "docs", "workshop.md"))
	if err != nil {
		t.Fatal(err)
	}
	loaded := calcBlockArgs(t, string(md), "loaded")
	if loaded["one_time_cost"] != oneTime || loaded["monthly_cost"] != monthly {
		t.Errorf("the cost sheet totals $%g one-time and $%g a month; the page's loaded block has %v", oneTime, monthly, loaded)
	}
	// The notes say the fully loaded case with a 12-month ramp never pays
	// back within the horizon: check the claim against the calculator.
	if strings.Contains(string(md), "no payback within the 36 months") {
		res := calc.Run("roi", requestJSON(t, calcBlockArgs(t, string(md), "loaded-ramp12")), calc.Hooks{})
		r, ok := res.Response.(*calc.ROIResponse)
		if res.Status != calc.StatusOK || !ok {
			t.Fatalf("loaded-ramp12: %s", res.JSON())
		}
		if r.PaybackMonth != nil {
			t.Errorf("the notes say no payback within 36 months; the calculator says month %d", *r.PaybackMonth)
		}
	}
	checkMemo(t, read(t, opts, "data/"+kitMemo))
}

// checkCostSheet parses the cost sheet and returns its Total row's one-time
// and monthly amounts.
func checkCostSheet(t *testing.T, data []byte) (oneTime, monthly float64) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", kitCostSheet, err)
	}
	if len(rows) < 3 || !slices.Equal(rows[0], kitCostHeader) {
		t.Fatalf("%s: header %q, want %q (and at least one cost and the Total)", kitCostSheet, rows[0], kitCostHeader)
	}
	var sum [4]float64 // one-time, monthly, (months unused), total
	kinds := map[string]bool{"one-time": true, "tool": true, "content": true, "people": true}
	for i, row := range rows[1:] {
		line := i + 2
		var v [4]float64
		for j := range v {
			f, err := strconv.ParseFloat(row[2+j], 64)
			if err != nil || f < 0 {
				t.Fatalf("%s:%d: %s %q is not a number >= 0", kitCostSheet, line, kitCostHeader[2+j], row[2+j])
			}
			v[j] = f
		}
		if row[0] == "" || row[6] == "" {
			t.Errorf("%s:%d: a row needs an item and an owner", kitCostSheet, line)
		}
		if v[3] != v[0]+v[1]*v[2] {
			t.Errorf("%s:%d: total %g, want one-time + monthly × months = %g", kitCostSheet, line, v[3], v[0]+v[1]*v[2])
		}
		if line < len(rows) {
			if !kinds[row[1]] {
				t.Errorf("%s:%d: kind %q, want one of one-time, tool, content, people", kitCostSheet, line, row[1])
			}
			if row[1] == "one-time" && (v[1] != 0 || v[2] != 0) {
				t.Errorf("%s:%d: a one-time cost with a monthly amount", kitCostSheet, line)
			}
			sum[0], sum[1], sum[3] = sum[0]+v[0], sum[1]+v[1], sum[3]+v[3]
			continue
		}
		if row[0] != "Total" || row[1] != "total" {
			t.Fatalf("%s: the last row is %q, want the Total", kitCostSheet, row[:2])
		}
		if v[0] != sum[0] || v[1] != sum[1] || v[3] != sum[3] {
			t.Errorf("%s: Total row %v, the rows add up to one-time %g, monthly %g, total %g", kitCostSheet, v, sum[0], sum[1], sum[3])
		}
		return v[0], v[1]
	}
	return 0, 0
}

// memoSections are the memo template's headings, in order.
var memoSections = []string{
	"# Personalization program: funding memo",
	"## The decision we ask for",
	"## What it returns",
	"## What it costs",
	"## The assumptions, and where each comes from",
	"## Risks, and what would change our mind",
	"## The first phase and its rule",
	"## When we report back",
}

// checkMemo checks the memo's headings, its comparison table and its length:
// a page holds about 500 words of memo text.
func checkMemo(t *testing.T, memo string) {
	t.Helper()
	var heads []string
	for _, l := range strings.Split(memo, "\n") {
		if strings.HasPrefix(l, "#") {
			heads = append(heads, l)
		}
	}
	if !slices.Equal(heads, memoSections) {
		t.Errorf("%s: headings %q, want %q", kitMemo, heads, memoSections)
	}
	for _, want := range []string{"| | Base case | Fully loaded |", "| Net present value |", "| Chance of a positive NPV |", "| Break-even lift (relative) |"} {
		if !strings.Contains(memo, want) {
			t.Errorf("%s lacks %q", kitMemo, want)
		}
	}
	if n := len(strings.Fields(memo)); n > 500 {
		t.Errorf("%s has %d words: more than one page", kitMemo, n)
	}
}

// calcBlockArgs returns the numeric key=value inputs of the calc block id in
// a markdown source.
func calcBlockArgs(t *testing.T, md, id string) map[string]float64 {
	t.Helper()
	m := regexp.MustCompile("(?s)```calc " + regexp.QuoteMeta(id) + "(?: hidden)?\n\\w+ (.*?)```").FindStringSubmatch(md)
	if m == nil {
		t.Fatalf("no calc block %q", id)
	}
	out := map[string]float64{}
	for _, kv := range strings.Fields(m[1]) {
		k, v, _ := strings.Cut(kv, "=")
		f, err := strconv.ParseFloat(v, 64)
		if err != nil {
			t.Fatalf("calc block %s: %s is not numeric", id, kv)
		}
		out[k] = f
	}
	return out
}

func requestJSON(t *testing.T, m map[string]float64) []byte {
	t.Helper()
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// agendaBlock is a timed heading of the five-step guide's agenda:
// "### 0:35–0:55 Step 2: count every cost".
var agendaBlock = regexp.MustCompile(`(?m)^### (\d+):(\d\d)–(\d+):(\d\d) (.+)$`)

// TestWorkshopTiming checks the agenda's clock against the totals the
// guide and the workshop page state: the blocks follow each other without
// gaps, the exercises (every block but the break and the close) add up to
// the stated minutes, and the session to the stated length.
func TestWorkshopTiming(t *testing.T) {
	guide, err := os.ReadFile("../../content/guides/five-step-framework.md")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := os.ReadFile("../../content/docs/workshop.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := agendaBlock.FindAllStringSubmatch(string(guide), -1)
	if len(blocks) < 8 {
		t.Fatalf("%d timed agenda blocks, want the opening, five steps, a break, the stress test and the close", len(blocks))
	}
	minutes := func(h, m string) int {
		hh, _ := strconv.Atoi(h)
		mm, _ := strconv.Atoi(m)
		return hh*60 + mm
	}
	end, exercises := 0, 0
	for _, b := range blocks {
		from, to := minutes(b[1], b[2]), minutes(b[3], b[4])
		if from != end || to <= from {
			t.Errorf("block %q starts at minute %d, the previous one ended at %d", b[0], from, end)
		}
		if name := b[5]; name != "Break" && !strings.HasPrefix(name, "Decide") {
			exercises += to - from
		}
		end = to
	}
	session := strconv.Itoa(end/60) + " hours " + strconv.Itoa(end%60) + " minutes"
	ex := strconv.Itoa(exercises) + " minutes"
	for name, text := range map[string]string{"five-step-framework.md": string(guide), "workshop.md": string(docs)} {
		if !strings.Contains(text, session) {
			t.Errorf("%s does not state the session's length, %s", name, session)
		}
		if !strings.Contains(text, ex) {
			t.Errorf("%s does not state the exercises' total, %s", name, ex)
		}
	}
}
