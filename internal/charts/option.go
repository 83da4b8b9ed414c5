package charts

// The ECharts option schema (https://echarts.apache.org/en/option.html), the
// part roikit uses, as plain encoding/json types.
//
// Why not go-echarts' opts package: it compiles regular expressions at init
// (opts/js.go), so importing it links regexp into the browser's WASM module:
// measured +427 KB raw, +112 KB gzip on a module importing calc (Go 1.26,
// -trimpath -ldflags="-s -w"). These types mirror the same option names
// (go-echarts' opts.Title, opts.Aria, opts.MarkLines... serialise to the same
// JSON) without that cost. Everything here is data: no JavaScript functions.

// Option is one chart's option for echarts.setOption.
type Option struct {
	Animation bool       `json:"animation"`
	Aria      Aria       `json:"aria"`
	Color     []string   `json:"color,omitempty"`
	Title     Title      `json:"title"`
	Tooltip   Tooltip    `json:"tooltip"`
	Legend    *Legend    `json:"legend,omitempty"`
	Grid      *Grid      `json:"grid,omitempty"`
	XAxis     []Axis     `json:"xAxis"`
	YAxis     []Axis     `json:"yAxis"`
	VisualMap *VisualMap `json:"visualMap,omitempty"`
	Series    []Series   `json:"series"`
}

// Aria makes ECharts label the chart for screen readers; Description
// replaces its generated text.
type Aria struct {
	Enabled bool      `json:"enabled"`
	Label   AriaLabel `json:"label"`
	Decal   *Decal    `json:"decal,omitempty"`
}

// AriaLabel is aria.label.
type AriaLabel struct {
	Enabled     bool   `json:"enabled"`
	Description string `json:"description,omitempty"`
}

// Decal is aria.decal: patterns on bars, so series differ by more than colour.
type Decal struct {
	Show bool `json:"show"`
}

// Title is title.
type Title struct {
	Text      string     `json:"text"`
	Subtext   string     `json:"subtext,omitempty"`
	Left      string     `json:"left,omitempty"`
	TextStyle *TextStyle `json:"textStyle,omitempty"`
}

// TextStyle is a text style.
type TextStyle struct {
	FontSize   int    `json:"fontSize,omitempty"`
	FontWeight string `json:"fontWeight,omitempty"`
	Color      string `json:"color,omitempty"`
}

// Tooltip is tooltip.
type Tooltip struct {
	Trigger string `json:"trigger,omitempty"` // "axis" or "item"
}

// Legend is legend.
type Legend struct {
	Top    string `json:"top,omitempty"`
	Bottom string `json:"bottom,omitempty"`
}

// Grid is grid: the plot area's margins.
type Grid struct {
	Left   string `json:"left,omitempty"`
	Right  string `json:"right,omitempty"`
	Top    string `json:"top,omitempty"`
	Bottom string `json:"bottom,omitempty"`
}

// Axis is one xAxis or yAxis.
type Axis struct {
	Type         string     `json:"type"` // "value", "category", "log"
	Name         string     `json:"name,omitempty"`
	NameLocation string     `json:"nameLocation,omitempty"`
	NameGap      int        `json:"nameGap,omitempty"`
	Data         []string   `json:"data,omitempty"`
	Min          any        `json:"min,omitempty"`
	Max          any        `json:"max,omitempty"`
	Scale        bool       `json:"scale,omitempty"`
	Inverse      bool       `json:"inverse,omitempty"`
	AxisLabel    *AxisLabel `json:"axisLabel,omitempty"`
	SplitLine    *Show      `json:"splitLine,omitempty"`
}

// AxisLabel is axis.axisLabel; Formatter is a string template ("{value}%").
type AxisLabel struct {
	Formatter string `json:"formatter,omitempty"`
	Interval  any    `json:"interval,omitempty"`
	Rotate    int    `json:"rotate,omitempty"`
}

// Show toggles a component.
type Show struct {
	Show bool `json:"show"`
}

