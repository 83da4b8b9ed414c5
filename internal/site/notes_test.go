package site

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// noteRequests are prioritize requests whose ranked tables hold every kind
// of note: a testable idea, tests too long at a share of traffic, no
// positive lift, a lift too small to test, and a budget's portfolio.
var noteRequests = []string{
	`{"monthly_visitors":200000,"conversion_rate":0.02,"value_per_conversion":80,"gross_margin":0.4,"ideas":[{"name":"Recommendations","expected_lift":0.08,"lift_low":0.02,"lift_high":0.14,"one_time_cost":50000,"monthly_cost":2000},{"name":"Search","addressable_share":0.6,"expected_lift":0.03,"one_time_cost":20000,"monthly_cost":1000},{"name":"Email","addressable_share":0.3,"expected_lift":0.02,"one_time_cost":10000}]}`,
	`{"monthly_visitors":100,"conversion_rate":0.02,"value_per_conversion":80,"budget":5000,"ideas":[{"name":"Tiny","expected_lift":1e-12},{"name":"Flat","expected_lift":0,"one_time_cost":100},{"name":"Worse","expected_lift":-0.1,"addressable_share":0.5},{"name":"Big","expected_lift":0.5,"one_time_cost":1000}]}`,
	`{"monthly_visitors":50000,"conversion_rate":0.05,"value_per_conversion":120,"max_test_days":14,"budget":30000,"ideas":[{"name":"A","expected_lift":0.1,"addressable_share":0.25,"one_time_cost":20000},{"name":"B","expected_lift":0.2,"one_time_cost":15000},{"name":"C","expected_lift":0.04,"addressable_share":0.75,"one_time_cost":5000}]}`,
}

// TestIdeaNotesForThePage writes (with -update) or checks
// site/js/testdata/ideanotes.json: the notes' words (present.NoteTexts)
// and, for each request, its response and the notes the build writes
// (present.Notes, en-US); site/js/ideanotes.test.js checks the page
// writes the same from the same response.
func TestIdeaNotesForThePage(t *testing.T) {
	type noteCase struct {
		Request  json.RawMessage   `json:"request"`
		Response json.RawMessage   `json:"response"`
		Want     map[string]string `json:"want"`
	}
	var cases []noteCase
	codes := map[string]bool{}
	for _, req := range noteRequests {
		res := calc.Run("prioritize", []byte(req), calc.Hooks{})
		if res.Status != calc.StatusOK {
			t.Fatalf("%s: %s", req, res.JSON())
		}
		r := res.Response.(*calc.PrioritizeResponse)
		for i := range r.Ideas {
			code, _, _ := present.IdeaNote(res.Request.(*calc.PrioritizeRequest), &r.Ideas[i])
			codes[code] = true
		}
		cases = append(cases, noteCase{Request: json.RawMessage(req), Response: res.JSON(), Want: present.Notes(res, FormatNumber)})
	}
	for code := range present.NoteTexts {
		if code != "in_portfolio" && !codes[code] {
			t.Errorf("no case gives the note %q", code)
		}
	}
	got, err := json.MarshalIndent(map[string]any{"texts": present.NoteTexts, "cases": cases}, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("..", "..", "site", "js", "testdata", "ideanotes.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("%s is not the build's notes (%v): run  go test ./internal/site -run TestIdeaNotesForThePage -update", path, err)
	}
}
