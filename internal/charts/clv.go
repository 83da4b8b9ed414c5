package charts

import (
	"fmt"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/roikit/roikit/calc"
)

// clvCumulative: the margin lifetime value accumulated by the end of each
// year (discounted with a retention rate, undiscounted with a lifespan), the
// total marked.
func clvCumulative(_ *calc.CLVRequest, r *calc.CLVResponse) (*Option, error) {
	if len(r.CumulativeCLV) == 0 {
		return nil, nil
	}
	years := make([]string, len(r.CumulativeCLV))
	values := make([]float64, len(r.CumulativeCLV))
	for i, v := range r.CumulativeCLV {
		if !finite(v) {
			return nil, nil
		}
		years[i] = strconv.Itoa(i + 1)
		values[i] = round(v, 6)
	}
	kind, sub := "undiscounted", "Lifespan method: margin per year times the years"
	if r.Method == "retention" {
		kind, sub = "discounted", "Retention method: each year's margin weighted by the chance the customer stays, discounted"
	}
	half := len(values)
	for i, v := range values {
		if v >= r.CLV/2 {
			half = i + 1
			break
		}
	}
	desc := fmt.Sprintf("Bar chart of the %s margin a customer brings, accumulated by the end of each of %d years. "+
		"It reaches %s after year 1, half the lifetime value by year %d, and %s by year %d; the lifetime value is %s.",
		kind, len(values), tok("money", values[0]), half, tok("money", values[len(values)-1]), len(values), tok("money", r.CLV))
	opt := base("Lifetime value accumulated by year", sub, desc)
	opt.XAxis = []opts.XAxis{{Type: "category", Name: "Year", NameLocation: "middle", NameGap: 28, Data: years}}
	opt.YAxis = []opts.YAxis{{Type: "value", Name: "Cumulative margin (" + cur + ", " + kind + ")", NameLocation: "end"}}
	opt.Roikit = &hints{XAxis: []string{"int"}, YAxis: []string{"k"}, Series: []string{"money"}}
	opt.Series = []Series{{Type: types.ChartBar, Name: "Cumulative value", Data: barData(values), BarCategoryGap: "20%",
		MarkLine: refLine(orange, 1.5, &opts.Label{Show: opts.Bool(true), Position: "insideEndTop", Formatter: "Lifetime value {c}"},
			opts.MarkLineNameYAxisItem{Name: "Lifetime value", YAxis: round(r.CLV, 6)})}}
	return &opt, nil
}
