package api

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
)

const site = "https://roikit.example"

func do(t *testing.T, method, target, body string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	rec := httptest.NewRecorder()
	New(Options{SiteURL: site, MaxBody: 1 << 20}).ServeHTTP(rec, req)
	return rec.Result()
}

func readBody(t *testing.T, r *http.Response) string {
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestRunStatuses(t *testing.T) {
	tests := []struct {
		name, method, path, body string
		status                   int
		contains                 string
	}{
		{"success", "POST", "/api/v1/samplesize", `{"baseline_rate":0.05,"mde":0.1}`, 200, `"n_control":31234`},
		{"invalid", "POST", "/api/v1/samplesize", `{"baseline_rate":5,"mde":0.1}`, 422, `"field":"baseline_rate"`},
		{"malformed", "POST", "/api/v1/samplesize", `{"baseline_rate":`, 400, `"malformed_json"`},
		{"empty body", "POST", "/api/v1/clv", ``, 400, `"malformed_json"`},
		{"too large", "POST", "/api/v1/clv", `{"x":"` + strings.Repeat("a", 2<<20) + `"}`, 413, `"too_large"`},
		{"unknown calculator", "POST", "/api/v1/nope", `{}`, 404, `unknown_calculator`},
		{"wrong method", "DELETE", "/api/v1/samplesize", ``, 405, `method_not_allowed`},
		{"describe", "GET", "/api/v1/samplesize", ``, 200, `"exclusiveMinimum"`},
		{"sequential", "POST", "/api/v1/significance", `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"sequential":true}`, 200, `"fixed_horizon_p_value":0.01712582887219`},
		{"sequential one-sided", "POST", "/api/v1/significance", `{"control_visitors":10,"control_conversions":1,"treatment_visitors":10,"treatment_conversions":2,"sequential":true,"sides":1}`, 422, `"field":"sides"`},
		{"trailing slash", "POST", "/api/v1/samplesize/", `{"baseline_rate":0.05,"mde":0.1}`, 200, `"n_total":62468`},
		{"elsewhere", "GET", "/wp-admin", ``, 404, `not_found`},
	}
	for _, tt := range tests {
		r := do(t, tt.method, tt.path, tt.body)
		body := readBody(t, r)
		if r.StatusCode != tt.status || !strings.Contains(body, tt.contains) {
			t.Errorf("%s: %d %s; want %d containing %q", tt.name, r.StatusCode, truncate(body), tt.status, tt.contains)
		}
		if r.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s: no CORS header", tt.name)
		}
		if !json.Valid([]byte(body)) {
			t.Errorf("%s: body is not JSON", tt.name)
		}
	}
}

