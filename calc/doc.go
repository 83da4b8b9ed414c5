// Package calc is roikit's calculator core: the one place where every number
// roikit shows is computed.
//
// Each calculator of the contract (content/docs/contract.md: samplesize,
// significance, clv, roi, clvfit) has a typed request and response whose
// JSON field names are the contract's, a validation that reports every
// problem with the field it concerns, and a pure compute function. The
// registry (Calculators, Lookup) describes every field (type, unit, default,
// allowed range, conditions, help text) once: the typed requests'
// constructors, forms, command-line flags, API schemas and docs tables are
// generated from it rather than written again.
//
// Front ends decode JSON once where a request enters and encode once where
// the answer leaves:
//
//	job := calc.Decode(name, requestJSON) // the typed request, defaults applied
//	res := job.Run(hooks)                 // validated and computed: Go values
//	res.JSON()                            // the contract's response or errors
//
// RunJSON does the three at once. In between, a front end reads the typed
// response (charts, the CLI's summary, the site's templates through
// PathValue) and may give clvfit a reader of its CSV instead of its text.
// The typed functions (SampleSize, ROI, CLVFit...) take and return the
// structs directly. The rules are the contract's:
//
//   - a request is one JSON object; an unknown field, an explicit null, or a
//     value of the wrong type is an error naming that field;
//   - defaults apply to absent fields only;
//   - success returns the output fields plus "warnings" (a list, empty when
//     there is nothing to say);
//   - invalid input returns {"errors": [{"field", "code", "message"}, ...]}
//     listing every problem, each message a sentence that names the allowed
//     range; ErrorCodes lists the codes with their HTTP statuses;
//   - every number returned is finite and nothing panics: a value that
//     cannot be computed is an error, or null with a warning.
//
// The package imports only the standard library and gonum's special
// functions (mathext); it does no I/O, so
// the same code runs natively, in the CLI, in the site build, and in the
// browser compiled to WebAssembly.
package calc
