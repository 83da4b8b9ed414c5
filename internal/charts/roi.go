package charts

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// roiCalc is the roi calculator's spec: its fields' units.
var roiCalc, _ = calc.Lookup("roi")

// roiCashFlow: the cumulative discounted net cash flow by month (month 0 is
// the one-time cost), the break-even line at 0 and the payback month marked.
func roiCashFlow(_ *calc.ROIRequest, r *calc.ROIResponse) (*Option, error) {
	if len(r.CashFlows) == 0 {
		return nil, nil
	}
	data := make([][2]float64, 0, len(r.CashFlows))
	for _, cf := range r.CashFlows {
		if !finite(cf.CumulativeDiscountedNet) {
			return nil, nil
		}
		data = append(data, [2]float64{float64(cf.Month), round(cf.CumulativeDiscountedNet, 7)})
	}
	last := data[len(data)-1]
	sub := "No payback within the horizon"
	desc := fmt.Sprintf("Line chart of the cumulative discounted cash flow from month 0 to month %d. It starts at %s and ends at %s, the net present value.",
		int(last[0]), tok("money", data[0][1]), tok("money", last[1]))
	lines := []any{markLineY{opts.MarkLineNameYAxisItem{Name: "Break-even", YAxis: 0},
		&opts.Label{Show: opts.Bool(true), Position: "insideStartTop", Formatter: "Break-even"}}}
	var mark *opts.MarkPoints
	if r.PaybackMonth != nil {
		m := *r.PaybackMonth
		sub = fmt.Sprintf("Pays back in month %d", m)
		desc += fmt.Sprintf(" It turns positive, paying back the investment, in month %d.", m)
		lines = append(lines, markLineX{opts.MarkLineNameXAxisItem{Name: "Payback", XAxis: m},
			&opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: fmt.Sprintf("Payback: month %d", m)}})
		for _, d := range data {
			if int(d[0]) == m {
				mark = &opts.MarkPoints{
					Data: []any{opts.MarkPointNameCoordItem{Name: "Payback", Coordinate: []any{m, d[1]},
						Symbol: "circle", SymbolSize: 12, ItemStyle: &opts.ItemStyle{Color: orange}}},
					MarkPointStyle: opts.MarkPointStyle{Label: &opts.Label{Show: opts.Bool(false)}}}
			}
		}
	} else {
		desc += " It does not turn positive within the horizon."
	}
	opt := base("Cumulative discounted cash flow", sub, desc)
	opt.Grid.Left = "80"
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Month", NameLocation: "middle", NameGap: 28, Min: 0, Max: int(last[0])}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Cumulative discounted net (" + cur + ")", NameLocation: "end"}}
	opt.Roikit = &hints{XAxis: []string{"int"}, YAxis: []string{"k"}, Series: []string{"money"}}
	opt.Series = []Series{{Type: types.ChartLine, Name: "Cumulative discounted net", Data: lineData(data), ShowSymbol: opts.Bool(false),
		LineStyle: &opts.LineStyle{Width: 2.5}, AreaStyle: &opts.AreaStyle{Opacity: opts.Float(0.12)}, MarkPoint: mark,
		MarkLine: refLine(grey, 1.5, nil, lines...)}}
	return &opt, nil
}

