package calc

import "strings"

// Error codes of FieldError.Code. Front ends may rely on them.
const (
	CodeRequired      = "required"       // a required field is absent
	CodeNull          = "null"           // an explicit null
	CodeWrongType     = "wrong_type"     // e.g. a string where a number belongs
	CodeNotInteger    = "not_integer"    // a fraction where a whole number belongs
	CodeOutOfRange    = "out_of_range"   // a number outside the allowed range
	CodeInvalidChoice = "invalid_choice" // a string outside Field.Enum
	CodeUnknownField  = "unknown_field"  // a field the calculator does not have
	CodeInconsistent  = "inconsistent"   // fields that contradict each other
	CodeInvalidData   = "invalid_data"   // unreadable CSV rows, dates, columns
	CodeMalformedJSON = "malformed_json" // the request is not a JSON object
	CodeNotComputable = "not_computable" // the inputs give no finite answer
	CodeUnknownCalc   = "unknown_calculator"
)

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

// Warning is something the user should know about a valid result.
type Warning struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// problems collects field errors, at most one per field: the first problem
// found with a field is the one worth fixing first.
type problems struct {
	list Errors
	seen map[string]bool
}

func (p *problems) add(field, code, message string) {
	if p.seen == nil {
		p.seen = map[string]bool{}
	}
	if field != "" && p.seen[field] {
		return
	}
	p.seen[field] = true
	p.list = append(p.list, FieldError{Field: field, Code: code, Message: message})
}

// has reports whether a problem was already recorded for the field.
func (p *problems) has(field string) bool { return p.seen[field] }

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return p.list
}
