package charts

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// prioritizeNPV: one horizontal bar per idea, in rank order from the top,
// its net present value; ideas that lose money in red, the portfolio's
// ideas (with a budget) named in the subtitle.
func prioritizeNPV(_ *calc.PrioritizeRequest, r *calc.PrioritizeResponse) (*Option, error) {
	if len(r.Ideas) == 0 {
		return nil, nil
	}
	n := len(r.Ideas)
	cats := make([]string, n)
	data := make([]opts.BarData, n)
	positive := 0
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
	}
	top := r.Ideas[0]
	desc := fmt.Sprintf("Bar chart of the net present value of %d ideas in rank order. %s comes first at %s; %d of them have a positive net present value (green bars), the others do not (red bars).",
		n, top.Name, tok("money", top.NPV), positive)
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
	opt.Series = []Series{{Type: types.ChartBar, Name: "Net present value", Data: data}}
	return &opt, nil
}
