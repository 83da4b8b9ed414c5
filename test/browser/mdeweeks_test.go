//go:build browser

package browser_test

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// plannedRow is what the page shows in the marked row of "What this test
// can detect by week": how many rows are marked, the row's weeks, its
// aria-current, the mark's visible words, and the raw values (data-value)
// and texts of its visitors and lifts.
type plannedRow struct {
	Marked   int    `json:"marked"`
	Week     int    `json:"week"`
	Current  string `json:"current"`
	Mark     string `json:"mark"`
	Visible  bool   `json:"visible"`
	NTotal   string `json:"nTotal"`
	Relative string `json:"relative"`
	RelText  string `json:"relText"`
	Absolute string `json:"absolute"`
}

const jsPlannedRow = `function (sel) {
  const box = document.querySelector(sel + ' [data-role="mde-weeks"]');
  if (!box) return null;
  const rows = box.querySelectorAll('tr.is-planned');
  const tr = rows[0];
  if (!tr) return { marked: 0, visible: !box.hidden };
  const cell = (f) => Array.from(tr.querySelectorAll('[data-field="' + f + '"]')).find((e) => !e.closest('[hidden]'));
  const rel = cell(tr.querySelector('[data-field$=".relative_mde"]').getAttribute('data-field'));
  const abs = cell(tr.querySelector('[data-field$=".absolute_mde"]').getAttribute('data-field'));
  const mark = tr.querySelector('[data-role="plan-mark"]');
  return {
    marked: rows.length, week: Number(tr.getAttribute('data-week-row')), current: tr.getAttribute('aria-current') || '',
    mark: mark && !mark.hidden ? mark.textContent : '', visible: !box.hidden && box.offsetParent !== null,
    nTotal: tr.querySelector('[data-field$=".n_total"]').getAttribute('data-value'),
    relative: rel.getAttribute('data-value'), relText: rel.textContent, absolute: abs.getAttribute('data-value'),
  };
}`

// cliSampleSize runs bin/roikit (make build makes it) on a samplesize
// request and returns its JSON answer.
func cliSampleSize(t *testing.T, request string) map[string]any {
	t.Helper()
	cmd := exec.Command(filepath.Join(repoRoot, "bin", "roikit"), "run", "samplesize")
	cmd.Stdin = strings.NewReader(request)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("bin/roikit run samplesize %s: %v", request, err)
	}
	var v map[string]any
	if err := json.Unmarshal(out, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// TestMDEByWeekPlannedRow: on the samplesize page, the row of "What this
// test can detect by week" marked as the plan (class, aria-current and the
// words "Your plan", not colour alone) is the CLI's weeks, and its
// visitors and smallest lifts are the CLI's mde_by_week of that week;
// with a plan longer than eight weeks, the eight-week row is marked
// "Nearest to your plan of N weeks"; without daily visitors there is no
// table.
func TestMDEByWeekPlannedRow(t *testing.T) {
	tb := newTab(t)
	for _, tc := range []struct {
		query, request string
		mark           string
	}{
		{"?baseline_rate=0.03&mde=0.15&daily_visitors=1500", `{"baseline_rate":0.03,"mde":0.15,"daily_visitors":1500}`, "Your plan"},
		{"?baseline_rate=0.05&mde=0.1&daily_visitors=1000", `{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000}`, "Your plan: 9 weeks"},
	} {
		tb.navigate(calcPath("samplesize") + tc.query)
		tb.waitLive()
		cli := cliSampleSize(t, tc.request)
		weeks := int(cli["weeks"].(float64))
		planned := min(weeks, 8)
		got := call[*plannedRow](tb, jsPlannedRow, primary)
		if got == nil || got.Marked != 1 || !got.Visible {
			t.Fatalf("%s: planned rows %+v", tc.query, got)
		}
		if got.Week != planned || got.Current != "true" || got.Mark != tc.mark {
			t.Errorf("%s: marked row %d (aria-current %q, mark %q); CLI weeks %d, want row %d marked %q", tc.query, got.Week, got.Current, got.Mark, weeks, planned, tc.mark)
		}
		row := cli["mde_by_week"].([]any)[planned-1].(map[string]any)
		for _, f := range []struct {
			name, page string
		}{{"n_total", got.NTotal}, {"relative_mde", got.Relative}, {"absolute_mde", got.Absolute}} {
			p, err := strconv.ParseFloat(f.page, 64)
			if err != nil || p != row[f.name].(float64) {
				t.Errorf("%s: week %d %s: page %s, CLI %v", tc.query, planned, f.name, f.page, row[f.name])
			}
		}
		if want := strconv.FormatFloat(row["relative_mde"].(float64)*100, 'f', 1, 64) + "%"; got.RelText != want {
			t.Errorf("%s: relative lift shown %q, want %q", tc.query, got.RelText, want)
		}
	}
	// Without daily visitors: no table.
	tb.setInputs(primary, map[string]*string{"daily_visitors": nil})
	tb.waitState(primary, "live", 0)
	got := poll[*plannedRow](tb, "the table to hide", 10e9, `function (sel) { const r = (`+jsPlannedRow+`)(sel); return r && !r.visible ? r : null; }`, primary)
	if got.Visible {
		t.Errorf("the table shows without daily visitors: %+v", got)
	}
}

// TestMDEByWeekPrerendered: the page as served, before any script, marks
// the row of its starting request's weeks (the core's), with the same
// words.
func TestMDEByWeekPrerendered(t *testing.T) {
	_, body := fetch(t, calcPath("samplesize"))
	html := string(body)
	i := strings.Index(html, `class="is-planned" aria-current="true"`)
	if i < 0 || strings.Count(html, `class="is-planned"`) != 1 {
		t.Fatalf("the served page marks %d rows", strings.Count(html, `class="is-planned"`))
	}
	cli := cliSampleSize(t, `{"baseline_rate":0.05,"mde":0.1,"daily_visitors":5000}`) // content/calculators/samplesize.md's request
	want := `data-week-row="` + strconv.Itoa(int(cli["weeks"].(float64))) + `"`
	if row := html[strings.LastIndex(html[:i], "<tr"):i]; !strings.Contains(row, want) {
		t.Errorf("marked row %q, want %s", row, want)
	}
	if !strings.Contains(html[i:i+600], ">Your plan</span>") {
		t.Errorf("the marked row has no words: %.600s", html[i:])
	}
}
