// Package charts builds the Apache ECharts options of each calculator's
// charts from its request and response JSON. The same code runs at site build
// time (pre-rendered pages) and in the WebAssembly module (live pages), so it
// imports only go-echarts' option types, never its HTML renderer.
package charts

import "encoding/json"

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

// IDs lists the charts a calculator's page lays out, in page order.
// Placeholder until the charts land: no charts.
func IDs(name string) []Info { return nil }

// Build returns the options of every chart of IDs(name), in the same order,
// for one request and its successful response (both JSON).
// Placeholder until the charts land: no charts.
func Build(name string, request, response []byte) ([]Chart, error) { return nil, nil }
