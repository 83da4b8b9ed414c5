package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// prioritizeNPV: one horizontal bar per idea, in rank order from the top,
// its net present value (ideas that lose money in red), and across it the
// idea's 80 % range of the NPV (npv_p10 to npv_p90, from roi's simulation;
// only ideas with a lift range have one): two ticks joined by a line. The
// portfolio's ideas (with a budget) are summed in the subtitle.
func prioritizeNPV(_ *calc.PrioritizeRequest, r *calc.PrioritizeResponse) (*Option, error) {
	if len(r.Ideas) == 0 {
		return nil, nil
	}
	n := len(r.Ideas)
	cats := make([]string, n)
	data := make([]opts.BarData, n)
	var ends []opts.ScatterData
	var spans []any
	positive, ranged := 0, 0
	// ECharts draws a category axis from the bottom: the best idea goes last.
	for i, idea := range r.Ideas {
		if !finite(idea.NPV) {
			return nil, nil
		}
		color := green
		if idea.NPV < 0 {
			color = red
		} else if idea.NPV > 0 {
			positive++
		}
		cats[n-1-i] = idea.Name
		data[n-1-i] = opts.BarData{Value: round(idea.NPV, 7), ItemStyle: &opts.ItemStyle{Color: color}}
		if idea.NPVP10 != nil && idea.NPVP90 != nil && finite(*idea.NPVP10, *idea.NPVP90) {
			ranged++
			lo, hi := round(*idea.NPVP10, 7), round(*idea.NPVP90, 7)
			ends = append(ends, opts.ScatterData{Name: idea.Name, Value: []any{lo, idea.Name}}, opts.ScatterData{Name: idea.Name, Value: []any{hi, idea.Name}})
			spans = append(spans, []map[string]any{{"coord": []any{lo, idea.Name}}, {"coord": []any{hi, idea.Name}}})
		}
	}
	top := r.Ideas[0]
	desc := fmt.Sprintf("Bar chart of the net present value of %d ideas in rank order. %s comes first at %s; %d of them have a positive net present value (green bars), the others do not (red bars).",
		n, top.Name, tok("money", top.NPV), positive)
	if top.NPVP10 != nil && top.NPVP90 != nil {
		desc += fmt.Sprintf(" A line across each bar spans the idea's %s range of outcomes over its lift range: for %s, %s to %s.", tok("pct", 0.8), top.Name, tok("money", *top.NPVP10), tok("money", *top.NPVP90))
	} else if ranged > 0 {
		desc += " A line across a bar spans that idea's " + tok("pct", 0.8) + " range of outcomes over its lift range."
	}
	sub := ""
	if p := r.Portfolio; p != nil {
		sub = fmt.Sprintf("Within the budget: %d ideas worth %s", len(p.Names), tok("money", p.NPV))
		desc += fmt.Sprintf(" Within the budget the best set holds %d ideas worth %s together.", len(p.Names), tok("money", p.NPV))
	}
	opt := base("Net present value of each idea", sub, desc)
	opt.Grid.Left = "140"
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Net present value (" + cur + ")", NameLocation: "middle", NameGap: 28}}
	opt.YAxis = []opts.YAxis{{Type: "category", Data: cats}}
	opt.Roikit = &hints{XAxis: []string{"k"}, YAxis: []string{""}, Series: []string{"money"}}
	// The series' own colour is the legend's swatch: green, as the bars of a positive NPV.
	opt.Series = []Series{{Type: types.ChartBar, Name: "Net present value", Data: data, BarCategoryGap: "40%", ItemStyle: &opts.ItemStyle{Color: green}}}
	if ranged > 0 {
		opt.Legend = &opts.Legend{Show: opts.Bool(true), Bottom: "0"}
		opt.Grid.Bottom = "64"
		opt.Roikit.Series = append(opt.Roikit.Series, "money")
		opt.Series = append(opt.Series, Series{Type: types.ChartScatter, Name: tok("pct", 0.8) + " range (10th to 90th percentile)", Data: ends,
			Symbol: "rect", SymbolSize: []int{3, 16}, ItemStyle: &opts.ItemStyle{Color: grey}, Z: 3,
			MarkLine: &markLine{Silent: true, MarkLines: opts.MarkLines{Data: spans, MarkLineStyle: opts.MarkLineStyle{
				Symbol: []string{"none", "none"}, LineStyle: &opts.LineStyle{Color: grey, Type: "solid", Width: 2}}}}})
	}
	return &opt, nil
}

