// Package charts builds the Apache ECharts options of the calculators'
// charts from the core's typed results (calc.Result): the same code runs at
// site build time (pre-rendered pages) and in the WebAssembly module (live
// pages). Which charts a calculator page shows, in which order and with
// which titles, is internal/present's; this package knows how to draw each
// chart, by its id.
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
//
// Numbers are for the reader, in their locale and currency, which only the
// page knows: an option's text writes each number as a token (tok: "Change
// from the base NPV of {{money:-806297}}") and money as the currency
// placeholder cur ("Change in NPV (¤)"), and its "roikit" key (hints) names
// the format of each axis's and series' numbers. site/js/chartopts.js turns
// them into text and formatters (site/FRONTEND.md, "Charts"); it also
// applies the page's colours and lays the chart out for its width.
package charts

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/present"
)

// Info names one chart a calculator page shows (internal/present lists
// each calculator's).
type Info = present.Chart

// Chart is one chart's option, ready for echarts.setOption. Option is null
// when the chart does not apply to this result (the page hides it).
type Chart struct {
	Info
	Option json.RawMessage `json:"option"`
}

// builder makes one chart's option from a successful result; nil means
// the chart does not apply.
type builder func(*calc.Result) (*Option, error)

// builders draws each chart, by id.
var builders = map[string]builder{
	"visitors-vs-mde":  typed(sampleSizeCurve),
	"mde-by-week":      typed(mdeByWeekChart),
	"posteriors":       typed(significancePosteriors),
	"cumulative-value": typed(clvCumulative),
	"cash-flow":        typed(roiCashFlow),
	"npv-distribution": typed(roiNPVDistribution),
	"tornado":          typed(roiTornado),
	"clv-distribution": typed(clvfitDistribution),
	"p-alive":          typed(clvfitPAlive),
	"holdout":          typed(clvfitHoldout),
	"idea-npv":         typed(prioritizeNPV),
	"idea-return-days": typed(prioritizeReturnDays),
}

// typed adapts a chart of one calculator, which reads its typed request
// and response, to a builder.
func typed[Req, Resp any](build func(*Req, *Resp) (*Option, error)) builder {
	return func(res *calc.Result) (*Option, error) {
		req, okReq := res.Request.(*Req)
		resp, okResp := res.Response.(*Resp)
		if !okReq || !okResp {
			return nil, fmt.Errorf("the chart does not draw %T and %T", res.Request, res.Response)
		}
		return build(req, resp)
	}
}

// Has reports whether a chart with that id can be drawn.
func Has(id string) bool { return builders[id] != nil }

// IDs lists the charts a calculator's page lays out, in page order.
func IDs(name string) []Info {
	if p := present.For(name); p != nil {
		return p.Charts
	}
	return nil
}

// Build returns the options of every chart of IDs(name), in the same order,
// for a successful result. A chart that does not apply to the result (a
// field it needs is absent) has a null option. An error result, or a
// calculator whose charts cannot be drawn, is an error.
func Build(res *calc.Result) ([]Chart, error) {
	if res == nil || res.Calc == nil || res.Status != calc.StatusOK {
		return nil, fmt.Errorf("charts: no successful result to draw")
	}
	infos := IDs(res.Calc.Name)
	out := make([]Chart, 0, len(infos))
	for _, info := range infos {
		build := builders[info.ID]
		if build == nil {
			return nil, fmt.Errorf("charts: no chart %q", info.ID)
		}
		opt, err := build(res)
		if err != nil {
			return nil, fmt.Errorf("charts: %s %s: %v", res.Calc.Name, info.ID, err)
		}
		raw := json.RawMessage("null")
		if opt != nil {
			b, err := json.Marshal(opt)
			if err != nil { // only a non-finite number can get here
				return nil, fmt.Errorf("charts: %s %s: %v", res.Calc.Name, info.ID, err)
			}
			raw = b
		}
		out = append(out, Chart{Info: info, Option: raw})
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