// roiNPVDistribution: the histogram of the Monte Carlo NPVs (present only
// with lift_low and lift_high), bars below zero in red, with the chance of a
// positive NPV.
func roiNPVDistribution(_ *calc.ROIRequest, r *calc.ROIResponse) (*Option, error) {
	h := r.NPVHistogram
	if h == nil || len(h.Counts) == 0 || len(h.BinEdges) != len(h.Counts)+1 {
		return nil, nil
	}
	cats := make([]string, len(h.Counts))
	data := make([]opts.BarData, len(h.Counts))
	total, negative := 0, 0
	for i, c := range h.Counts {
		lo, hi := h.BinEdges[i], h.BinEdges[i+1]
		if !finite(lo, hi) {
			return nil, nil
		}
		cats[i] = strconv.FormatFloat(round((lo+hi)/2, 4), 'g', -1, 64) // the page writes it in the reader's currency
		total += c
		color := green
		if (lo+hi)/2 < 0 {
			color, negative = red, negative+c
		}
		data[i] = opts.BarData{Value: c, ItemStyle: &opts.ItemStyle{Color: color}}
	}
	sub := ""
	desc := fmt.Sprintf("Histogram of the net present value over %s simulated lifts, in %d bins from %s to %s.",
		tok("int", float64(total)), len(h.Counts), tok("money", h.BinEdges[0]), tok("money", h.BinEdges[len(h.BinEdges)-1]))
	if r.ProbPositiveNPV != nil {
		sub = "Chance of a positive NPV: " + tok("pct1", *r.ProbPositiveNPV)
		desc += fmt.Sprintf(" %s of the simulations give a positive NPV (green bars); %s give a negative one (red bars).",
			tok("pct1", *r.ProbPositiveNPV), tok("pct1", float64(negative)/math.Max(1, float64(total))))
	}
	if r.NPVP10 != nil && r.NPVP50 != nil && r.NPVP90 != nil {
		desc += fmt.Sprintf(" 10th percentile %s, median %s, 90th percentile %s.", tok("money", *r.NPVP10), tok("money", *r.NPVP50), tok("money", *r.NPVP90))
	}
	opt := base("Net present value across simulations", sub, desc)
	opt.XAxis = []opts.XAxis{{Type: "category", Name: "Net present value (" + cur + ", bin centre)", NameLocation: "middle", NameGap: 36, Data: cats,
		AxisLabel: &opts.AxisLabel{Interval: "auto"}}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Simulations", NameLocation: "end", MinInterval: 1}}
	edge := math.Max(math.Abs(h.BinEdges[0]), math.Abs(h.BinEdges[len(h.BinEdges)-1]))
	opt.Roikit = &hints{XAxis: []string{moneyTicks(edge, h.BinEdges[1]-h.BinEdges[0])}, YAxis: []string{"int"}, Series: []string{"int"}}
	opt.Grid.Bottom = "72"
	opt.Series = []Series{{Type: types.ChartBar, Name: "Simulations", Data: data, BarCategoryGap: "4%"}}
	return &opt, nil
}

// roiTornado: for each input, the change in NPV when it moves to its low and
// its high value, the others held; largest swing on top. Inputs that do not
// move the NPV are left out.
func roiTornado(_ *calc.ROIRequest, r *calc.ROIResponse) (*Option, error) {
	var cats []string
	var low, high []float64
	for _, s := range r.Sensitivity {
		if !finite(s.NPVLow, s.NPVHigh, s.LowValue, s.HighValue) || s.NPVLow == s.NPVHigh {
			continue
		}
		show := func(x float64) string { return tok("plain", x) }
		if f := roiCalc.Field(s.Field); f != nil {
			switch f.Unit {
			case calc.Fraction:
				show = pctTok
			case calc.Currency:
				show = func(x float64) string { return tok("money", x) }
			case calc.Count:
				show = func(x float64) string { return tok("int", x) }
			}
		}
		cats = append(cats, fmt.Sprintf("%s (%s to %s)", s.Label, show(s.LowValue), show(s.HighValue)))
		low = append(low, round(s.NPVLow-r.NPV, 6))
		high = append(high, round(s.NPVHigh-r.NPV, 6))
	}
	if len(cats) == 0 {
		return nil, nil
	}
	top := r.Sensitivity[0]
	desc := fmt.Sprintf("Tornado chart of %d inputs: horizontal bars show how far the net present value (%s) moves when one input takes its low value and when it takes its high value. "+
		"%s moves it most: from %s to %s.", len(cats), tok("money", r.NPV), top.Label, tok("money", top.NPVLow), tok("money", top.NPVHigh))
	opt := base("What moves the net present value", "Change from the base NPV of "+tok("money", r.NPV), desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.Grid = &opts.Grid{Left: "12", Right: "32", Top: "92", Bottom: "72"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Change in NPV (" + cur + ")", NameLocation: "middle", NameGap: 28}}
	opt.YAxis = []opts.YAxis{{Type: "category", Data: cats, Inverse: opts.Bool(true)}}
	opt.Aria.Decal = &opts.AriaDecal{Show: opts.Bool(true)}
	opt.Series = []Series{
		{Type: types.ChartBar, Name: "Input at its low value", Data: barData(low), BarGap: "-100%", BarCategoryGap: "35%", ItemStyle: &opts.ItemStyle{Color: orange}},
		{Type: types.ChartBar, Name: "Input at its high value", Data: barData(high), ItemStyle: &opts.ItemStyle{Color: blue}},
	}
	opt.Roikit = &hints{XAxis: []string{"k"}, YAxis: []string{""}, Series: []string{"money", "money"}, RowLabels: true}
	return &opt, nil
}
