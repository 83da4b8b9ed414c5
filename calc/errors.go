package calc

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Error codes of FieldError.Code. Front ends may rely on them; ErrorCodes
// describes each one with its HTTP status.
const (
	CodeRequired      = "required"               // a required field is absent
	CodeNull          = "null"                   // an explicit null
	CodeWrongType     = "wrong_type"             // e.g. a string where a number belongs
	CodeNotInteger    = "not_integer"            // a fraction where a whole number belongs
	CodeOutOfRange    = "out_of_range"           // a number outside the allowed range
	CodeInvalidChoice = "invalid_choice"         // a string outside Field.Enum
	CodeUnknownField  = "unknown_field"          // a field the calculator does not have
	CodeInconsistent  = "inconsistent"           // fields that contradict each other
	CodeInvalidData   = "invalid_data"           // unreadable CSV rows, dates, columns
	CodeNotComputable = "not_computable"         // the inputs give no finite answer
	CodeNotIdentified = "not_identified"         // the data cannot determine a fitted model's predictions
	CodeMalformedJSON = "malformed_json"         // the request is not a JSON object
	CodeUnknownCalc   = "unknown_calculator"     // no calculator has that name
	CodeTooLarge      = "too_large"              // the request body is over the limit
	CodeTooMany       = "too_many_errors"        // the last entry of a list cut at MaxErrors
	CodeMethod        = "method_not_allowed"     // an HTTP method the path does not take
	CodeNotFound      = "not_found"              // an API path that does not exist
	CodeFormat        = "format_not_implemented" // oEmbed: a format other than json
	CodeCancelled     = "cancelled"              // stopped through Hooks.Cancelled
	CodeInternal      = "internal"               // a failure of roikit itself (a recovered panic)
	CodeEngineFailed  = "engine_failed"          // the page's calculator could not start or stopped
)

// The HTTP statuses of the table's two large classes.
const (
	httpUnprocessable   = 422 // the request's values have problems
	httpNotAnHTTPAnswer = 0   // a code only the browser gives
)

// ErrorCode describes one error code: what it means and the HTTP status
// the API answers it with (0 for codes that only the browser gives).
type ErrorCode struct {
	Code       string `json:"code"`
	HTTPStatus int    `json:"http_status,omitempty"`
	Meaning    string `json:"meaning"`
}

// errorCodes is the one table of error codes: the API, the Worker and the
// WebAssembly module take their statuses from it, and content/docs/api.md
// is tested against it.
var errorCodes = []ErrorCode{
	{CodeRequired, httpUnprocessable, "a required field is absent, or a field required by another field's value"},
	{CodeNull, httpUnprocessable, "an explicit null: leave the field out to use its default"},
	{CodeWrongType, httpUnprocessable, "a value of the wrong JSON type, such as text where a number belongs, or a date not written YYYY-MM-DD"},
	{CodeNotInteger, httpUnprocessable, "a number with a fractional part where a whole number belongs"},
	{CodeOutOfRange, httpUnprocessable, "a number outside the field's allowed range"},
	{CodeInvalidChoice, httpUnprocessable, "a string that is not one of the field's choices"},
	{CodeUnknownField, httpUnprocessable, "a field the calculator does not have (the message suggests the closest one)"},
	{CodeInconsistent, httpUnprocessable, "fields that contradict each other, such as more conversions than visitors"},
	{CodeInvalidData, httpUnprocessable, "unreadable CSV rows, dates or columns"},
	{CodeNotComputable, httpUnprocessable, "the inputs give no finite answer, or a model cannot be fitted to the data"},
	{CodeNotIdentified, httpUnprocessable, "the data cannot determine a fitted model's predictions (too few repeat customers, parameters running off, or a flat likelihood): the message says what the data lack and what to try"},
	{CodeTooMany, httpUnprocessable, "the last entry of an errors list cut at 20 entries: it says how many more problems there are, or that the request was not read further (after 20 unknown fields)"},
	{CodeMalformedJSON, 400, "the body is not one JSON object"},
	{CodeUnknownCalc, 404, "no calculator has that name"},
	{CodeNotFound, 404, "nothing is at that path, or the oEmbed url is not a calculator page of the site"},
	{CodeMethod, 405, "an HTTP method the path does not take"},
	{CodeTooLarge, 413, "the body is larger than the limit"},
	{CodeFormat, 501, "oEmbed: a format other than json"},
	{CodeInternal, 500, "a failure of roikit itself; the request may be fine"},
	{CodeCancelled, httpNotAnHTTPAnswer, "the calculation was cancelled (the page's Cancel button)"},
	{CodeEngineFailed, httpNotAnHTTPAnswer, "the browser could not start the calculator, or it stopped"},
}

