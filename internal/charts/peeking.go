package charts

import (
	"encoding/json"
	"fmt"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// PeekingInfo names the peeking demonstration's chart on the significance
// page (figure[data-chart="peeking"]).
var PeekingInfo = Info{ID: "peeking", Title: "Share of simulated A/A tests called winners when checked daily: fixed-horizon test against sequential test"}

// Peeking draws the peeking demonstration (calc.Peeking): for each day, the
// cumulative share of simulated A/A tests called winners by the
// fixed-horizon test and by the sequential one, with alpha marked, as the
// one chart of a list ([]Chart, like Build's).
func Peeking(r *calc.PeekingResponse) ([]Chart, error) {
	n := len(r.Days)
	if n == 0 {
		return []Chart{{Info: PeekingInfo, Option: json.RawMessage("null")}}, nil
	}
	fixed := make([][2]float64, n)
	seq := make([][2]float64, n)
	for i, d := range r.Days {
		fixed[i] = [2]float64{float64(d), round(r.FixedWinners[i], 4)}
		seq[i] = [2]float64{float64(d), round(r.SequentialWinners[i], 4)}
	}
	last := n - 1
	alpha := pctTok(r.Alpha)
	desc := fmt.Sprintf("Two lines over %s days of %s simulated tests in which the treatment is identical to the control, each checked once a day. "+
		"A reader who stops at the first significant result calls a winner in %s of them by day %s with the fixed-horizon test, "+
		"against %s with the sequential test; a correct test keeps this at or below alpha, %s.",
		tok("int", float64(r.Days[last])), tok("int", float64(r.Simulations)), tok("pct1", r.FixedWinners[last]), tok("int", float64(r.Days[last])),
		tok("pct1", r.SequentialWinners[last]), alpha)
	sub := fmt.Sprintf("By day %s: fixed %s, sequential %s of %s A/A tests (alpha %s)", tok("int", float64(r.Days[last])),
		tok("pct1", r.FixedWinners[last]), tok("pct1", r.SequentialWinners[last]), tok("int", float64(r.Simulations)), alpha)
	opt := base("False winners when you check every day", sub, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Day of the test", NameLocation: "middle", NameGap: 28, Min: 1, Max: r.Days[last]}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "A/A tests called winners", NameLocation: "end", Min: 0}}
	opt.Roikit = &hints{XAxis: []string{"int"}, YAxis: []string{"pct"}, Series: []string{"pct1", "pct1"}}
	opt.Series = []Series{
		{Type: types.ChartLine, Name: "Fixed-horizon test", Data: lineData(fixed), ShowSymbol: opts.Bool(false), LineStyle: &opts.LineStyle{Width: 2.5, Color: orange},
			ItemStyle: &opts.ItemStyle{Color: orange},
			MarkLine: refLine(grey, 1.5, &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "alpha {c}"},
				opts.MarkLineNameYAxisItem{Name: "alpha", YAxis: r.Alpha})},
		{Type: types.ChartLine, Name: "Sequential test", Data: lineData(seq), ShowSymbol: opts.Bool(false), LineStyle: &opts.LineStyle{Width: 2.5, Type: "dashed", Color: blue},
			ItemStyle: &opts.ItemStyle{Color: blue}},
	}
	raw, err := json.Marshal(opt)
	if err != nil {
		return nil, fmt.Errorf("charts: peeking: %v", err)
	}
	return []Chart{{Info: PeekingInfo, Option: raw}}, nil
}