// VisualMap is a continuous visualMap (heatmaps).
type VisualMap struct {
	Type       string   `json:"type"` // "continuous"
	Min        float64  `json:"min"`
	Max        float64  `json:"max"`
	Calculable bool     `json:"calculable"`
	Orient     string   `json:"orient,omitempty"`
	Left       string   `json:"left,omitempty"`
	Bottom     string   `json:"bottom,omitempty"`
	Text       []string `json:"text,omitempty"`
	Precision  int      `json:"precision"`
	InRange    *InRange `json:"inRange,omitempty"`
}

// InRange is visualMap.inRange.
type InRange struct {
	Color []string `json:"color"`
}

// Series is one series (line, bar, scatter, heatmap).
type Series struct {
	Type           string     `json:"type"`
	Name           string     `json:"name,omitempty"`
	Data           any        `json:"data"`
	XAxisIndex     int        `json:"xAxisIndex,omitempty"`
	YAxisIndex     int        `json:"yAxisIndex,omitempty"`
	ShowSymbol     *bool      `json:"showSymbol,omitempty"`
	Symbol         string     `json:"symbol,omitempty"`
	SymbolSize     any        `json:"symbolSize,omitempty"`
	Smooth         bool       `json:"smooth,omitempty"`
	Step           string     `json:"step,omitempty"`
	BarWidth       string     `json:"barWidth,omitempty"`
	BarGap         string     `json:"barGap,omitempty"`
	BarCategoryGap string     `json:"barCategoryGap,omitempty"`
	ItemStyle      *Style     `json:"itemStyle,omitempty"`
	LineStyle      *Style     `json:"lineStyle,omitempty"`
	AreaStyle      *Style     `json:"areaStyle,omitempty"`
	Label          *Label     `json:"label,omitempty"`
	MarkLine       *MarkLine  `json:"markLine,omitempty"`
	MarkPoint      *MarkPoint `json:"markPoint,omitempty"`
	Z              int        `json:"z,omitempty"`
}

// Style is itemStyle, lineStyle or areaStyle.
type Style struct {
	Color   string  `json:"color,omitempty"`
	Width   float64 `json:"width,omitempty"`
	Type    string  `json:"type,omitempty"` // "solid", "dashed", "dotted"
	Opacity float64 `json:"opacity,omitempty"`
}

// Label is a series' or a mark's label.
type Label struct {
	Show      bool   `json:"show"`
	Position  string `json:"position,omitempty"`
	Formatter string `json:"formatter,omitempty"` // string template only
}

// MarkLine is series.markLine.
type MarkLine struct {
	Silent    bool           `json:"silent"`
	Symbol    []string       `json:"symbol"`
	Data      []MarkLineData `json:"data"`
	LineStyle *Style         `json:"lineStyle,omitempty"`
	Label     *Label         `json:"label,omitempty"`
}

// MarkLineData is one line of a markLine: at an x or a y value.
type MarkLineData struct {
	Name  string `json:"name,omitempty"`
	XAxis any    `json:"xAxis,omitempty"`
	YAxis any    `json:"yAxis,omitempty"`
	Label *Label `json:"label,omitempty"`
}

// MarkPoint is series.markPoint.
type MarkPoint struct {
	Symbol     string          `json:"symbol,omitempty"`
	SymbolSize any             `json:"symbolSize,omitempty"`
	Data       []MarkPointData `json:"data"`
	Label      *Label          `json:"label,omitempty"`
	ItemStyle  *Style          `json:"itemStyle,omitempty"`
}

// MarkPointData is one point of a markPoint.
type MarkPointData struct {
	Name  string `json:"name,omitempty"`
	Coord []any  `json:"coord"`
	Value any    `json:"value,omitempty"`
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
		Aria:      Aria{Enabled: true, Label: AriaLabel{Enabled: true, Description: description}},
		Color:     []string{blue, orange, green, purple, red, grey},
		Title:     Title{Text: title, Subtext: subtitle, Left: "center", TextStyle: &TextStyle{FontSize: 15, FontWeight: "bold"}},
		Tooltip:   Tooltip{Trigger: "axis"},
		Grid:      &Grid{Left: "64", Right: "32", Top: "92", Bottom: "64"},
	}
}

func boolp(b bool) *bool { return &b }
