package charts

import (
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

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
			d := betaDensity(xe, *p.Alpha, *p.Beta) / 100 // per percentage point
			if !finite(d) {
				continue
			}
			pts = append(pts, [2]float64{round(x*100, 10), round(d, 5)})
		}
		return pts
	}
	prob := tok("pct1", r.ProbTreatmentBeatsControl)
	if r.ProbTreatmentBeatsControl > 0.999 {
		prob = "over " + tok("pct1", 0.999)
	} else if r.ProbTreatmentBeatsControl < 0.001 {
		prob = "under " + tok("pct1", 0.001)
	}
	desc := fmt.Sprintf("Two density curves of where each true conversion rate probably lies, given the data and a uniform prior. "+
		"Control: centred on %s. Treatment: centred on %s. The probability that the treatment's true rate is higher is %s.",
		pctTok(round(c.Mean, 3)), pctTok(round(t.Mean, 3)), prob)
	opt := base("Posterior conversion rates", "P(treatment beats control) = "+prob, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Conversion rate (%)", NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Density (per percentage point)", NameLocation: "end"}}
	// About 5 ticks over the range, which may be narrow near 0 or 100 %.
	opt.Roikit = &hints{XAxis: []string{decimalTicks(hi*100, (hi-lo)*100/5)}, YAxis: []string{"sig3"}, Series: []string{"sig3", "sig3"}}
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
	level := pctTok(round(r.ConfidenceLevel, 3))
	verdict := "includes zero: the data are compatible with no effect"
	if lo > 0 || hi < 0 {
		verdict = "excludes zero"
	}
	desc := fmt.Sprintf("The difference in means, treatment minus control, is %s, with a %s confidence interval from %s to %s, which %s. "+
		"The probability that the treatment is better is about %s.", tok("plain", r.AbsoluteLift), level, tok("plain", lo), tok("plain", hi), verdict, tok("pct1", r.ProbTreatmentBeatsControl))
	sub := fmt.Sprintf("%s interval %s to %s; P(treatment better) ≈ %s", level, tok("plain", lo), tok("plain", hi), tok("pct1", r.ProbTreatmentBeatsControl))
	if r.RelativeLift != nil && r.RelativeLiftCI != nil {
		sub = fmt.Sprintf("Relative lift %s (%s to %s); P(treatment better) ≈ %s", tok("pct1", *r.RelativeLift),
			tok("pct1", r.RelativeLiftCI[0]), tok("pct1", r.RelativeLiftCI[1]), tok("pct1", r.ProbTreatmentBeatsControl))
	}
	const cat = "Treatment − control"
	opt := base("Lift in the mean with its "+level+" interval", sub, desc)
	opt.Tooltip = opts.Tooltip{Trigger: "item"}
	opt.Grid = &opts.Grid{Left: "24", Right: "32", Top: "92", Bottom: "56"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: "Difference in the mean (metric units)", NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "category", Data: []string{cat}, AxisLabel: &opts.AxisLabel{Rotate: 90}}}
	span := math.Max(hi-lo, math.Max(math.Abs(hi), math.Abs(lo))/10)
	opt.Roikit = &hints{XAxis: []string{decimalTicks(math.Max(math.Abs(lo), math.Abs(hi)), span/5)}, YAxis: []string{""}, Series: []string{"plain", "plain"}}
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

// betaDensity is the Beta(a, b) density at 0 < x < 1,
//
//	f(x) = x^(a-1) (1-x)^(b-1) Γ(a+b) / (Γ(a) Γ(b)),
//
// computed in logs as gonum's distuv.Beta.Prob (whose package would bring
// gonum's matrix code into the browser's module).
func betaDensity(x, a, b float64) float64 {
	lab, _ := math.Lgamma(a + b)
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	var lx, l1mx float64
	if a != 1 {
		lx = (a - 1) * math.Log(x)
	}
	if b != 1 {
		l1mx = (b - 1) * math.Log(1-x)
	}
	return math.Exp(lab - la - lb + lx + l1mx)
}
