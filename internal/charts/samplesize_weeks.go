package charts

import (
	"fmt"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// mdeByWeekChart: the smallest lift the test detects against its length in
// whole weeks (the response's mde_by_week, 1 to 8 weeks), relative (as a
// percentage of the baseline) when the response has relative effects,
// else absolute in the metric's units. The planned week
// (present.PlannedWeek) is marked, and the request's own effect drawn
// across: weeks whose line lies below it detect the effect. Weeks that
// detect nothing have no point. No chart without daily visitors or with
// no week that detects anything.
func mdeByWeekChart(req *calc.SampleSizeRequest, own *calc.SampleSizeResponse) (*Option, error) {
	relative := own.RelativeMDE != nil
	for _, w := range own.MDEByWeek {
		relative = relative && (w.AbsoluteMDE == nil || w.RelativeMDE != nil)
	}
	format, yName, yourEffect := "pct1", "Smallest detectable lift (relative)", 0.0
	if relative {
		yourEffect = *own.RelativeMDE
	} else {
		format, yName, yourEffect = "plain", "Smallest detectable lift (absolute)", own.AbsoluteMDE
	}
	var points [][2]float64
	planned, plannedY := present.PlannedWeek(own), 0.0
	for _, w := range own.MDEByWeek {
		v := w.AbsoluteMDE
		if relative {
			v = w.RelativeMDE
		}
		if v == nil {
			continue
		}
		y := round(*v, 6)
		points = append(points, [2]float64{float64(w.Weeks), y})
		if w.Weeks == planned {
			plannedY = y
		}
	}
	if len(points) == 0 {
		return nil, nil
	}
	first, last := points[0], points[len(points)-1]
	subtitle := fmt.Sprintf("Your effect: %s; your plan: %s weeks", tok(format, yourEffect), tok("int", float64(*own.Weeks)))
	desc := fmt.Sprintf("Line chart of the smallest lift the test can detect against its length, from %s to %s weeks. "+
		"After %s week(s) it detects %s; after %s weeks, %s. Your effect is %s and your plan %s weeks: the weeks whose line lies below your effect can detect it.",
		tok("int", first[0]), tok("int", last[0]), tok("int", first[0]), tok(format, first[1]), tok("int", last[0]), tok(format, last[1]),
		tok(format, yourEffect), tok("int", float64(*own.Weeks)))

	opt := base("What the test can detect by week", subtitle, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Weeks of testing", NameLocation: "middle", NameGap: 28, Min: 1, Max: 8, MinInterval: 1}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: yName, NameLocation: "end"}}
	var mark *opts.MarkPoints
	if plannedY > 0 {
		mark = &opts.MarkPoints{
			Data: []any{opts.MarkPointNameCoordItem{Name: "Your plan", Coordinate: []any{float64(planned), plannedY}, Value: "Your plan",
				Symbol: "pin", SymbolSize: 44}},
			MarkPointStyle: opts.MarkPointStyle{Label: &opts.Label{Show: opts.Bool(false)}},
		}
	}
	line := refLine(grey, 1, &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "Your effect"},
		opts.MarkLineNameYAxisItem{Name: "Your effect", YAxis: round(yourEffect, 6)})
	opt.Series = []Series{{Type: types.ChartLine, Name: "Smallest detectable lift", Data: lineData(points), ShowSymbol: opts.Bool(true),
		MarkPoint: mark, MarkLine: line, LineStyle: &opts.LineStyle{Width: 2.5}}}
	opt.Roikit = &hints{XAxis: []string{"int"}, YAxis: []string{format}, Series: []string{format}}
	return &opt, nil
}
