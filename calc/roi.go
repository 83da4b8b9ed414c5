package calc

import "errors"

// ROIRequest is a placeholder until the roi calculator lands.
type ROIRequest struct{}

// ROIResponse is a placeholder until the roi calculator lands.
type ROIResponse struct{ Notes }

var roiCalc = define(Calculator{Name: "roi", Title: "roi"}, func() ROIRequest { return ROIRequest{} },
	func(*ROIRequest) (*ROIResponse, error) { return nil, errors.New("not implemented yet") })
