package calc

import "errors"

// SignificanceRequest is a placeholder until the significance calculator lands.
type SignificanceRequest struct{}

// SignificanceResponse is a placeholder until the significance calculator lands.
type SignificanceResponse struct{ Notes }

var significanceCalc = define(Calculator{Name: "significance", Title: "significance"}, func() SignificanceRequest { return SignificanceRequest{} },
	func(*SignificanceRequest) (*SignificanceResponse, error) {
		return nil, errors.New("not implemented yet")
	})
