package calc_test

import (
	"fmt"

	"github.com/roikit/roikit/calc"
)

// A program reaching 200,000 visitors a month, 60 % of them recognizable,
// with a 2 % conversion rate, an 80 order value at 40 % margin, and a lift
// expected at +5 % (90 % range -1 % to +11 %), against 50,000 up front and
// 5,000 a month over three years.
func ExampleROI() {
	req := calc.NewROIRequest()
	req.MonthlyVisitors, req.AddressableShare = 200000, 0.6
	req.ConversionRate, req.ValuePerConversion, req.GrossMargin = 0.02, 80, 0.4
	low, high := -0.01, 0.11
	req.ExpectedLift, req.LiftLow, req.LiftHigh = 0.05, &low, &high
	req.OneTimeCost, req.MonthlyCost = 50000, 5000
	resp, err := calc.ROI(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("NPV %.0f, ROI %.1f %%, break-even lift %.2f %%\n", resp.NPV, *resp.ROI*100, *resp.BreakEvenLift*100)
	fmt.Printf("chance of a positive NPV %.1f %%; NPV from %.0f to %.0f (10th to 90th percentile)\n",
		*resp.ProbPositiveNPV*100, *resp.NPVP10, *resp.NPVP90)
	fmt.Println("largest driver:", resp.Sensitivity[0].Label)
	// Output:
	// NPV -86176, ROI -41.8 %, break-even lift 8.60 %
	// chance of a positive NPV 15.7 %; NPV from -199321 to 24304 (10th to 90th percentile)
	// largest driver: Expected lift
}
