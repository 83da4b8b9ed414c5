package charts

// The ECharts option (https://echarts.apache.org/en/option.html), built from
// go-echarts' option types.
//
// go-echarts (github.com/go-echarts/go-echarts/v2) provides, in its opts
// package, the types of every component roikit sets: opts.Title,
// opts.TextStyle, opts.Tooltip, opts.Legend, opts.Grid, opts.XAxis and
// opts.YAxis (with opts.AxisLabel and opts.SplitLine), opts.VisualMap,
// opts.Aria, the styles (opts.ItemStyle, opts.LineStyle, opts.AreaStyle,
// opts.Label), the marks (opts.MarkLines, opts.MarkPoints and their data
// items) and the series' data items (opts.LineData, opts.BarData,
// opts.ScatterData, opts.HeatMapData); its types package the series type
// names. Booleans are *bool (opts.Bool), so an explicit false is kept.
//
// What stays local, and why:
//   - Option, the top level, and Series: go-echarts defines them only in its
//     charts package (BaseConfiguration, SingleSeries), which imports its
//     HTML template renderer (render, templates: html/template). The browser's
//     WebAssembly module must not link that, so only opts and types are
//     imported here.
//   - Fields go-echarts' types lack: markLine.silent (markLine),
//     visualMap.precision (visualMap) and a label on one markLine item
//     (markLineX, markLineY). Each embeds the go-echarts type and adds the
//     field; encoding/json promotes the embedded fields.
//
// How go-echarts' types marshal, and what follows here:
//   - booleans are types.Bool (*bool, set with opts.Bool) with omitempty, so
//     nil is left out and false is written;
//   - Min and Max of opts.VisualMap are float32 with omitempty: a minimum of
//     0 is left out, which is ECharts' default;
//   - opts.AxisLabel writes "showMinLabel": null and "showMaxLabel": null
//     (no omitempty), which is ECharts' default (decide by overlap);
//   - opts.MarkPointStyle.Symbol is a list, where ECharts wants one name, so
//     the mark's symbol and size go on its data item
//     (opts.MarkPointNameCoordItem);
//   - data items write {"value": v}, ECharts' object form of a data item;
//   - types.FuncStr fields (formatters, positions) are plain strings in
//     JSON: go-echarts' HTML renderer turns marked ones into functions, and
//     nothing here uses that; string templates ("{c}") only.
//
// Cost: go-echarts' opts compiles two regular expressions at init
// (opts/js.go, for its JavaScript-function strings), which would link regexp
// and every Unicode table into the WebAssembly module and cost start-up
// time. go.mod therefore replaces go-echarts with third_party/go-echarts,
// the same option packages with those two patterns written as string
// functions (about 69 KB brotli and 9 ms of start-up less; see its README).
// TestWASMSize prints the current figures; TestWASMDeps checks that neither
// regexp nor any template package is linked. Everything here is data: no
// types.FuncStr is set, so no option
// holds a JavaScript function.

