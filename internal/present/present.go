// Package present says how each calculator is shown: its one-sentence
// headline (the CLI's answer), the charts its page draws (ids and titles),
// the initial height of its embed, and its results template (NAME.html
// in results/, the headline and key outputs a page shows). One file per
// calculator holds all four, so a calculator added to calc's registry gets
// its presentation here, in one place; a test checks every registered
// calculator has each piece.
//
// The package imports only calc and the standard library, so the API Worker
// (oEmbed heights) does not link the chart code; internal/charts draws the
// charts named here.
package present

import (
	"fmt"
	"sort"

	"github.com/roikit/roikit/calc"
)

// Chart names one chart a calculator page shows.
type Chart struct {
	ID    string `json:"id"`    // stable, lower-case, used in DOM ids: "npv-distribution"
	Title string `json:"title"` // a sentence for the chart's accessible name
}

// Presentation is how one calculator is shown.
type Presentation struct {
	// Headline is the answer in one sentence, as plain text (the CLI's
	// first line), from a successful result.
	Headline func(*calc.Result) string
	// Charts are the charts its page draws, in page order.
	Charts []Chart
	// EmbedHeight is the initial iframe height of its embed, in CSS pixels,
	// before the embed page reports its real height.
	EmbedHeight int
	// Results is the file name of its results template in
	// internal/present/results (results.Templates).
	Results string
	// Notes (optional) are words its results template shows beside the
	// outputs, by path (the template's {{note . PATH}}), written from the
	// result with format (numbers by data-format name); NoteTexts are the
	// words they are made of, which the page script reads to write the
	// same notes live.
	Notes     func(res *calc.Result, format func(x float64, name string) string) map[string]string
	NoteTexts map[string]string
}

// presentations lists every calculator's presentation, by name.
var presentations = map[string]*Presentation{
	"samplesize":   &sampleSize,
	"significance": &significance,
	"clv":          &clv,
	"roi":          &roi,
	"clvfit":       &clvfit,
	"prioritize":   &prioritize,
}

// For returns the named calculator's presentation, or nil.
func For(name string) *Presentation { return presentations[name] }

// Names lists the calculators with a presentation, sorted.
func Names() []string {
	out := make([]string, 0, len(presentations))
	for n := range presentations {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// headline adapts a headline that reads a calculator's typed response.
func headline[Resp any](f func(*Resp) string) func(*calc.Result) string {
	return func(res *calc.Result) string {
		r, ok := res.Response.(*Resp)
		if !ok {
			return ""
		}
		return f(r)
	}
}

// Headline is the named calculator's headline for a result, or "".
func Headline(res *calc.Result) string {
	if res == nil || res.Calc == nil || res.Status != calc.StatusOK {
		return ""
	}
	p := For(res.Calc.Name)
	if p == nil {
		return ""
	}
	return p.Headline(res)
}

// EmbedHeight is the named calculator's initial embed height; 900 for a
// name without a presentation.
func EmbedHeight(name string) int {
	if p := For(name); p != nil {
		return p.EmbedHeight
	}
	return 900
}

// check reports a presentation missing a piece (for tests and start-up).
func (p *Presentation) check(name string) error {
	switch {
	case p.Headline == nil:
		return fmt.Errorf("%s has no headline", name)
	case len(p.Charts) == 0:
		return fmt.Errorf("%s has no charts", name)
	case p.EmbedHeight <= 0:
		return fmt.Errorf("%s has no embed height", name)
	case p.Results == "":
		return fmt.Errorf("%s has no results template", name)
	}
	return nil
}
