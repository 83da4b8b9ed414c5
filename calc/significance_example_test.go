package calc_test

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

// A test with 10,000 visitors per arm: 200 conversions in control, 250 in
// the treatment. R 4.2.2's prop.test(c(250,200), c(10000,10000),
// correct=FALSE) gives the same p-value, 0.0171.
func ExampleSignificance() {
	req := calc.NewSignificanceRequest()
	nC, cC, nT, cT := 10000, 200, 10000, 250
	req.ControlVisitors, req.ControlConversions = &nC, &cC
	req.TreatmentVisitors, req.TreatmentConversions = &nT, &cT
	resp, err := calc.Significance(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("lift %+.2f points (95%% interval %+.2f to %+.2f), %+.0f%% relative\n",
		100*resp.AbsoluteLift, 100*resp.AbsoluteLiftCI[0], 100*resp.AbsoluteLiftCI[1], 100**resp.RelativeLift)
	fmt.Printf("z = %.3f, p = %.4f, significant: %v\n", *resp.Z, resp.PValue, resp.Significant)
	fmt.Printf("P(treatment better) = %.4f, expected loss if shipped = %.2g\n", resp.ProbTreatmentBeatsControl, resp.ExpectedLoss)
	fmt.Printf("split p = %.2f, mismatch: %v\n", resp.SRMPValue, resp.SRMDetected)
	// Output:
	// lift +0.50 points (95% interval +0.09 to +0.91), +25% relative
	// z = 2.384, p = 0.0171, significant: true
	// P(treatment better) = 0.9914, expected loss if shipped = 6e-06
	// split p = 1.00, mismatch: false
}

// The same calculator through the JSON entry point that the browser, the
// command line and the HTTP API use; an error names the field.
func ExampleRunJSON_significance() {
	out, status := calc.RunJSON("significance", []byte(`{"control_visitors": 100, "control_conversions": 120,
		"treatment_visitors": 100, "treatment_conversions": 10}`))
	fmt.Println(status == calc.StatusInvalid)
	fmt.Println(string(out))
	// Output:
	// true
	// {"errors":[{"field":"control_conversions","code":"inconsistent","message":"Conversions in control (120) cannot be more than visitors in control (100): each visitor converts at most once, so count converting visitors, not orders."}]}
}
