//go:build browser

package browser_test

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// jsCLVScenarios returns the clvfit page's saved scenarios (localStorage), as text.
const jsCLVScenarios = `localStorage.getItem("roikit:scenarios:clvfit") || "null"`

// TestScenariosCLVFit: the clvfit page's Scenarios panel saves the fit's
// options (never the file). With no file loaded it saves and lists, and the
// comparison asks for a file; with the CDNOW sample loaded, two scenarios
// of different horizons are each fitted on it, and every compared output
// equals the core's fit of the same file and options (calc.RunJSON) within
// the clvfit tests' tolerances, the horizon's effects marked as differing.
func TestScenariosCLVFit(t *testing.T) {
	resp, sample := fetch(t, samplePath)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d", samplePath, resp.StatusCode)
	}
	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	eval[bool](tb, `(localStorage.clear(), true)`)
	tb.navigate(calcPath("clvfit"))
	if eval[bool](tb, `document.querySelector("[data-scenarios]").hidden`) {
		t.Fatal("the clvfit page's Scenarios panel is hidden")
	}

	// No file: the options are saved and listed; the comparison asks for a file.
	if status := tb.saveScenario("Without a file"); !strings.Contains(status, "Saved") {
		t.Fatalf("saving without a file: %q", status)
	}
	noFile := poll[string](tb, "the comparison's request for a file", 10*time.Second,
		`function () { const p = document.querySelector('[data-scenarios] [data-role="scenario-compare"]'); return !p.hidden && p.textContent.includes("Load a transactions file to compare") ? p.textContent : ""; }`)
	if strings.Contains(strings.ToLower(noFile), "error") {
		t.Errorf("without a file the comparison says %q", noFile)
	}
	tb.do("delete the scenario without a file", chromedp.Click(chromedp.CSS(`[data-scenarios] [data-action="delete"]`)))

	tb.do("click the sample button", chromedp.Click(chromedp.CSS(clvSample)))
	runs := tb.waitState(clvSel, "live", 0)
	tb.saveScenario("A year")
	horizon := "26"
	tb.setInputs(clvSel, map[string]*string{"horizon": &horizon})
	tb.waitState(clvSel, "live", runs)
	tb.saveScenario("Half a year")
	view := tb.comparedSeries(2, 2)

	var saved struct {
		Scenarios []struct {
			Name    string         `json:"name"`
			Request map[string]any `json:"request"`
		} `json:"scenarios"`
	}
	if err := json.Unmarshal([]byte(eval[string](tb, jsCLVScenarios)), &saved); err != nil || len(saved.Scenarios) != 2 {
		t.Fatalf("the saved scenarios: %v (%v)", saved, err)
	}
	var reqs []map[string]any
	for _, s := range saved.Scenarios {
		for _, k := range []string{"transactions_csv", "summary_csv", "predictions"} {
			if _, ok := s.Request[k]; ok {
				t.Errorf("scenario %q holds %s: a scenario holds the options only", s.Name, k)
			}
		}
		for _, k := range []string{"id_column", "date_column", "amount_column", "observation_end", "holdout_end", "horizon", "discount_rate"} {
			if _, ok := s.Request[k]; !ok {
				t.Errorf("scenario %q has no %s: %v", s.Name, k, s.Request)
			}
		}
		req := map[string]any{}
		for k, v := range s.Request {
			req[k] = v
		}
		req["transactions_csv"] = string(sample)
		reqs = append(reqs, req)
	}
	checkCLVCompared(t, view, reqs)
	if cells := view.Inputs["horizon"]; len(cells) != 2 || cells[0].Differs || !cells[1].Differs {
		t.Errorf("the horizon's row is %+v", cells)
	}
	checkCLVCompareLink(t, tb)
	runAxe(tb, axeSource(t), "the clvfit comparison")

	// Loading a scenario puts its options in the form and refits the file with them.
	loaded := eval[string](tb, `(() => { const s = window.roikitPage.scenarios; const id = s.pinned()[0].id;
	  window.__clvLoaded = ""; s.apply(id).then(() => { window.__clvLoaded = s.active() === id ? "active" : "not active"; }); return id; })()`)
	if got := poll[string](tb, "the loaded scenario's fit", 60*time.Second, `() => window.__clvLoaded`); got != "active" {
		t.Errorf("after loading %s, the form's scenario is %s", loaded, got)
	}
	if h := eval[string](tb, `document.querySelector('[data-input="horizon"]').value`); h != "52" {
		t.Errorf("after loading \"A year\", the horizon is %q", h)
	}
	checkCLVResult(t, tb, "the loaded scenario", sample)
	tb.panelShot("scenarios-clvfit-1280-light")
}

// checkCLVCompared compares each scenario's column with the core's fit of
// its request, within clvTolerance (seTolerance has no use: the table shows
// no standard errors), and the marks with the first scenario's values.
func checkCLVCompared(t *testing.T, view compareView, reqs []map[string]any) {
	t.Helper()
	for _, p := range []string{"customers", "bgnbd.r", "bgnbd.alpha", "bgnbd.a", "bgnbd.b", "gamma_gamma.p", "gamma_gamma.q", "gamma_gamma.v", "population.clv_mean"} {
		if len(view.Outputs[p]) != len(reqs) {
			t.Errorf("the comparison's row %s is %+v", p, view.Outputs[p])
		}
	}
	var answers []any
	for i, req := range reqs {
		resp, status := coreRun(t, "clvfit", rawRequest(t, req))
		if status != calc.StatusOK {
			t.Fatalf("the core rejects scenario %d's request: %v", i, resp)
		}
		answers = append(answers, resp)
	}
	n := 0
	for path, cells := range view.Outputs {
		for i := range reqs {
			want, _ := lookup(answers[i], path)
			if same, why := sameValueTol(cells[i].Value, want, clvTolerance); !same {
				t.Errorf("%s of %q is %s, the core says %v (%s)", path, view.Names[i], cells[i].Value, want, why)
			}
			n++
			ref, _ := lookup(answers[0], path)
			w, _ := json.Marshal(want)
			r, _ := json.Marshal(ref)
			if differs := string(w) != string(r); cells[i].Differs != differs || (differs && !strings.Contains(cells[i].Text, "Δ")) {
				t.Errorf("%s of %q: marked as differing %v (%q), the core's values %s and %s", path, view.Names[i], cells[i].Differs, cells[i].Text, r, w)
			}
		}
	}
	for _, p := range []string{"population.clv_mean", "population.expected_purchases"} {
		if c := view.Outputs[p]; len(c) == 2 && !c[1].Differs {
			t.Errorf("another horizon, and %s is not marked as differing: %+v", p, c)
		}
	}
	t.Logf("%d compared values equal the core's fits", n)
}

// checkCLVCompareLink: the comparison link carries the options, not the file.
func checkCLVCompareLink(t *testing.T, tb *tab) {
	t.Helper()
	link := eval[string](tb, `window.roikitPage.scenarios.compareLink()`)
	u, err := url.Parse(link)
	if err != nil {
		t.Fatalf("the comparison link %q: %v", link, err)
	}
	text, err := base64.RawURLEncoding.DecodeString(u.Query().Get("compare"))
	if err != nil || !strings.Contains(string(text), `"horizon":26`) || strings.Contains(string(text), "customer_id,date") || strings.Contains(string(text), "_csv") {
		t.Errorf("the comparison link carries %.300s (%v)", text, err)
	}
}
