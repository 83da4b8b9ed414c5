package charts

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
	"gonum.org/v1/gonum/stat/distuv"

	"github.com/roikit/roikit/calc"
)

// significancePosteriors: for proportions, the Beta posterior densities of
// the two conversion rates, with P(treatment > control); for means, the
// absolute lift with its confidence interval against zero.
func significancePosteriors(_ *calc.SignificanceRequest, r *calc.SignificanceResponse) (*Option, error) {
	if r.Metric == "mean" {
		return liftInterval(r), nil
	}
	c, t := r.ControlPosterior, r.TreatmentPosterior
	if c.Alpha == nil || c.Beta == nil || t.Alpha == nil || t.Beta == nil {
		return nil, nil
	}
	lo := math.Max(0, math.Min(c.Mean-5*c.SD, t.Mean-5*t.SD))
	hi := math.Min(1, math.Max(c.Mean+5*c.SD, t.Mean+5*t.SD))
	if !(hi > lo) {
		return nil, nil
	}
	const n = 161
	density := func(p calc.SignificancePosterior) [][2]float64 {
		pts := make([][2]float64, 0, n)
		for i := 0; i < n; i++ {
			x := lo + (hi-lo)*float64(i)/(n-1)
			// Keep x inside (0, 1), where the density is defined.
			xe := math.Min(math.Max(x, 1e-12), 1-1e-12)
			d := distuv.Beta{Alpha: *p.Alpha, Beta: *p.Beta}.Prob(xe) / 100 // per percentage point
			if !finite(d) {
				continue
			}
			pts = append(pts, [2]float64{round(x*100, 10), round(d, 5)})
		}
		return pts
	}
	prob := pct(r.ProbTreatmentBeatsControl, 1)
	if r.ProbTreatmentBeatsControl > 0.999 {
		prob = "over 99.9%"
	} else if r.ProbTreatmentBeatsControl < 0.001 {
		prob = "under 0.1%"
	}
	desc := fmt.Sprintf("Two density curves of where each true conversion rate probably lies, given the data and a uniform prior. "+
		"Control: centred on %s. Treatment: centred on %s. The probability that the treatment's true rate is higher is %s.",
		pct(c.Mean, 2), pct(t.Mean, 2), prob)
	opt := base("Posterior conversion rates", "P(treatment beats control) = "+prob, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Conversion rate (%)", NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Density (per percentage point)", NameLocation: "end"}}
	markAt := func(x float64, color string) *markLine {
		return refLine(color, 1, &opts.Label{Show: opts.Bool(false)}, opts.MarkLineNameXAxisItem{XAxis: round(x*100, 6)})
	}
	opt.Series = []Series{
		{Type: types.ChartLine, Name: "Control", Data: lineData(density(c)), ShowSymbol: opts.Bool(false), LineStyle: &opts.LineStyle{Width: 2.5},
			AreaStyle: &opts.AreaStyle{Opacity: opts.Float(0.15)}, MarkLine: markAt(c.Mean, blue)},
		{Type: types.ChartLine, Name: "Treatment", Data: lineData(density(t)), ShowSymbol: opts.Bool(false), LineStyle: &opts.LineStyle{Width: 2.5, Type: "dashed"},
			AreaStyle: &opts.AreaStyle{Opacity: opts.Float(0.15)}, MarkLine: markAt(t.Mean, orange)},
	}
	return &opt, nil
}

// liftInterval draws the absolute lift of a mean with its interval, and a
// line at zero (no effect).
func liftInterval(r *calc.SignificanceResponse) *Option {
	lo, hi := r.AbsoluteLiftCI[0], r.AbsoluteLiftCI[1]
	if !finite(lo, hi, r.AbsoluteLift) {
		return nil
	}
	level := pct(r.ConfidenceLevel, 1)
	verdict := "includes zero: the data are compatible with no effect"
	if lo > 0 || hi < 0 {
		verdict = "excludes zero"
	}
	desc := fmt.Sprintf("The difference in means, treatment minus control, is %s, with a %s confidence interval from %s to %s, which %s. "+
		"The probability that the treatment is better is about %s.", num(r.AbsoluteLift), level, num(lo), num(hi), verdict, pct(r.ProbTreatmentBeatsControl, 1))
	sub := fmt.Sprintf("%s interval %s to %s; P(treatment better) ≈ %s", level, num(lo), num(hi), pct(r.ProbTreatmentBeatsControl, 1))
	if r.RelativeLift != nil && r.RelativeLiftCI != nil {
		sub = fmt.Sprintf("Relative lift %s (%s to %s); P(treatment better) ≈ %s", pct(*r.RelativeLift, 1),
			pct(r.RelativeLiftCI[0], 1), pct(r.RelativeLiftCI[1], 1), pct(r.ProbTreatmentBeatsControl, 1))
	}
	const cat = "Treatment − control"
	opt := base("Lift in the mean with its "+level+" interval", sub, desc)
	opt.Tooltip = opts.Tooltip{Trigger: "item"}
	opt.Grid = &opts.Grid{Left: "24", Right: "32", Top: "92", Bottom: "56"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Difference in the mean (metric units)", NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "category", Data: []string{cat}, AxisLabel: &opts.AxisLabel{Rotate: 90}}}
	opt.Series = []Series{
		{Type: types.ChartLine, Name: level + " interval", Data: []opts.LineData{{Value: []any{round(lo, 6), cat}}, {Value: []any{round(hi, 6), cat}}},
			Symbol: "rect", SymbolSize: []int{3, 28}, LineStyle: &opts.LineStyle{Width: 3, Color: blue}, ItemStyle: &opts.ItemStyle{Color: blue},
			MarkLine: refLine(grey, 1.5, &opts.Label{Show: opts.Bool(true), Position: "end", Formatter: "No effect"},
				opts.MarkLineNameXAxisItem{Name: "No effect", XAxis: 0})},
		{Type: types.ChartScatter, Name: "Observed lift", Data: []opts.ScatterData{{Value: []any{round(r.AbsoluteLift, 6), cat}}}, SymbolSize: 14,
			ItemStyle: &opts.ItemStyle{Color: orange}, Z: 3},
	}
	return &opt
}
