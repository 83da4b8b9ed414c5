// Package calc is roikit's calculator core: the one place where every number
// roikit shows is computed.
//
// Each calculator of the contract (samplesize, significance, clv, roi, clvfit)
// has a typed request and response whose JSON field names are the contract's,
// a validation that reports every problem with the field it concerns, and a
// pure compute function. The registry (Calculators, Lookup) describes every
// field of every request (type, default, unit, allowed range, help text), so
// forms, command-line flags and API schemas are generated from it rather than
// written again.
//
// Front ends call one entry point, RunJSON: a calculator name and request JSON
// in, response JSON out. Its rules are the contract's:
//
//   - a request is one JSON object; an unknown field, an explicit null, or a
//     value of the wrong type is an error naming that field;
//   - defaults apply to absent fields only;
//   - success returns the output fields plus "warnings" (a list, empty when
//     there is nothing to say);
//   - invalid input returns {"errors": [{"field", "code", "message"}, ...]}
//     listing every problem, each message a sentence that names the allowed
//     range;
//   - no NaN, Infinity or panic ever reaches the caller: a value that cannot
//     be computed is an error, or null with a warning.
//
// The package imports only the standard library and gonum; it does no I/O, so
// the same code runs natively, in the CLI, in the site build, and in the
// browser compiled to WebAssembly.
package calc
