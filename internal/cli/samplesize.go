package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// outputTables print a list output of the summary as a table of its own,
// after the other outputs, by output name (writeSummary). Their label is
// the output's.
var outputTables = map[string]func(w io.Writer, res *calc.Result, label string){
	"mde_by_week": writeMDEByWeek,
}

// writeMDEByWeek prints samplesize's mde_by_week: one line per week with
// its visitors and the smallest relative and absolute lift it detects, the
// absolute lift of a rate in percentage points; "—" for a week that
// detects nothing. The week of the plan (present.PlannedWeek) is marked.
func writeMDEByWeek(w io.Writer, res *calc.Result, label string) {
	resp, ok := res.Response.(*calc.SampleSizeResponse)
	if !ok || len(resp.MDEByWeek) == 0 {
		return
	}
	rate := false
	if req, ok := res.Request.(*calc.SampleSizeRequest); ok {
		rate = req.Metric == "proportion"
	}
	absHead := "Smallest absolute lift"
	if rate {
		absHead = "Smallest lift (points)"
	}
	planned := present.PlannedWeek(resp)
	fmt.Fprintf(w, "\n%s:\n", label)
	rows := [][]string{{"Weeks", "Visitors", "Smallest relative lift", absHead, ""}}
	for _, r := range resp.MDEByWeek {
		rel, abs := "—", "—"
		if r.RelativeMDE != nil {
			rel = calc.FormatFixed(*r.RelativeMDE*100, 1) + " %"
		}
		if r.AbsoluteMDE != nil {
			abs = present.Number(*r.AbsoluteMDE, calc.Plain)
			if rate {
				abs = "+" + calc.FormatFixed(*r.AbsoluteMDE*100, 2)
			}
		}
		mark := ""
		if r.Weeks == planned {
			mark = "← " + present.PlannedMark(resp)
		}
		rows = append(rows, []string{fmt.Sprint(r.Weeks), calc.FormatCount(float64(r.NTotal)), rel, abs, mark})
	}
	widths := make([]int, len(rows[0]))
	for _, row := range rows {
		for i, c := range row {
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, row := range rows {
		var b strings.Builder
		for i, c := range row[:4] {
			b.WriteString("  " + strings.Repeat(" ", widths[i]-len([]rune(c))) + c)
		}
		if row[4] != "" {
			b.WriteString("  " + row[4])
		}
		fmt.Fprintln(w, b.String())
	}
}
