package charts

import (
	"fmt"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// mdeFactors are the multiples of the request's MDE the curve samples:
// 2^(k/12) for k = -12..12, from half to twice the MDE, evenly on a log scale,
// with the request's own MDE (factor 1) in the middle.
func mdeFactors() []float64 {
	f := make([]float64, 25)
	for k := range f {
		f[k] = math.Pow(2, float64(k-12)/12)
	}
	return f
}

// sampleSizePoints computes the curve: for each multiple of the request's
// MDE (mdeFactors), the typed calculator's visitors in control, per
// treatment and days (with daily_visitors), the x axis in the form's units
// (x scale). An MDE the calculator rejects (a target rate of 100 % or more)
// has no point: the curve stops there.
func sampleSizePoints(req *calc.SampleSizeRequest, scale float64) (perVariant, perTreatment, days [][2]float64) {
	for _, f := range mdeFactors() {
		m := req.MDE * f
		if f == 1 {
			m = req.MDE // exactly the request's, so the curve passes through the marked point
		}
		q := *req
		q.MDE = m
		r, err := calc.SampleSize(q)
		if err != nil {
			continue
		}
		x := round(m*scale, 6)
		perVariant = append(perVariant, [2]float64{x, float64(r.NControl)})
		perTreatment = append(perTreatment, [2]float64{x, float64(r.NPerTreatment)})
		if r.Days != nil {
			days = append(days, [2]float64{x, float64(*r.Days)})
		}
	}
	return perVariant, perTreatment, days
}

// sampleSizeCurve: visitors per variant (and days, with daily_visitors)
// against the minimum detectable effect, from half to twice the request's,
// each point computed by the samplesize calculator itself; the request's
// MDE is marked.
func sampleSizeCurve(req *calc.SampleSizeRequest, own *calc.SampleSizeResponse) (*Option, error) {
	mde, metric, mdeType := req.MDE, req.Metric, req.MDEType

	// The x axis: the MDE as the form shows it.
	scale, xName, unit := 100.0, "Minimum detectable effect (relative, %)", " (relative)"
	switch {
	case mdeType == "absolute" && metric == "proportion":
		xName, unit = "Minimum detectable effect (percentage points)", " percentage points"
	case mdeType == "absolute":
		scale, xName, unit = 1, "Minimum detectable effect (absolute, in the metric's units)", " (absolute)"
	}

	perVariant, perTreatment, days := sampleSizePoints(req, scale)
	if len(perVariant) == 0 {
		return nil, nil
	}
	unequal := own.NControl != own.NPerTreatment
	x0 := round(mde*scale, 6)
	mdeText := tok("plain", x0) + unit
	if unit == " (relative)" {
		mdeText = pctTok(mde) + unit // 10 % in the reader's locale
	}
	count := func(n float64) string { return tok("int", n) }

	subtitle := fmt.Sprintf("Your test: %s visitors per variant to detect %s", count(float64(own.NControl)), mdeText)
	if unequal {
		subtitle = fmt.Sprintf("Your test: %s in control and %s per treatment to detect %s", count(float64(own.NControl)), count(float64(own.NPerTreatment)), mdeText)
	}
	first, last := perVariant[0], perVariant[len(perVariant)-1]
	desc := fmt.Sprintf("Line chart of the visitors needed per variant against the minimum detectable effect, from %s to %s. "+
		"At your effect of %s the test needs %s visitors in control (%s in all). "+
		"The smallest effect shown, %s, needs %s; the largest, %s, needs %s: halving the effect roughly quadruples the sample.",
		tok("plain", first[0]), tok("plain", last[0]), mdeText, count(float64(own.NControl)), count(float64(own.NTotal)),
		tok("plain", first[0]), count(first[1]), tok("plain", last[0]), count(last[1]))
	if own.Days != nil {
		desc += fmt.Sprintf(" At your traffic that is %s days.", tok("int", float64(*own.Days)))
	}

	opt := base("Visitors needed by effect size", subtitle, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: xName, NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Visitors per variant", NameLocation: "end"}}
	mark := &opts.MarkPoints{
		Data: []any{opts.MarkPointNameCoordItem{Name: "Your test", Coordinate: []any{x0, own.NControl}, Value: strconv.Itoa(own.NControl),
			Symbol: "pin", SymbolSize: 44}},
		MarkPointStyle: opts.MarkPointStyle{Label: &opts.Label{Show: opts.Bool(true), Formatter: "{c}"}},
	}
	line := refLine(grey, 1, &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "Your effect"},
		opts.MarkLineNameXAxisItem{Name: "Your effect", XAxis: x0})
	name := "Visitors per variant"
	if unequal {
		name = "Visitors in control"
	}
	opt.Series = []Series{{Type: types.ChartLine, Name: name, Data: lineData(perVariant), ShowSymbol: opts.Bool(false), MarkPoint: mark, MarkLine: line,
		LineStyle: &opts.LineStyle{Width: 2.5}}}
	if unequal {
		opt.Series = append(opt.Series, Series{Type: types.ChartLine, Name: "Visitors per treatment", Data: lineData(perTreatment), ShowSymbol: opts.Bool(false),
			LineStyle: &opts.LineStyle{Width: 2, Type: "dashed"}})
	}
	if len(days) > 0 {
		opt.YAxis = append(opt.YAxis, opts.YAxis{Type: "value", Name: "Days", NameLocation: "end", SplitLine: &opts.SplitLine{Show: opts.Bool(false)}})
		opt.Series = append(opt.Series, Series{Type: types.ChartLine, Name: "Days at your traffic", Data: lineData(days), YAxisIndex: 1,
			Step: "end", ShowSymbol: opts.Bool(false), LineStyle: &opts.LineStyle{Width: 1.5, Type: "dotted"}})
		opt.Grid.Right = "56"
	}
	opt.Roikit = &hints{XAxis: []string{"plain"}, YAxis: []string{"int", "int"}[:len(opt.YAxis)], Series: make([]string, len(opt.Series))}
	for i := range opt.Series {
		opt.Roikit.Series[i] = "int"
	}
	return &opt, nil
}
