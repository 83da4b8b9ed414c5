package calc

import (
	"encoding/json"
	"errors"
	"sort"
	"strings"
)

// Status classifies the outcome of a run.
type Status int

// The outcomes of a run.
const (
	StatusOK        Status = iota // the response holds the outputs and warnings
	StatusInvalid                 // the response holds errors about the request's fields
	StatusMalformed               // the request is not one JSON object
	StatusUnknown                 // no calculator has that name
)

// Job is a JSON request decoded into its calculator's typed request, ready
// to run: the one decoding step of every front end (the CLI's stdin, the
// API's body, the WebAssembly call, the site build's front matter). JSON is
// decoded once, here; the answer is encoded once, by Result.JSON.
type Job struct {
	// Calc is the calculator; nil when no calculator has the name.
	Calc *Calculator
	// Request points to the typed request (*SampleSizeRequest, ...) holding
	// the request's values and the defaults of the fields it leaves out;
	// nil when the name is unknown or the JSON is not one object. A front
	// end may set what JSON cannot carry before Run, such as clvfit's
	// TransactionsReader.
	Request any

	status Status
	p      problems
}

// Decode reads a JSON request for the named calculator. Every problem with
// the request's fields (unknown, null, wrong type, missing) is kept for Run,
// which adds those of the values and reports them all at once.
func Decode(name string, request []byte) *Job {
	c, ok := Lookup(name)
	if !ok {
		j := &Job{status: StatusUnknown}
		j.p.add("", CodeUnknownCalc, UnknownCalculator(name))
		return j
	}
	j := &Job{Calc: c}
	raw, stopped, err := decodeObject(request, func(name string) bool { return c.Field(name) != nil })
	if err != nil {
		j.status = StatusMalformed
		j.p.add("", CodeMalformedJSON, err.Error())
		return j
	}
	j.Request = c.ops.newRequest()
	j.p.stopped = stopped
	c.decodeInto(raw, j.Request, &j.p)
	if stopped {
		j.status = StatusInvalid
	}
	return j
}

// Run validates and computes the job, once: a Job is not run twice (its
// problems are kept in it). hooks follow and may stop a long computation
// (clvfit); the other calculators ignore them. It never panics on any
// request and never returns NaN or Infinity.
func (j *Job) Run(hooks Hooks) *Result {
	res := &Result{Calc: j.Calc, Request: j.Request, Status: j.status}
	if j.status != StatusOK {
		res.Errors = j.p.errors()
		return res
	}
	resp, err := j.Calc.ops.solve(j.Calc, j.Request, &j.p, hooks)
	if err != nil {
		var errs Errors
		if !errors.As(err, &errs) {
			errs = Errors{{Code: CodeNotComputable, Message: err.Error()}}
		}
		res.Status, res.Errors = StatusInvalid, j.Calc.inSpecOrder(errs)
		return res
	}
	res.Response = resp
	return res
}

// Run decodes and runs a JSON request: Decode(name, request).Run(hooks).
func Run(name string, request []byte, hooks Hooks) *Result {
	return Decode(name, request).Run(hooks)
}

// RunJSON runs the named calculator on a JSON request and returns the JSON
// response: the outputs and warnings (StatusOK) or the contract's errors
// object (any other status).
func RunJSON(name string, request []byte) ([]byte, Status) {
	res := Run(name, request, Hooks{})
	return res.JSON(), res.Status
}

// Result is a calculator's answer in Go values: the typed request and
// response, or the errors.
type Result struct {
	Calc     *Calculator // nil when no calculator has the name
	Request  any         // the typed request (a pointer), nil when it could not be decoded
	Response any         // the typed response (*SampleSizeResponse, ...) when Status is StatusOK
	Errors   Errors      // the problems, in the form's field order, when Status is not StatusOK
	Status   Status
}

// JSON encodes the answer as the contract's JSON: the response, or
// {"errors": [...]}.
func (r *Result) JSON() []byte {
	if r.Status != StatusOK {
		return ErrorsJSON(r.Errors)
	}
	out, err := json.Marshal(r.Response)
	if err != nil { // unreachable: responses are checked finite before this
		return ErrorJSON(CodeNotComputable, "The result could not be written: "+err.Error())
	}
	return out
}

// HTTPStatus is the HTTP status the API answers the result with: 200, or
// the error code's (ErrorCodes).
func (r *Result) HTTPStatus() int {
	if r.Status == StatusOK {
		return 200
	}
	if len(r.Errors) == 0 {
		return HTTPStatus(CodeInternal)
	}
	return HTTPStatus(r.Errors[0].Code)
}

// Warnings returns the response's warnings (none for an error answer).
func (r *Result) Warnings() []Warning {
	if n, ok := r.Response.(noter); ok {
		return n.notes().Warnings
	}
	return nil
}

// inSpecOrder sorts errors in the order of the form's fields, unknown fields
// and whole-request problems last, so a list reads top to bottom.
func (c *Calculator) inSpecOrder(errs Errors) Errors {
	rank := func(name string) int {
		name, _, _ = strings.Cut(name, "[") // ideas[2].name ranks as ideas
		for i := range c.Fields {
			if c.Fields[i].Name == name {
				return i
			}
		}
		return len(c.Fields)
	}
	sorted := append(Errors(nil), errs...)
	sort.SliceStable(sorted, func(i, j int) bool { return rank(sorted[i].Field) < rank(sorted[j].Field) })
	return sorted
}