// prioritizeReturnDays: one labelled point per idea, its return per dollar
// (pv_benefits / pv_costs, y) against the days its A/B test needs (x, on a
// log axis when they span more than a decade), with a dashed line at the
// longest test (max_test_days). Testable ideas are filled circles, the
// others hollow triangles (and a legend names both), so they differ by
// more than colour. Ideas without test days (no positive lift, or a lift
// too small to test) or without a return (no costs) cannot be placed and
// are named in the subtitle.
func prioritizeReturnDays(req *calc.PrioritizeRequest, r *calc.PrioritizeResponse) (*Option, error) {
	var testable, untestable []opts.ScatterData
	var left []string
	minDays, maxDays := math.Inf(1), float64(req.MaxTestDays)
	for _, idea := range r.Ideas {
		if idea.TestDays == nil || idea.ROIPerDollar == nil || !finite(*idea.ROIPerDollar) {
			left = append(left, idea.Name)
			continue
		}
		d := float64(*idea.TestDays)
		minDays, maxDays = math.Min(minDays, d), math.Max(maxDays, d)
		p := opts.ScatterData{Name: idea.Name, Value: []any{d, round(*idea.ROIPerDollar, 7)}}
		if idea.Testable {
			testable = append(testable, p)
		} else {
			untestable = append(untestable, p)
		}
	}
	if len(testable)+len(untestable) == 0 {
		return nil, nil
	}
	desc := fmt.Sprintf("Scatter chart of the return per dollar spent of each idea (up) against the days its A/B test needs (across), with a dashed line at the longest test, %s days. %d ideas can be tested within it (filled circles), %d cannot (hollow triangles).",
		tok("int", float64(req.MaxTestDays)), len(testable), len(untestable))
	sub := ""
	if len(left) > 0 {
		sub = "Not shown (no test days or no return): " + strings.Join(left, ", ")
		desc += " " + sub + "."
	}
	opt := base("Return per dollar against test days", sub, desc)
	axisType := "value"
	if minDays > 0 && maxDays/math.Min(minDays, float64(req.MaxTestDays)) > 10 {
		axisType = "log"
	}
	opt.Legend = &opts.Legend{Show: opts.Bool(true), Bottom: "0"}
	opt.Grid.Bottom = "72"
	opt.Grid.Right = "20%" // room for the names of the ideas furthest right
	opt.XAxis = []opts.XAxis{{Type: axisType, Name: "Test days", NameLocation: "middle", NameGap: 28}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Return per dollar", NameLocation: "end"}}
	label := &opts.Label{Show: opts.Bool(true), Position: "right", Formatter: "{b}"}
	limit := refLine(orange, 1.5, &opts.Label{Show: opts.Bool(true), Position: "end", Formatter: "Longest test"},
		markLineX{MarkLineNameXAxisItem: opts.MarkLineNameXAxisItem{Name: "Longest test", XAxis: req.MaxTestDays}})
	// Only the kinds of idea there are: ECharts draws no empty series.
	for _, s := range []Series{
		{Type: types.ChartScatter, Name: "Testable", Data: testable, Symbol: "circle", SymbolSize: 14,
			ItemStyle: &opts.ItemStyle{Color: blue}},
		{Type: types.ChartScatter, Name: "Not testable", Data: untestable, Symbol: "emptyTriangle", SymbolSize: 16,
			ItemStyle: &opts.ItemStyle{Color: orange, BorderWidth: 2}},
	} {
		if len(s.Data.([]opts.ScatterData)) > 0 {
			s.Label = label // each point named by its idea
			opt.Series = append(opt.Series, s)
		}
	}
	opt.Series[0].MarkLine = limit
	opt.Roikit = &hints{XAxis: []string{"int"}, YAxis: []string{"dec2"}, Series: []string{"dec2", "dec2"}[:len(opt.Series)]}
	return &opt, nil
}
