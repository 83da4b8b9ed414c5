package calc

import (
	"errors"
	"io"
)

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

// CodeCancelled is the error code of a computation stopped through
// Hooks.Cancelled.
const CodeCancelled = "cancelled"

// errCancelled is returned when Hooks.Cancelled reports true.
var errCancelled = Errors{{Field: "", Code: CodeCancelled, Message: "The calculation was cancelled."}}

// RunJSONWithHooks is RunJSON with progress reports and cancellation for the
// calculators that take long enough to need them (clvfit); the others
// ignore hooks. A cancelled run answers StatusInvalid with the error code
// "cancelled".
func RunJSONWithHooks(name string, request []byte, hooks Hooks) ([]byte, Status) {
	if name != clvfitCalc.Name {
		return RunJSON(name, request)
	}
	return runCLVFitJSON(request, nil, nil, hooks)
}

// RunCLVFitReaders is the JSON entry point of clvfit with the data streamed
// from a reader (the command line): request holds every field but the CSV
// text, which is read row by row from transactions or summary (one of them
// nil). The answer is RunJSON's, with the same messages.
func RunCLVFitReaders(request []byte, transactions, summary io.Reader, hooks Hooks) ([]byte, Status) {
	return runCLVFitJSON(request, transactions, summary, hooks)
}

func runCLVFitJSON(request []byte, transactions, summary io.Reader, hooks Hooks) ([]byte, Status) {
	resp, errorsJSON, status := CLVFitJSONReaders(request, transactions, summary, hooks)
	if status != StatusOK {
		return errorsJSON, status
	}
	return clvfitCalc.respond(resp, nil)
}

// CLVFitJSONReaders is RunCLVFitReaders without the final encoding, for a
// front end that passes the predictions on in another form than JSON (the
// browser's worker: a CSV download and the top rows): it validates the JSON
// request exactly as RunJSON does and returns the typed response with
// StatusOK, or no response and the errors body (JSON) with StatusMalformed
// or StatusInvalid. transactions and summary may both be nil when the
// request carries the CSV text.
func CLVFitJSONReaders(request []byte, transactions, summary io.Reader, hooks Hooks) (*CLVFitResponse, []byte, Status) {
	c := clvfitCalc
	raw, err := decodeObject(request)
	if err != nil {
		return nil, marshalErrors(Errors{{Code: CodeMalformedJSON, Message: err.Error()}}), StatusMalformed
	}
	var p problems
	values := c.typeCheck(raw, &p)
	raw = nil // the CSV text now lives in values only
	resp, err := runCLVFit(c, values, &p, transactions, summary, hooks)
	if err != nil {
		body, status := c.respond(nil, err)
		return nil, body, status
	}
	return resp, nil, StatusOK
}

// isCancelled reports whether err is the cancellation error.
func isCancelled(err error) bool {
	var errs Errors
	return errors.As(err, &errs) && len(errs) == 1 && errs[0].Code == CodeCancelled
}
