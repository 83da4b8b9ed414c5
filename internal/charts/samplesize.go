package charts

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

type sampleSizeResponse struct {
	NControl      float64 `json:"n_control"`
	NPerTreatment float64 `json:"n_per_treatment"`
	NTotal        float64 `json:"n_total"`
	Days          *int    `json:"days"`
}

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

// sampleSizeCurve: visitors per variant (and days, with daily_visitors)
// against the minimum detectable effect, from half to twice the request's,
// each point computed by the samplesize calculator itself; the request's
// MDE is marked.
func sampleSizeCurve(request, response []byte) (*Option, error) {
	var req map[string]json.RawMessage
	if err := decode(request, &req); err != nil {
		return nil, err
	}
	var mde float64
	if err := json.Unmarshal(req["mde"], &mde); err != nil {
		return nil, fmt.Errorf("the request has no mde")
	}
	var metric, mdeType string = "proportion", "relative"
	if raw, ok := req["metric"]; ok {
		json.Unmarshal(raw, &metric)
	}
	if raw, ok := req["mde_type"]; ok {
		json.Unmarshal(raw, &mdeType)
	}
	var own sampleSizeResponse
	if err := decode(response, &own); err != nil {
		return nil, err
	}

	// The x axis: the MDE as the form shows it.
	scale, xName, unit := 100.0, "Minimum detectable effect (relative, %)", "% (relative)"
	switch {
	case mdeType == "absolute" && metric == "proportion":
		xName, unit = "Minimum detectable effect (percentage points)", " percentage points"
	case mdeType == "absolute":
		scale, xName, unit = 1, "Minimum detectable effect (absolute, in the metric's units)", " (absolute)"
	}

	// Each point is the typed calculator's answer for the request with
	// another MDE: the request is read into the typed form once.
	// Numbers pass through float64 first, as the calculator reads them, so
	// that an integer field written 2.0 (valid JSON the calculator accepts)
	// reads as 2.
	var generic map[string]any
	typed := calc.NewSampleSizeRequest()
	if err := json.Unmarshal(request, &generic); err != nil {
		return nil, fmt.Errorf("reading the request: %v", err)
	}
	normalized, _ := json.Marshal(generic)
	if err := json.Unmarshal(normalized, &typed); err != nil {
		return nil, fmt.Errorf("reading the request: %v", err)
	}
	var perVariant, perTreatment, days [][2]float64
	unequal := own.NControl != own.NPerTreatment
	for _, f := range mdeFactors() {
		m := mde * f
		if f == 1 {
			m = mde // exactly the request's, so the curve passes through the marked point
		}
		q := typed
		q.MDE = m
		r, err := calc.SampleSize(q)
		if err != nil {
			continue // e.g. a target rate above 100 %: the curve stops there
		}
		x := round(m*scale, 6)
		perVariant = append(perVariant, [2]float64{x, float64(r.NControl)})
		perTreatment = append(perTreatment, [2]float64{x, float64(r.NPerTreatment)})
		if r.Days != nil {
			days = append(days, [2]float64{x, float64(*r.Days)})
		}
	}
	if len(perVariant) == 0 {
		return nil, nil
	}
	x0 := round(mde*scale, 6)
	mdeText := num(x0) + unit

	subtitle := fmt.Sprintf("Your test: %s visitors per variant to detect %s", group(own.NControl), mdeText)
	if unequal {
		subtitle = fmt.Sprintf("Your test: %s in control and %s per treatment to detect %s", group(own.NControl), group(own.NPerTreatment), mdeText)
	}
	first, last := perVariant[0], perVariant[len(perVariant)-1]
	desc := fmt.Sprintf("Line chart of the visitors needed per variant against the minimum detectable effect, from %s to %s. "+
		"At your effect of %s the test needs %s visitors in control (%s in all). "+
		"The smallest effect shown, %s, needs %s; the largest, %s, needs %s: halving the effect roughly quadruples the sample.",
		num(first[0]), num(last[0]), mdeText, group(own.NControl), group(own.NTotal),
		num(first[0]), group(first[1]), num(last[0]), group(last[1]))
	if own.Days != nil {
		desc += fmt.Sprintf(" At your traffic that is %d days.", *own.Days)
	}

	opt := base("Visitors needed by effect size", subtitle, desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "value", Name: xName, NameLocation: "middle", NameGap: 28, Scale: opts.Bool(true)}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Visitors per variant", NameLocation: "end"}}
	mark := &opts.MarkPoints{
		Data: []any{opts.MarkPointNameCoordItem{Name: "Your test", Coordinate: []any{x0, own.NControl}, Value: group(own.NControl),
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
	return &opt, nil
}