func truncate(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// TestAnswersEqualCore checks that the API answers exactly what the core
// (and so `roikit run`) answers, byte for byte.
func TestAnswersEqualCore(t *testing.T) {
	for _, c := range []struct{ name, body string }{
		{"samplesize", `{"baseline_rate":0.03,"mde":0.2,"daily_visitors":1200}`},
		{"clv", `{"average_order_value":80,"purchases_per_year":2.5,"gross_margin":0.4,"retention_rate":0.6}`},
		{"clv", `{"average_order_value":-1}`},
		// v1.1: the sequential fields decode like any other, and the one-sided error reaches the API.
		{"significance", `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"sequential":true,"sequential_tuning":20000}`},
		{"significance", `{"control_visitors":10000,"control_conversions":200,"treatment_visitors":10000,"treatment_conversions":250,"sequential":true,"sides":1}`},
	} {
		want, _ := calc.RunJSON(c.name, []byte(c.body))
		got := readBody(t, do(t, "POST", "/api/v1/"+c.name, c.body))
		if got != string(want) {
			t.Errorf("%s %s: API %s, core %s", c.name, c.body, got, want)
		}
	}
}

func TestPreflight(t *testing.T) {
	r := do(t, "OPTIONS", "/api/v1/roi", "")
	if r.StatusCode != 204 || !strings.Contains(r.Header.Get("Access-Control-Allow-Methods"), "POST") ||
		r.Header.Get("Access-Control-Allow-Headers") != "Content-Type" {
		t.Errorf("preflight: %d %v", r.StatusCode, r.Header)
	}
}

// TestListing checks GET /api/v1: every calculator with a JSON Schema whose
// properties are exactly the calculator's fields.
func TestListing(t *testing.T) {
	var got struct {
		Calculators []struct {
			Name   string `json:"name"`
			Schema struct {
				Properties           map[string]any `json:"properties"`
				AdditionalProperties bool           `json:"additionalProperties"`
				Required             []string       `json:"required"`
			} `json:"schema"`
		} `json:"calculators"`
	}
	if err := json.Unmarshal([]byte(readBody(t, do(t, "GET", "/api/v1", ""))), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Calculators) != len(calc.Calculators()) {
		t.Fatalf("%d calculators listed", len(got.Calculators))
	}
	for _, doc := range got.Calculators {
		c, _ := calc.Lookup(doc.Name)
		if len(doc.Schema.Properties) != len(c.Fields) || doc.Schema.AdditionalProperties {
			t.Errorf("%s: schema has %d properties, calculator %d fields", doc.Name, len(doc.Schema.Properties), len(c.Fields))
		}
	}
}

func TestOEmbed(t *testing.T) {
	r := do(t, "GET", "/oembed?url="+site+"/calculators/samplesize/%3Fbaseline_rate%3D0.03&maxwidth=500&format=json", "")
	var got oembedResponse
	if err := json.Unmarshal([]byte(readBody(t, r)), &got); err != nil || r.StatusCode != 200 {
		t.Fatalf("%d %v", r.StatusCode, err)
	}
	if got.Type != "rich" || got.Version != "1.0" || got.Width != 500 || got.ProviderName != "roikit" ||
		!strings.Contains(got.HTML, `src="`+site+`/embed/samplesize/?baseline_rate=0.03"`) ||
		!strings.Contains(got.HTML, `loading="lazy"`) || !strings.Contains(got.HTML, `title="A/B test sample size`) {
		t.Errorf("oEmbed answer: %+v", got)
	}
	for _, tt := range []struct {
		query  string
		status int
	}{
		{"url=https://evil.example/calculators/roi/", 404},
		{"url=" + site + "/guides/glossary/", 404},
		{"url=" + site + "/calculators/nope/", 404},
		{"url=javascript:alert(1)", 404},
		{"", 404},
		{"url=" + site + "/calculators/roi/&format=xml", 501},
		{"url=" + site + "/embed/roi/", 200},
	} {
		if r := do(t, "GET", "/oembed?"+tt.query, ""); r.StatusCode != tt.status {
			t.Errorf("%s: %d, want %d", tt.query, r.StatusCode, tt.status)
		}
	}
	// Markup in the page's query stays data: escaped in the attribute.
	r = do(t, "GET", `/oembed?url=`+site+`/calculators/roi/%3Fx%3D%22%3E%3Cscript%3E`, "")
	if body := readBody(t, r); strings.Contains(body, "<script>") || strings.Contains(body, `\u003cscript\u003e`) {
		t.Errorf("markup leaked into the snippet: %s", body)
	}
}

// TestMDEByWeekOverHTTP: POST /api/v1/samplesize with daily_visitors
// returns mde_by_week, eight weeks; week 4 at 1,000 a day (28,000
// visitors) detects +0.7553 points on 5 %: R 4.2.2 power.prop.test(n =
// 14000, p1 = 0.05, power = 0.8)$p2 = 0.0575531831
// (scripts/reference/power_prop_inverse.py); unreachable weeks are null
// with the mde_unreachable warning.
func TestMDEByWeekOverHTTP(t *testing.T) {
	var got struct {
		MDEByWeek []struct {
			Weeks       int      `json:"weeks"`
			NTotal      int      `json:"n_total"`
			AbsoluteMDE *float64 `json:"absolute_mde"`
		} `json:"mde_by_week"`
		Warnings []calc.Warning `json:"warnings"`
	}
	r := do(t, "POST", "/api/v1/samplesize", `{"baseline_rate":0.05,"mde":0.1,"daily_visitors":1000}`)
	if err := json.Unmarshal([]byte(readBody(t, r)), &got); err != nil || r.StatusCode != 200 || len(got.MDEByWeek) != 8 {
		t.Fatalf("status %d, %v: %+v", r.StatusCode, err, got)
	}
	if w := got.MDEByWeek[3]; w.Weeks != 4 || w.NTotal != 28000 || w.AbsoluteMDE == nil || *w.AbsoluteMDE < 0.0075531830 || *w.AbsoluteMDE > 0.0075531832 {
		t.Errorf("week 4: %+v", w)
	}
	r = do(t, "POST", "/api/v1/samplesize", `{"baseline_rate":0.5,"mde":0.1,"daily_visitors":2}`)
	got.Warnings = nil
	if err := json.Unmarshal([]byte(readBody(t, r)), &got); err != nil || got.MDEByWeek[0].AbsoluteMDE != nil || got.MDEByWeek[1].AbsoluteMDE == nil {
		t.Fatalf("%v: %+v", err, got)
	}
	found := false
	for _, w := range got.Warnings {
		found = found || w.Code == "mde_unreachable"
	}
	if !found {
		t.Errorf("no mde_unreachable warning: %v", got.Warnings)
	}
}
