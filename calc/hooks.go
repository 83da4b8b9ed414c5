package calc

import "errors"

// Progress reports how far a long computation has got.
type Progress struct {
	// Phase is "parse" (reading the CSV), "summarize" (building the
	// per-customer summary and its patterns), "fit" (the optimizers) or
	// "predict" (the per-customer predictions), in that order.
	Phase     string  `json:"phase"`
	Fraction  float64 `json:"fraction"`  // 0..1 within the phase; for "fit", an estimate
	Iteration int     `json:"iteration"` // optimizer iterations so far (phase "fit")
}

// Hooks lets a front end follow and stop a long computation (clvfit). Both
// are optional. Progress is called at most every few milliseconds of work:
// every 8,192 CSV rows while parsing, at three steps of the summary, every
// evaluation of the likelihood while fitting, every 1,024 patterns and every
// 16,384 customers while predicting. Cancelled is polled every 8,192 CSV
// rows, at every evaluation of the likelihood and every 1,024 patterns; when
// it returns true the computation stops with a "cancelled" error.
type Hooks struct {
	Progress  func(Progress)
	Cancelled func() bool
}

// errCancelled is returned when Hooks.Cancelled reports true.
var errCancelled = Errors{{Field: "", Code: CodeCancelled, Message: "The calculation was cancelled."}}

// isCancelled reports whether err is the cancellation error.
func isCancelled(err error) bool {
	var errs Errors
	return errors.As(err, &errs) && len(errs) == 1 && errs[0].Code == CodeCancelled
}
