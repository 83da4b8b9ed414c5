package calc

// Progress reports how far a long computation has got.
type Progress struct {
	Phase     string  `json:"phase"`     // "parse" (reading the CSV) or "fit" (the optimizer)
	Fraction  float64 `json:"fraction"`  // 0..1 within the phase; for "fit", an estimate
	Iteration int     `json:"iteration"` // optimizer iterations so far (phase "fit")
}

// Hooks lets a front end follow and stop a long computation (clvfit). Both
// are optional. Progress is called at most every few milliseconds of work;
// when Cancelled returns true the computation stops with a "cancelled" error.
type Hooks struct {
	Progress  func(Progress)
	Cancelled func() bool
}

// RunJSONWithHooks is RunJSON with progress reports and cancellation for the
// calculators that take long enough to need them; the others ignore hooks.
// Placeholder: hooks are not called yet (clvfit lands them).
func RunJSONWithHooks(name string, request []byte, hooks Hooks) ([]byte, Status) {
	return RunJSON(name, request)
}
