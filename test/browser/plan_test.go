//go:build browser

package browser_test

import (
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/roikit/roikit/calc"
)

// The business case (/plan/): steps 1 and 2 are a prioritize widget, steps
// 3 to 5 follow its answers (site/js/plan.js). Every number checked here
// is the core's, run in Go on the request the page shows.

const planPath = "/plan/"

// jsPlanRuns is the count of finished recomputations of steps 3 to 5, once
// above runs and unchanged for 300 ms.
const jsPlanRuns = `function (runs) {
  const n = Number(document.body.dataset.planRuns || 0);
  const st = window.__planSettle = window.__planSettle || {};
  if (n <= runs) { st.n = -1; return false; }
  if (st.n !== n) { st.n = n; st.since = performance.now(); return false; }
  return performance.now() - st.since >= 300 ? n : false;
}`

func (tb *tab) waitPlan(runs int) int {
	tb.t.Helper()
	return poll[int](tb, "the plan's steps 3 to 5", 60*time.Second, jsPlanRuns, runs)
}

// planView is what steps 3 and 5 show, read from the page.
type planView struct {
	Request map[string]any `json:"request"` // the widget's request
	Tests   []struct {
		Name string   `json:"name"`
		Days *float64 `json:"days"`
	} `json:"tests"`
	Headline string  `json:"headline"`
	NPV      float64 `json:"npv"`
	Cases    []struct {
		Name   string    `json:"name"`
		Source string    `json:"source"`
		Lift   float64   `json:"lift"`
		Range  []float64 `json:"range"`
		NPV    float64   `json:"npv"`
		Chosen bool      `json:"chosen"`
	} `json:"cases"`
	Chart bool `json:"chart"`
}

const jsPlanView = `function () {
  const val = (e) => e ? JSON.parse(e.getAttribute("data-value")) : null;
  const w = window.roikitPage.widgets.find(w => w.primary);
  return {
    request: w.request(),
    tests: Array.from(document.querySelectorAll('#step-3 [data-role="tests"] tr[data-key]')).map(tr => ({name: tr.dataset.key, days: val(tr.children[5].querySelector("[data-value]"))})),
    headline: document.querySelector('[data-role="case-headline"]').textContent,
    npv: val(document.querySelector('[data-role="case-totals"] [data-value]')) || 0,
    cases: Array.from(document.querySelectorAll('[data-role="case-ideas"] tr')).map(tr => ({
      name: tr.querySelector("th").textContent, source: tr.children[3].textContent,
      lift: val(tr.children[1].querySelector("[data-value]")),
      range: Array.from(tr.children[2].querySelectorAll("[data-value]")).map(val),
      npv: val(tr.children[4].querySelector("[data-value]")), chosen: tr.classList.contains("is-chosen")})),
    chart: !document.querySelector('#step-5 [data-role="case-chart"]').hidden &&
      !!document.querySelector('#step-5 [data-role="case-chart"] .chart-canvas :is(svg, canvas)'),
  };
}`

func (tb *tab) planView() planView {
	tb.t.Helper()
	var v planView
	if err := json.Unmarshal([]byte(call[string](tb, `function(){ return JSON.stringify((`+jsPlanView+`)()); }`)), &v); err != nil {
		tb.t.Fatal(err)
	}
	return v
}

