package calc

import "errors"

// CLVFitRequest is a placeholder until the clvfit calculator lands.
type CLVFitRequest struct{}

// CLVFitResponse is a placeholder until the clvfit calculator lands.
type CLVFitResponse struct{ Notes }

var clvfitCalc = define(Calculator{Name: "clvfit", Title: "clvfit"}, func() CLVFitRequest { return CLVFitRequest{} },
	func(*CLVFitRequest) (*CLVFitResponse, error) { return nil, errors.New("not implemented yet") })