// ErrorCodes lists every error code with its meaning and HTTP status.
func ErrorCodes() []ErrorCode { return append([]ErrorCode(nil), errorCodes...) }

// HTTPStatus is the HTTP status of an answer whose (first) error has the
// given code: 422 for a problem with the request's values, 400 for
// malformed JSON, and so on (ErrorCodes); 500 for a code not in the table.
func HTTPStatus(code string) int {
	for _, c := range errorCodes {
		if c.Code == code && c.HTTPStatus != 0 {
			return c.HTTPStatus
		}
	}
	return 500
}

// FieldError is one problem with a request. Field is the request field's
// name (empty for a problem with the request as a whole).
type FieldError struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Errors is every problem found in a request. It is the error returned by the
// typed calculator functions, and marshals as the contract's errors object.
type Errors []FieldError

// Error joins the messages into one line.
func (e Errors) Error() string {
	msgs := make([]string, len(e))
	for i, fe := range e {
		msgs[i] = fe.Message
	}
	return strings.Join(msgs, " ")
}

// errorsBody is the contract's invalid-input response.
type errorsBody struct {
	Errors Errors `json:"errors"`
}

// ErrorsJSON writes the contract's error answer: {"errors": [...]}.
func ErrorsJSON(errs Errors) []byte {
	b, err := json.Marshal(errorsBody{Errors: errs})
	if err != nil { // unreachable: strings only
		return []byte(`{"errors":[]}`)
	}
	return b
}

// ErrorJSON writes the contract's error answer for one problem with the
// request as a whole.
func ErrorJSON(code, message string) []byte {
	return ErrorsJSON(Errors{{Code: code, Message: message}})
}

// Warning is something the user should know about a valid result.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// MaxErrors bounds an errors list: a request with more problems gets the
// first MaxErrors and one more entry (code too_many_errors) saying how many
// were left out, so an answer stays small whatever the request holds.
const MaxErrors = 20

// problems collects field errors, at most one per field: the first problem
// found with a field is the one worth fixing first. It lists at most
// MaxErrors and counts the rest.
type problems struct {
	list    Errors
	seen    map[string]bool
	more    int  // problems found beyond MaxErrors
	stopped bool // the request was not read to its end (too many unknown fields)
}

func (p *problems) add(field, code, message string) {
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if field != "" && p.seen[field] {
		return
	}
	p.seen[field] = true // also past the cap: has stays true, and more counts each field once
	if len(p.list) >= MaxErrors {
		p.more++
		return
	}
	p.list = append(p.list, FieldError{Field: field, Code: code, Message: message})
}

// has reports whether a problem was already recorded for the field.
func (p *problems) has(field string) bool { return p.seen[field] }

// errors returns the list, with a last entry saying what was left out.
func (p *problems) errors() Errors {
	if p.more == 0 && !p.stopped {
		return p.list
	}
	word := "problems"
	if p.more == 1 {
		word = "problem"
	}
	msg := fmt.Sprintf("… and %d more %s, not listed: fix the ones above first.", p.more, word)
	if p.stopped {
		msg = fmt.Sprintf("… and more: the request has more than %d fields the calculator does not have, so the rest of it was not read.", maxUnknownFields)
	}
	return append(p.list[:len(p.list):len(p.list)], FieldError{Code: CodeTooMany, Message: msg})
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return p.errors()
}
