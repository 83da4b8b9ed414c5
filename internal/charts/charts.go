// Package charts builds the Apache ECharts options of each calculator's
// charts from its request and response JSON (Build), or for clvfit from the
// core's typed response (CLVFit, the browser's path for large files). The
// same code runs at site build time (pre-rendered pages) and in the
// WebAssembly module (live pages).
//
// The options are built from go-echarts' option types (packages opts and
// types of github.com/go-echarts/go-echarts/v2): titles, tooltips, legends,
// grids, axes, the visual map, aria, styles, marks and the series' data
// items. Only the top-level option, the series and three fields go-echarts
// lacks are local types (option.go): go-echarts defines its top level and
// series in its charts package, which imports its HTML template renderer,
// and this package imports neither charts, render, templates nor
// components, so no template package reaches the browser build. Options are
// data only: no JavaScript functions.
package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
)

// Info names one chart a calculator page shows.
type Info struct {
	ID    string `json:"id"`    // stable, lower-case, used in DOM ids: "npv-distribution"
	Title string `json:"title"` // a sentence for the chart's accessible name
}

// Chart is one chart's option, ready for echarts.setOption. Option is null
// when the chart does not apply to this request (the page hides it).
type Chart struct {
	Info
	Option json.RawMessage `json:"option"`
}

// builder makes one chart's option; nil means the chart does not apply.
type builder func(request, response []byte) (*Option, error)

type chartDef struct {
	Info
	build builder
	// fromCLVFit builds a clvfit chart from the decoded response (CLVFit).
	fromCLVFit func(*clvfitResponse) (*Option, error)
}

var defs = map[string][]chartDef{
	"samplesize": {
		{Info: Info{"visitors-vs-mde", "Visitors needed per variant against the minimum detectable effect"}, build: sampleSizeCurve},
	},
	"significance": {
		{Info: Info{"posteriors", "Where the true values probably lie: the two posteriors, or the lift's interval"}, build: significancePosteriors},
	},
	"clv": {
		{Info: Info{"cumulative-value", "Customer lifetime value accumulated year by year"}, build: clvCumulative},
	},
	"roi": {
		{Info: Info{"cash-flow", "Cumulative discounted cash flow by month"}, build: roiCashFlow},
		{Info: Info{"npv-distribution", "Distribution of the net present value across the simulations"}, build: roiNPVDistribution},
		{Info: Info{"tornado", "How much each input moves the net present value"}, build: roiTornado},
	},
	"clvfit": {
		clvfitDef(Info{"clv-distribution", "Distribution of customer lifetime value"}, clvfitDistribution),
		clvfitDef(Info{"p-alive", "Probability a customer is still active, by frequency and recency"}, clvfitPAlive),
		clvfitDef(Info{"holdout", "Expected and actual repeat purchases in the holdout period"}, clvfitHoldout),
	},
}

// IDs lists the charts a calculator's page lays out, in page order.
func IDs(name string) []Info {
	out := make([]Info, len(defs[name]))
	for i, d := range defs[name] {
		out[i] = d.Info
	}
	return out
}

// Build returns the options of every chart of IDs(name), in the same order,
// for one request and its successful response (both JSON). A chart that does
// not apply (a field it needs is absent) has a null option. A calculator of
// calc without charts gives none; a name calc does not know is an error, as
// is a response that is not a JSON object.
func Build(name string, request, response []byte) ([]Chart, error) {
	if _, ok := calc.Lookup(name); !ok {
		return nil, fmt.Errorf("charts: no calculator called %q", name)
	}
	var probe map[string]json.RawMessage
	if err := json.Unmarshal(response, &probe); err != nil {
		return nil, fmt.Errorf("charts: the %s response is not a JSON object: %v", name, err)
	}
	if _, bad := probe["errors"]; bad {
		return nil, fmt.Errorf("charts: the %s response is an error response", name)
	}
	return assemble(name, func(d chartDef) (*Option, error) { return d.build(request, response) })
}

// assemble encodes the option build gives for each chart of name, in page
// order; a nil option is the JSON null of a chart that does not apply.
func assemble(name string, build func(chartDef) (*Option, error)) ([]Chart, error) {
	out := make([]Chart, 0, len(defs[name]))
	for _, d := range defs[name] {
		opt, err := build(d)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %s: %v", name, d.ID, err)
		}
		raw := json.RawMessage("null")
		if opt != nil {
			b, err := json.Marshal(opt)
			if err != nil { // only a non-finite number can get here
				return nil, fmt.Errorf("charts: %s %s: %v", name, d.ID, err)
			}
			raw = b
		}
		out = append(out, Chart{Info: d.Info, Option: raw})
	}
	return out, nil
}

// finite reports whether every x is a finite number.
func finite(xs ...float64) bool {
	for _, x := range xs {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}

// round keeps sig significant digits, so the JSON stays short and tooltips
// show readable numbers.
func round(x float64, sig int) float64 {
	if x == 0 || !finite(x) {
		return x
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', sig, 64), 64)
	return v
}

// group formats a number rounded to an integer with thousands separators:
// 31234 -> "31,234".
func group(x float64) string { return calc.FormatCount(x) }

// pct formats a fraction as a percentage with up to decimals decimals:
// 0.0512 -> "5.12%".
func pct(x float64, decimals int) string {
	s := strconv.FormatFloat(x*100, 'f', decimals, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s + "%"
}

// num formats a number with up to 4 significant digits, grouped when large.
func num(x float64) string {
	if math.Abs(x) >= 1000 {
		return group(x)
	}
	return strconv.FormatFloat(round(x, 4), 'f', -1, 64)
}

// compact formats a number in a few characters for axis labels:
// 1,234,567 -> "1.2M", -806,297 -> "-806k", 512.3 -> "512".
func compact(x float64) string {
	a := math.Abs(x)
	switch {
	case a >= 1e9:
		return strconv.FormatFloat(round(x/1e9, 2), 'f', -1, 64) + "B"
	case a >= 1e6:
		return strconv.FormatFloat(round(x/1e6, 2), 'f', -1, 64) + "M"
	case a >= 1e4:
		return strconv.FormatFloat(math.Round(x/1e3), 'f', -1, 64) + "k"
	case a >= 1e3:
		return strconv.FormatFloat(round(x/1e3, 2), 'f', -1, 64) + "k"
	}
	return strconv.FormatFloat(round(x, 3), 'f', -1, 64)
}

// decode unmarshals JSON into v.
func decode(data []byte, v any) error {
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("reading the JSON: %v", err)
	}
	return nil
}