import (
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Option is one chart's option for echarts.setOption.
type Option struct {
	Animation bool         `json:"animation"`
	Aria      opts.Aria    `json:"aria"`
	Color     opts.Colors  `json:"color,omitempty"`
	Title     opts.Title   `json:"title"`
	Tooltip   opts.Tooltip `json:"tooltip"`
	Legend    *opts.Legend `json:"legend,omitempty"`
	Grid      *opts.Grid   `json:"grid,omitempty"`
	XAxis     []opts.XAxis `json:"xAxis"`
	YAxis     []opts.YAxis `json:"yAxis"`
	VisualMap *visualMap   `json:"visualMap,omitempty"`
	Series    []Series     `json:"series"`
	Roikit    *hints       `json:"roikit,omitempty"`
}

// hints is the option's "roikit" key: how the page writes its numbers for
// the reader, which ECharts needs as functions and JSON cannot carry.
// site/js/chartopts.js turns it into formatters (format names of
// site/js/format.js, in the reader's locale and currency) and removes it
// before echarts.setOption. Text of the option carries its numbers as
// tokens (tok) and the currency as cur.
type hints struct {
	// XAxis and YAxis: each axis's format of its labels and of its value in
	// the tooltip ("" leaves ECharts' own); on a category axis, of the
	// number in each category ("1234.5", "> 1234.5").
	XAxis []string `json:"xAxis,omitempty"`
	YAxis []string `json:"yAxis,omitempty"`
	// Series: each series' format of its values in the tooltip, of its
	// label and of its marks' labels ("{c}").
	Series []string `json:"series,omitempty"`
	// RowLabels: the y axis's categories are row names that must all show
	// (a tornado): the page wraps them to a width and sizes the chart to
	// them.
	RowLabels bool `json:"rowLabels,omitempty"`
}

// cur stands for the reader's currency symbol in any text of an option
// ("Change in NPV (¤)"); the page replaces it.
const cur = "\u00a4"

// tok writes x as a token the page replaces with x in the reader's locale
// in one of the formats of site/js/format.js: tok("k", -806297) is
// "{{k:-806297}}", which a German reader with euros sees as "-806k €".
// Twelve significant digits are more than any format shows, and drop the
// float noise of sums (0.32000000000000006 is written 0.32).
func tok(format string, x float64) string {
	return "{{" + format + ":" + strconv.FormatFloat(x, 'g', 12, 64) + "}}"
}

// moneyTicks is the money format that tells apart numbers step apart up to
// max in absolute value: "k" (whole thousands, or millions with one
// decimal) when it can, else "money".
func moneyTicks(max, step float64) string {
	unit := 1e3
	if max >= 1e6 {
		unit = 1e5
	}
	if step >= unit {
		return "k"
	}
	return "money"
}

// decimalTicks is the format that tells apart numbers step apart up to max
// in absolute value: "plain" (4 significant digits) when it can, else the
// fixed decimals the step needs (at most 3).
func decimalTicks(max, step float64) string {
	if !(step > 0) || max/step < 1000 {
		return "plain"
	}
	switch d := math.Ceil(-math.Log10(step)); {
	case d <= 1:
		return "dec1"
	case d == 2:
		return "dec2"
	}
	return "dec3"
}

// pctTok writes a fraction as a percentage token with the decimals it needs
// (at most 2): 0.05 -> pct, 0.025 -> pct1, 0.0125 -> pct2.
func pctTok(x float64) string {
	f := "pct2"
	for d, name := range []string{"pct", "pct1"} {
		scaled := x * 100 * math.Pow(10, float64(d))
		if math.Abs(scaled-math.Round(scaled)) < 1e-9*math.Max(1, math.Abs(scaled)) {
			f = name
			break
		}
	}
	return tok(f, x)
}

// Series is one series (line, bar, scatter, heatmap). Data holds go-echarts
// data items: []opts.LineData, []opts.BarData, []opts.ScatterData or
// []opts.HeatMapData.
type Series struct {
	Type           string           `json:"type"` // types.ChartLine, ChartBar, ChartScatter, ChartHeatMap
	Name           string           `json:"name,omitempty"`
	Data           any              `json:"data"`
	YAxisIndex     int              `json:"yAxisIndex,omitempty"`
	ShowSymbol     types.Bool       `json:"showSymbol,omitempty"`
	Symbol         string           `json:"symbol,omitempty"`
	SymbolSize     any              `json:"symbolSize,omitempty"`
	Step           string           `json:"step,omitempty"`
	BarGap         string           `json:"barGap,omitempty"`
	BarCategoryGap string           `json:"barCategoryGap,omitempty"`
	ItemStyle      *opts.ItemStyle  `json:"itemStyle,omitempty"`
	LineStyle      *opts.LineStyle  `json:"lineStyle,omitempty"`
	AreaStyle      *opts.AreaStyle  `json:"areaStyle,omitempty"`
	MarkLine       *markLine        `json:"markLine,omitempty"`
	MarkPoint      *opts.MarkPoints `json:"markPoint,omitempty"`
	Label          *opts.Label      `json:"label,omitempty"`
	Z              int              `json:"z,omitempty"`
}

// markLine is series.markLine: go-echarts' MarkLines with silent (no hover
// highlight or tooltip on a reference line), which it lacks.
type markLine struct {
	opts.MarkLines
	Silent bool `json:"silent"`
}

// markLineX and markLineY are a vertical (at an x value) and a horizontal
// (at a y value) markLine item with a label of its own, which go-echarts'
// MarkLineNameXAxisItem and MarkLineNameYAxisItem lack.
type markLineX struct {
	opts.MarkLineNameXAxisItem
	Label *opts.Label `json:"label,omitempty"`
}

type markLineY struct {
	opts.MarkLineNameYAxisItem
	Label *opts.Label `json:"label,omitempty"`
}

// visualMap is a continuous visualMap (heatmaps): go-echarts' VisualMap with
// precision, the decimals of its handle labels, which it lacks. Its Min is
// omitted when 0, ECharts' default.
type visualMap struct {
	opts.VisualMap
	Precision int `json:"precision"`
}

// refLine is a silent dashed reference line in color with the given items
// and label.
func refLine(color string, width float32, label *opts.Label, items ...any) *markLine {
	return &markLine{Silent: true, MarkLines: opts.MarkLines{Data: items, MarkLineStyle: opts.MarkLineStyle{
		Symbol: []string{"none", "none"}, Label: label,
		LineStyle: &opts.LineStyle{Color: color, Type: "dashed", Width: width}}}}
}

// lineData wraps points ([x, y] or [x, y, v]) as go-echarts line data items.
func lineData[P any](points []P) []opts.LineData {
	out := make([]opts.LineData, len(points))
	for i, p := range points {
		out[i] = opts.LineData{Value: p}
	}
	return out
}

// barData wraps values as go-echarts bar data items.
func barData[V any](values []V) []opts.BarData {
	out := make([]opts.BarData, len(values))
	for i, v := range values {
		out[i] = opts.BarData{Value: v}
	}
	return out
}

// Colours with at least 4.5:1 contrast on white (WCAG AA for text; graphics
// need 3:1), distinguishable in the common colour-vision deficiencies.
const (
	blue   = "#1f5fa8" // 6.4:1
	orange = "#b54a00" // 5.3:1
	green  = "#2b6e31" // 6.2:1
	red    = "#b3261e" // 6.5:1
	purple = "#6b3fa0" // 7.4:1
	grey   = "#595959" // 7.0:1
)

// base is the common part of every option: no animation, aria on with a
// description, a title, the palette.
func base(title, subtitle, description string) Option {
	return Option{
		Animation: false,
		Aria:      opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: description}},
		Color:     opts.Colors{blue, orange, green, purple, red, grey},
		Title: opts.Title{Title: title, Subtitle: subtitle, Left: "center",
			TitleStyle: &opts.TextStyle{FontSize: 15, FontWeight: "bold"}},
		Tooltip: opts.Tooltip{Trigger: "axis"},
		Grid:    &opts.Grid{Left: "64", Right: "32", Top: "92", Bottom: "64"},
	}
}
