package charts

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// clvfitDistribution: a histogram of the predicted CLV per customer (with
// predictions and a spend model). The top 1 % is gathered in the last bin,
// so a few large customers do not flatten the rest.
func clvfitDistribution(_ *calc.CLVFitRequest, r *calc.CLVFitResponse) (*Option, error) {
	// One value per customer: a grouped summary row counts count times.
	var clv []float64
	for _, p := range r.CustomersPredictions {
		if p.CLV == nil || !finite(*p.CLV) {
			continue
		}
		for k := 0; k < max(1, p.Count) && k < 1_000_000; k++ {
			clv = append(clv, *p.CLV)
		}
	}
	if len(clv) == 0 {
		return nil, nil
	}
	sort.Float64s(clv)
	lo := math.Min(0, clv[0])
	cap := clv[int(math.Floor(0.99*float64(len(clv)-1)))]
	if cap <= lo {
		cap = clv[len(clv)-1]
	}
	const bins = 30
	width := (cap - lo) / bins
	if width <= 0 {
		width = 1
	}
	counts := make([]int, bins+1)
	for _, v := range clv {
		k := int(math.Floor((v - lo) / width))
		switch {
		case v > cap:
			k = bins // the top 1 %
		case k >= bins:
			k = bins - 1 // cap itself
		case k < 0:
			k = 0
		}
		counts[k]++
	}
	if counts[bins] == 0 {
		counts = counts[:bins]
	}
	cats := make([]string, len(counts))
	for i := range cats {
		// Numbers the page writes in the reader's currency.
		if i == bins {
			cats[i] = "> " + strconv.FormatFloat(round(cap, 4), 'g', -1, 64)
		} else {
			cats[i] = strconv.FormatFloat(round(lo+(float64(i)+0.5)*width, 4), 'g', -1, 64)
		}
	}
	median := clv[len(clv)/2]
	mean := 0.0
	for _, v := range clv {
		mean += v
	}
	mean /= float64(len(clv))
	desc := fmt.Sprintf("Histogram of the predicted lifetime value of %s customers. Median %s, mean %s; the top %s are worth more than %s.",
		tok("int", float64(len(clv))), tok("money", median), tok("money", mean), tok("pct", 0.01), tok("money", cap))
	opt := base("Customer lifetime value", fmt.Sprintf("Median %s, mean %s", tok("money", median), tok("money", mean)), desc)
	opt.XAxis = []opts.XAxis{{Type: "category", Name: "Predicted CLV (" + cur + ", bin centre)", NameLocation: "middle", NameGap: 36, Data: cats}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Customers", NameLocation: "end", MinInterval: 1}}
	opt.Roikit = &hints{XAxis: []string{moneyTicks(math.Max(math.Abs(lo), math.Abs(cap)), width)}, YAxis: []string{"int"}, Series: []string{"int"}}
	opt.Grid.Bottom = "72"
	opt.Series = []Series{{Type: types.ChartBar, Name: "Customers", Data: barData(counts), BarCategoryGap: "4%"}}
	return &opt, nil
}

// clvfitPAlive: a heatmap of P(alive) over frequency (repeat purchases) and
// recency (time of the last purchase), for a customer observed as long as
// the longest-observed one, from the fitted BG/NBD parameters; the ranges
// come from the predictions.
func clvfitPAlive(_ *calc.CLVFitRequest, r *calc.CLVFitResponse) (*Option, error) {
	if len(r.CustomersPredictions) == 0 {
		return nil, nil
	}
	p := r.BGNBD
	if !(p.R > 0 && p.Alpha > 0 && p.A > 0 && p.B > 0) || !finite(p.R, p.Alpha, p.A, p.B) {
		return nil, nil
	}
	maxF, T := 0.0, 0.0
	for _, c := range r.CustomersPredictions {
		maxF = math.Max(maxF, c.Frequency)
		T = math.Max(T, c.T)
	}
	if T <= 0 || !finite(maxF, T) {
		return nil, nil
	}
	// At most 30 frequency rows and 30 recency columns.
	fStep := math.Max(1, math.Ceil((maxF+1)/30))
	var freqs []float64
	for f := 0.0; f <= maxF; f += fStep {
		freqs = append(freqs, f)
	}
	const cols = 30
	recs := make([]float64, cols+1)
	for j := range recs {
		recs[j] = T * float64(j) / cols
	}
	xCats := make([]string, len(recs))
	for j, t := range recs {
		xCats[j] = strconv.FormatFloat(round(t, 3), 'f', -1, 64)
	}
	yCats := make([]string, len(freqs))
	var data []opts.HeatMapData
	for i, f := range freqs {
		yCats[i] = strconv.FormatFloat(f, 'f', -1, 64)
		for j, t := range recs {
			if f == 0 && t > 0 {
				continue // no repeat purchase: recency is 0 by definition
			}
			data = append(data, opts.HeatMapData{Value: [3]float64{float64(j), float64(i), round(p.PAlive(f, t, T), 3)}})
		}
	}
	units := map[string]string{"week": "weeks", "day": "days"}[r.TimeUnit]
	if units == "" {
		units = "time units"
	}
	desc := fmt.Sprintf("Heatmap of the probability that a customer is still active, for 0 to %s repeat purchases (rows) and a last purchase from 0 to %s "+units+" after the first (columns), "+
		"for a customer observed for %s "+units+". Recent buyers are likely active; frequent buyers who stopped long ago are likely gone. "+
		"For example, %s repeat purchases with the last at the start gives %s; with the last at the end, %s.",
		tok("plain", freqs[len(freqs)-1]), tok("plain", T), tok("plain", T), tok("plain", freqs[len(freqs)-1]),
		tok("pct1", p.PAlive(freqs[len(freqs)-1], 0, T)), tok("pct1", p.PAlive(freqs[len(freqs)-1], T, T)))
	opt := base("Probability a customer is still active", fmt.Sprintf("BG/NBD, for a customer observed for %s %s", tok("plain", T), units), desc)
	opt.Tooltip = opts.Tooltip{Trigger: "item"}
	opt.Grid = &opts.Grid{Left: "56", Right: "24", Top: "92", Bottom: "96"}
	opt.XAxis = []opts.XAxis{{Type: "category", Name: "Recency: time of the last purchase (" + units + ")", NameLocation: "middle", NameGap: 28, Data: xCats}}
	opt.YAxis = []opts.YAxis{{Type: "category", Name: "Repeat purchases", NameLocation: "end", Data: yCats}}
	opt.Roikit = &hints{XAxis: []string{"plain"}, YAxis: []string{"int"}, Series: []string{"pct"}}
	opt.VisualMap = &visualMap{Precision: 2, VisualMap: opts.VisualMap{Type: "continuous", Min: 0, Max: 1, Calculable: opts.Bool(false),
		Orient: "horizontal", Left: "center", Bottom: "0", Text: []string{"P(alive) = 1", "P(alive) = 0"},
		InRange: &opts.VisualMapInRange{Color: []string{"#f7fbff", "#6baed6", "#08306b"}}}}
	opt.Series = []Series{{Type: types.ChartHeatMap, Name: "P(alive)", Data: data}}
	return &opt, nil
}

// clvfitHoldout: the average repeat purchases in the holdout period by
// calibration-period frequency, as the model predicts (line) and as observed
// (bars); present when the response has a holdout array.
func clvfitHoldout(_ *calc.CLVFitRequest, r *calc.CLVFitResponse) (*Option, error) {
	if len(r.Holdout) == 0 {
		return nil, nil
	}
	rows := append([]calc.CLVFitHoldoutRow(nil), r.Holdout...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Frequency < rows[j].Frequency })
	cats := make([]string, 0, len(rows))
	var expected, actual []float64
	for _, h := range rows {
		if !finite(h.Expected, h.Actual) {
			continue
		}
		cats = append(cats, strconv.Itoa(h.Frequency))
		expected = append(expected, round(h.Expected, 5))
		actual = append(actual, round(h.Actual, 5))
	}
	if len(cats) == 0 {
		return nil, nil
	}
	// The clvfit calculator gathers frequencies 7 and more in its last row
	// (holdoutBuckets in calc/clvfit.go, as FHL's Figure 3 does).
	if len(cats) == 8 && cats[7] == "7" {
		cats[7] = "7+"
	}
	desc := fmt.Sprintf("Bars: the average repeat purchases customers made in the holdout period, grouped by their repeat purchases before it (0 to %s). "+
		"Line: what the model predicted for them. Where the line follows the bars, the model fits.", cats[len(cats)-1])
	opt := base("Holdout check: predicted and actual purchases", "Average repeat purchases per customer in the holdout period", desc)
	opt.Legend = &opts.Legend{Bottom: "0"}
	opt.XAxis = []opts.XAxis{{Type: "category", Name: "Repeat purchases in the calibration period", NameLocation: "middle", NameGap: 28, Data: cats}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Purchases in the holdout (average)", NameLocation: "end"}}
	opt.Roikit = &hints{XAxis: []string{""}, YAxis: []string{"plain"}, Series: []string{"dec2", "dec2"}}
	opt.Aria.Decal = &opts.AriaDecal{Show: opts.Bool(true)}
	opt.Series = []Series{
		{Type: types.ChartBar, Name: "Actual", Data: barData(actual), ItemStyle: &opts.ItemStyle{Color: blue}},
		{Type: types.ChartLine, Name: "Model", Data: lineData(expected), Symbol: "circle", SymbolSize: 7,
			LineStyle: &opts.LineStyle{Width: 2.5, Color: orange}, ItemStyle: &opts.ItemStyle{Color: orange}},
	}
	return &opt, nil
}