// runCore runs a calculator in Go on a request map and decodes the answer.
func runCore(t *testing.T, name string, req map[string]any) map[string]any {
	t.Helper()
	b, _ := json.Marshal(req)
	out, status := calc.RunJSON(name, b)
	var m map[string]any
	if status != calc.StatusOK || json.Unmarshal(out, &m) != nil {
		t.Fatalf("the core's %s fails on %s: %s", name, b, out)
	}
	return m
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// caseRequestOf is the case's prioritize request as plan.js builds it
// (planstate.js caseRequest): step 2's request with the measured ideas
// (name -> [lift, low, high]) put in, and an unlimited budget when there
// is none.
func caseRequestOf(req map[string]any, measured map[string][3]float64) map[string]any {
	caseReq := map[string]any{}
	for k, x := range req {
		caseReq[k] = x
	}
	var ideas []any
	for _, x := range req["ideas"].([]any) {
		idea := map[string]any{}
		for k, y := range x.(map[string]any) {
			idea[k] = y
		}
		if m, ok := measured[idea["name"].(string)]; ok {
			idea["expected_lift"], idea["lift_low"], idea["lift_high"] = m[0], m[1], m[2]
		}
		ideas = append(ideas, idea)
	}
	caseReq["ideas"] = ideas
	if _, ok := caseReq["budget"]; !ok {
		caseReq["budget"] = 1e15
	}
	return caseReq
}

// checkPlan compares steps 3 and 5 with the core: each chosen idea's test
// days with samplesize as prioritize runs it, and the case's portfolio NPV
// with prioritize run on the request with the measured ideas (name ->
// [lift, low, high]) put in.
func checkPlan(t *testing.T, where string, v planView, measured map[string][3]float64) {
	t.Helper()
	req := v.Request
	ranked := runCore(t, "prioritize", req)
	days := map[string]any{}
	for _, x := range ranked["ideas"].([]any) {
		idea := x.(map[string]any)
		days[idea["name"].(string)] = idea["test_days"]
	}
	if len(v.Tests) == 0 {
		t.Fatalf("%s: no test in step 3", where)
	}
	for _, test := range v.Tests {
		want, _ := days[test.Name].(float64)
		if test.Days == nil || *test.Days != want {
			t.Errorf("%s: step 3 gives %s %v days, prioritize %v", where, test.Name, test.Days, days[test.Name])
		}
	}
	caseReq := caseRequestOf(req, measured)
	kase := runCore(t, "prioritize", caseReq)
	if npv := kase["portfolio"].(map[string]any)["npv"].(float64); !near(v.NPV, npv) {
		t.Errorf("%s: step 5's NPV %v, prioritize with the measured ideas %v", where, v.NPV, npv)
	}
	for _, c := range v.Cases {
		_, isMeasured := measured[c.Name]
		if got := strings.HasPrefix(c.Source, "Measured"); got != isMeasured {
			t.Errorf("%s: %s is %q", where, c.Name, c.Source)
		}
		if m, ok := measured[c.Name]; ok && (!near(c.Lift, m[0]) || len(c.Range) != 2 || !near(c.Range[0], m[1]) || !near(c.Range[1], m[2])) {
			t.Errorf("%s: %s shows lift %v range %v, measured %v", where, c.Name, c.Lift, c.Range, m)
		}
	}
	if !v.Chart {
		t.Errorf("%s: step 5 has no tornado chart", where)
	}
}

// TestPlanFlow: numbers flow from step 1 to steps 3 and 5; a test result
// makes its idea measured, with the interval as its range; the plan saves
// to a file that opens again; print has the headline, table and chart.
// It is long because each stage starts from the one before it, as a
// reader goes through the page.
func TestPlanFlow(t *testing.T) {
	tb := newTab(t)
	tb.navigate(planPath)
	tb.waitLive()
	runs := tb.waitPlan(0)
	start := tb.planView()
	checkPlan(t, "start", start, nil)

	// Step 1: a higher conversion rate shortens the tests and raises the NPV.
	tb.setInputs(primary, map[string]*string{"conversion_rate": ptrTo("3")})
	runs = tb.waitPlan(runs)
	higher := tb.planView()
	if higher.Request["conversion_rate"] != 0.03 {
		t.Fatalf("the request's conversion rate is %v", higher.Request["conversion_rate"])
	}
	checkPlan(t, "conversion 3 %", higher, nil)
	if *higher.Tests[0].Days >= *start.Tests[0].Days || higher.NPV <= start.NPV {
		t.Errorf("3 %% conversion: %v days and NPV %v, at 2 %%: %v days and NPV %v", *higher.Tests[0].Days, higher.NPV, *start.Tests[0].Days, start.NPV)
	}

	// Step 4: a result for the first test makes its idea measured.
	first := higher.Tests[0].Name
	counts := map[string]string{"cv": "20000", "cc": "600", "tv": "20000", "tc": "660"}
	call[bool](tb, `function (name, counts) {
	  const f = document.querySelector('#step-4 [data-key="' + CSS.escape(name) + '"]');
	  for (const [k, v] of Object.entries(counts)) {
	    const el = f.querySelector('[data-plan-cell="' + k + '"]');
	    el.value = v; el.dispatchEvent(new Event("input", {bubbles: true}));
	  }
	  return true;
	}`, first, counts)
	sig := runCore(t, "significance", map[string]any{"metric": "proportion", "control_visitors": 20000, "control_conversions": 600,
		"treatment_visitors": 20000, "treatment_conversions": 660, "alpha": 0.1})
	ci := sig["relative_lift_ci"].([]any)
	measured := map[string][3]float64{first: {sig["relative_lift"].(float64), ci[0].(float64), ci[1].(float64)}}
	runs = tb.waitPlan(runs)
	withResult := tb.planView()
	checkPlan(t, "measured", withResult, measured)

	// Save to a file, open a fresh page, open the file: the same plan.
	saved := download(t, tb, `[data-plan-action="save-file"]`, "business-case.roikit.json")
	var file struct {
		Kind string `json:"kind"`
		Data struct {
			Request map[string]any `json:"request"`
		} `json:"data"`
	}
	if err := json.Unmarshal(saved, &file); err != nil || file.Kind != "plan" || file.Data.Request["conversion_rate"] != 0.03 {
		t.Fatalf("the saved file (%v): %.300s", err, saved)
	}
	path := filepath.Join(t.TempDir(), "business-case.roikit.json")
	if err := os.WriteFile(path, saved, 0o644); err != nil {
		t.Fatal(err)
	}
	tb.navigate(planPath)
	tb.waitLive()
	runs = tb.waitPlan(0)
	tb.do("open the plan file", chromedp.SetUploadFiles(chromedp.CSS(`input[data-plan-action="open-file"]`), []string{path}))
	poll[bool](tb, "the plan file opened", 30*time.Second, `function () { return document.querySelector('[data-role="plan-status"]').textContent.startsWith("Opened") || document.querySelector('[data-role="plan-status"]').textContent; }`)
	if s := eval[string](tb, `document.querySelector('[data-role="plan-status"]').textContent`); !strings.HasPrefix(s, "Opened") {
		t.Fatalf("opening the file: %s", s)
	}
	runs = tb.waitPlan(runs)
	reopened := tb.planView()
	checkPlan(t, "reopened", reopened, measured)
	if reopened.NPV != withResult.NPV || reopened.Headline != withResult.Headline {
		t.Errorf("reopened: %q, saved: %q", reopened.Headline, withResult.Headline)
	}

	// Print: one or two pages with the headline, the case table, the tests
	// and the tornado's rows.
	pdf := tb.printPDF(t.TempDir(), "plan")
	if dir := os.Getenv("ROIKIT_KEEP_PDF"); dir != "" {
		b, _ := os.ReadFile(pdf)
		os.WriteFile(filepath.Join(dir, "plan.pdf"), b, 0o644)
	}
	pages := pdfPages(t, pdf)
	text := squash(strings.Join(pages, " "))
	for _, want := range []string{"The plan funds", "what is measured and what is assumed", "Measured", "Assumed", "Test plan", first, "What moves the net present value", "Assumptions"} {
		if !strings.Contains(text, squash(want)) {
			t.Errorf("the printed plan lacks %q", want)
		}
	}
	if len(pages) > 2 {
		t.Errorf("the printed plan has %d pages, want at most 2", len(pages))
	}
	if strings.Contains(text, "Save in this browser") {
		t.Errorf("the printed plan shows the toolbar")
	}
}

func ptrTo(s string) *string { return &s }

// TestPlanValueFromCLV: the lifetime value worked out in step 1 becomes the
// value per conversion (a margin: gross margin 100 %), and typing over it
// breaks the link.
func TestPlanValueFromCLV(t *testing.T) {
	tb := newTab(t)
	tb.navigate(planPath)
	tb.waitLive()
	runs := tb.waitPlan(0)
	clv := map[string]string{"average_order_value": "80", "purchases_per_year": "3", "gross_margin": "40", "retention_rate": "60"}
	call[bool](tb, `function (values) {
	  document.querySelector('[data-role="clv"]').open = true;
	  for (const [k, v] of Object.entries(values)) {
	    const el = document.querySelector('[data-role="clv"] [data-plan-input="' + k + '"]');
	    el.value = v; el.dispatchEvent(new Event("input", {bubbles: true}));
	  }
	  return true;
	}`, clv)
	want := runCore(t, "clv", map[string]any{"average_order_value": 80, "purchases_per_year": 3, "gross_margin": 0.4, "retention_rate": 0.6})["clv"].(float64)
	poll[bool](tb, "the lifetime value", 30*time.Second, `function () { return /Lifetime value \(margin\)/.test(document.querySelector('[data-role="clv-result"]').textContent); }`)
	tb.do("use the CLV", chromedp.Click(chromedp.CSS(`[data-plan-action="use-clv"]`)))
	runs = tb.waitPlan(runs)
	v := tb.planView()
	if got := v.Request["value_per_conversion"].(float64); math.Abs(got-want) > 0.005 || v.Request["gross_margin"] != 1.0 {
		t.Errorf("value %v and margin %v, want the CLV %v and 100 %%", got, v.Request["gross_margin"], want)
	}
	if note := eval[string](tb, `document.querySelector('[data-role="plan-link"]').textContent`); !strings.Contains(note, "lifetime value") {
		t.Errorf("the value's link note: %q", note)
	}
	if tb.query().Get("vpc") != "clv" {
		t.Errorf("the URL does not say the value comes from the CLV: %v", tb.query())
	}
	checkPlan(t, "value from the CLV", v, nil)
	tb.setInputs(primary, map[string]*string{"value_per_conversion": ptrTo("95")})
	tb.waitPlan(runs)
	if note := eval[string](tb, `document.querySelector('[data-role="plan-link"]').textContent`); !strings.HasPrefix(note, "Typed by you") || tb.query().Get("vpc") != "" {
		t.Errorf("typing over the value: note %q, URL %v", note, tb.query())
	}

	// A predictions file of the CLV fit: its clv column's mean (two of three
	// rows have a value: (120.5 + 79.5) / 2 = 100).
	path := filepath.Join(t.TempDir(), "clvfit-predictions.csv")
	csv := "customer_id,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_average_spend,clv\n1,2,30,40,50,0.9,1.2,55,120.5\n2,0,0,40,,1,0.3,,\n3,1,10,40,20,0.8,0.5,22,79.5\n"
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	tb.do("read a predictions file", chromedp.SetUploadFiles(chromedp.CSS(`input[data-plan-action="clvfit-file"]`), []string{path}))
	poll[bool](tb, "the file's value in use", 30*time.Second, `function () { const w = window.roikitPage.widgets.find(w => w.primary); return w.request().value_per_conversion === 100; }`)
	if note := eval[string](tb, `document.querySelector('[data-role="clv-result"]').textContent`); !strings.Contains(note, "over 2 customers") || !strings.Contains(note, "1 row without a value skipped") {
		t.Errorf("the file's note: %q", note)
	}
}

// TestPlanStoredInBrowser: a plan saved under a name in the browser's
// storage opens again after the page is left for the default plan.
func TestPlanStoredInBrowser(t *testing.T) {
	tb := newTab(t)
	tb.navigate(planPath)
	tb.waitLive()
	runs := tb.waitPlan(0)
	tb.setInputs(primary, map[string]*string{"monthly_visitors": ptrTo("350000")})
	runs = tb.waitPlan(runs)
	saved := tb.planView()
	call[bool](tb, `function () { const n = document.getElementById("plan-name"); n.value = "Q3 plan"; return true; }`)
	tb.do("store", chromedp.Click(chromedp.CSS(`[data-plan-action="store"]`)))
	if s := eval[string](tb, `document.querySelector('[data-role="plan-status"]').textContent`); !strings.Contains(s, `Saved "Q3 plan"`) {
		t.Fatalf("storing: %q", s)
	}
	tb.navigate(planPath)
	tb.waitLive()
	runs = tb.waitPlan(0)
	if v := tb.planView(); v.Request["monthly_visitors"] == 350000.0 {
		t.Fatalf("a fresh page kept the edited plan")
	}
	call[bool](tb, `function () { const s = document.getElementById("plan-stored"); s.value = "Q3 plan"; return s.value === "Q3 plan"; }`)
	tb.do("restore", chromedp.Click(chromedp.CSS(`[data-plan-action="restore"]`)))
	tb.waitPlan(runs)
	back := tb.planView()
	if back.Request["monthly_visitors"] != 350000.0 || back.NPV != saved.NPV {
		t.Errorf("restored: %v visitors, NPV %v; saved: NPV %v", back.Request["monthly_visitors"], back.NPV, saved.NPV)
	}
	checkPlan(t, "restored", back, nil)
	call[bool](tb, `function () { localStorage.removeItem("roikit.plans"); return true; }`)
}

// jsPlanCompare reads the "Compare saved plans" table: the plans (column
// heads) and, per row key, each plan's data-value, whether it is marked as
// differing (a visible "Δ" and a visually hidden sentence) and its text.
const jsPlanCompare = `function () {
  const box = document.querySelector('[data-role="plan-compare"]');
  const rows = {};
  for (const tr of box.querySelectorAll('tr[data-plan-compare-row]')) {
    rows[tr.dataset.planCompareRow] = Array.from(tr.querySelectorAll("td")).map(td => ({
      value: JSON.parse(td.getAttribute("data-value")),
      differs: td.hasAttribute("data-differs"),
      delta: !!td.querySelector('.plan-compare__delta[aria-hidden="true"]') && td.querySelector('.plan-compare__delta').textContent === "Δ",
      said: (td.querySelector(".visually-hidden") || {}).textContent || "",
    }));
  }
  return JSON.stringify({
    plans: Array.from(box.querySelectorAll('thead th[scope="col"]')).slice(1).map(th => th.textContent),
    caption: box.querySelector("caption").textContent,
    status: box.querySelector('[data-role="plan-compare-status"]').textContent,
    rows,
  });
}`

type planCompareCell struct {
	Value   any    `json:"value"`
	Differs bool   `json:"differs"`
	Delta   bool   `json:"delta"`
	Said    string `json:"said"`
}

// TestPlanCompare: two plans saved in the browser (conversion 2 % and 3 %,
// the second with a measured test) compared side by side: each plan's NPV
// and payback month are the core's prioritize on that plan's case request,
// the figures that differ from the first plan are marked Δ (and said), and
// the compared plans are the page's scenarios for presentation mode.
// It is long because the plans are built one after the other.
func TestPlanCompare(t *testing.T) {
	tb := newTab(t)
	tb.navigate(planPath)
	tb.waitLive()
	call[bool](tb, `function () { localStorage.removeItem("roikit.plans"); document.addEventListener("roikit:scenarios", () => { window.__scenarioEvents = (window.__scenarioEvents || 0) + 1; }); return true; }`)
	runs := tb.waitPlan(0)
	store := func(name string) {
		call[bool](tb, `function (name) { document.getElementById("plan-name").value = name; return true; }`, name)
		tb.do("store "+name, chromedp.Click(chromedp.CSS(`[data-plan-action="store"]`)))
		if s := eval[string](tb, `document.querySelector('[data-role="plan-status"]').textContent`); !strings.Contains(s, `Saved "`+name+`"`) {
			t.Fatalf("storing %s: %q", name, s)
		}
	}
	low := tb.planView() // the example's conversion rate is 2 %
	if low.Request["conversion_rate"] != 0.02 {
		t.Fatalf("the example's conversion rate is %v", low.Request["conversion_rate"])
	}
	store("Conversion 2 %")

	tb.setInputs(primary, map[string]*string{"conversion_rate": ptrTo("3")})
	runs = tb.waitPlan(runs)
	first := tb.planView().Tests[0].Name
	call[bool](tb, `function (name) {
	  const f = document.querySelector('#step-4 [data-key="' + CSS.escape(name) + '"]');
	  for (const [k, v] of Object.entries({cv: "20000", cc: "600", tv: "20000", tc: "660"})) {
	    const el = f.querySelector('[data-plan-cell="' + k + '"]');
	    el.value = v; el.dispatchEvent(new Event("input", {bubbles: true}));
	  }
	  return true;
	}`, first)
	runs = tb.waitPlan(runs)
	high := tb.planView()
	store("Conversion 3 %")
	sig := runCore(t, "significance", map[string]any{"metric": "proportion", "control_visitors": 20000, "control_conversions": 600,
		"treatment_visitors": 20000, "treatment_conversions": 660, "alpha": 0.1})
	ci := sig["relative_lift_ci"].([]any)
	measured := map[string][3]float64{first: {sig["relative_lift"].(float64), ci[0].(float64), ci[1].(float64)}}

	call[bool](tb, `function () {
	  document.querySelector('[data-role="plan-compare"]').open = true;
	  for (const name of ["Conversion 2 %", "Conversion 3 %"]) document.querySelector('[data-role="plan-compare-list"] input[value="' + name + '"]').click();
	  return true;
	}`)
	poll[bool](tb, "the comparison", 60*time.Second, `function () { const b = document.querySelector('[data-role="plan-compare"]'); return b.hasAttribute("data-compared") && b.querySelectorAll('thead th[scope="col"]').length === 3; }`)
	var got struct {
		Plans   []string                     `json:"plans"`
		Caption string                       `json:"caption"`
		Status  string                       `json:"status"`
		Rows    map[string][]planCompareCell `json:"rows"`
	}
	if err := json.Unmarshal([]byte(call[string](tb, jsPlanCompare)), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Plans) != 2 || got.Plans[0] != "Conversion 2 %" || got.Plans[1] != "Conversion 3 %" {
		t.Fatalf("compared plans %v (status %q)", got.Plans, got.Status)
	}
	if !strings.Contains(got.Caption, "Δ") || !strings.Contains(got.Status, "Compared 2 plans") {
		t.Errorf("caption %q, status %q", got.Caption, got.Status)
	}
	for i, c := range []struct {
		req      map[string]any
		measured map[string][3]float64
	}{{low.Request, nil}, {high.Request, measured}} {
		kase := runCore(t, "prioritize", caseRequestOf(c.req, c.measured))["portfolio"].(map[string]any)
		npv, _ := got.Rows["npv"][i].Value.(float64)
		if !near(npv, kase["npv"].(float64)) {
			t.Errorf("%s: NPV %v, the core's case %v", got.Plans[i], got.Rows["npv"][i].Value, kase["npv"])
		}
		if p := got.Rows["payback_month"][i].Value; p != kase["payback_month"] {
			t.Errorf("%s: payback month %v, the core's case %v", got.Plans[i], p, kase["payback_month"])
		}
		if cr := got.Rows["conversion_rate"][i].Value; cr != c.req["conversion_rate"] {
			t.Errorf("%s: conversion rate %v, saved %v", got.Plans[i], cr, c.req["conversion_rate"])
		}
		if m := got.Rows["measured"][i].Value; m != float64(len(c.measured)) {
			t.Errorf("%s: %v ideas measured, want %d", got.Plans[i], m, len(c.measured))
		}
	}
	for key, cells := range got.Rows {
		if cells[0].Differs || cells[0].Delta {
			t.Errorf("row %s: the first plan is marked as differing", key)
		}
		want := !sameFigure(cells[0].Value, cells[1].Value)
		if cells[1].Differs != want || cells[1].Delta != want || (want && !strings.Contains(cells[1].Said, `differs from "Conversion 2 %"`)) {
			t.Errorf("row %s: %v then %v, marked %+v", key, cells[0].Value, cells[1].Value, cells[1])
		}
	}
	for _, key := range []string{"npv", "conversion_rate", "measured"} {
		if !got.Rows[key][1].Differs {
			t.Errorf("row %s is not marked as differing", key)
		}
	}
	if got.Rows["monthly_visitors"][1].Differs {
		t.Errorf("the same visitors are marked as differing")
	}

	src := axeSource(t)
	for _, theme := range []string{"light", "dark"} {
		eval[bool](tb, `(document.documentElement.setAttribute("data-theme", `+string(jsonString(theme))+`), true)`)
		runAxe(tb, src, "plans compared ("+theme+" theme)")
	}
	eval[bool](tb, `(document.documentElement.removeAttribute("data-theme"), true)`)
	if dir := os.Getenv("ROIKIT_SCREENSHOTS"); dir != "" { // for a person to look at
		tb.scrollTo(`[data-role="plan-compare"]`, "start")
		if png, err := chromedp.Run(tb.ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(filepath.Join(dir, "plan-compare.png"), png, 0o644)
		}
	}

	// The compared plans are the page's scenarios: ← and → of presentation
	// mode open them.
	if n := eval[float64](tb, `window.__scenarioEvents || 0`); n < 2 {
		t.Errorf("%v roikit:scenarios events for two ticks", n)
	}
	if ids := eval[string](tb, `JSON.stringify(window.roikitPage.scenarios.pinned().map(s => s.id))`); ids != `["Conversion 2 %","Conversion 3 %"]` {
		t.Errorf("pinned %s", ids)
	}
	call[bool](tb, `function () { window.roikitPage.scenarios.apply("Conversion 2 %"); return true; }`)
	tb.waitPlan(runs)
	if v := tb.planView(); v.Request["conversion_rate"] != 0.02 || !near(v.NPV, got.Rows["npv"][0].Value.(float64)) {
		t.Errorf("applying the first plan: conversion %v, NPV %v", v.Request["conversion_rate"], v.NPV)
	}
	poll[bool](tb, "the applied plan is active", 10*time.Second, `function () { return window.roikitPage.scenarios.active() === "Conversion 2 %"; }`)
	call[bool](tb, `function () { localStorage.removeItem("roikit.plans"); return true; }`)
}

// sameFigure: two decoded JSON values are the same figure.
func sameFigure(a, b any) bool {
	x, ok1 := a.(float64)
	y, ok2 := b.(float64)
	if ok1 && ok2 {
		return near(x, y)
	}
	return a == b
}
