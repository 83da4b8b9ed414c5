// Package api is roikit's JSON API as a plain net/http Handler: the same
// calc core as the site and the CLI, served by the Cloudflare Worker in
// cmd/worker and testable natively with httptest.
//
//	GET     /api/v1          the calculators, each with a JSON Schema of its request
//	GET     /api/v1/NAME     one calculator's description and schema
//	POST    /api/v1/NAME     run it: 200, 422 (errors), 400 (malformed JSON), 413 (too large)
//	GET     /oembed?url=...  oEmbed (JSON) for calculator and embed pages of the site
//	OPTIONS any path         CORS preflight; every answer allows any origin
package api

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/roikit/roikit/calc"
)

// Options configures the handler.
type Options struct {
	// SiteURL is the static site's address without a trailing slash,
	// e.g. "https://roikit.netlify.app": oEmbed accepts its pages only.
	SiteURL string
	// Gone, when set, reports whether the client of r has gone away. A long
	// computation (clvfit) polls it, with the request's context, and stops
	// when either says so. Natively the context is enough; the Worker, whose
	// requests carry no cancellable context, sets it (cmd/worker).
	Gone func(r *http.Request) bool
}

type handler struct {
	opts Options
}

// New returns the API handler. A POST body is bounded by its calculator's
// calc.Calculator.MaxBody.
func New(opts Options) http.Handler {
	opts.SiteURL = strings.TrimRight(opts.SiteURL, "/")
	return &handler{opts: opts}
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Access-Control-Allow-Origin", "*")
	hdr.Set("Vary", "Origin")
	hdr.Set("X-Content-Type-Options", "nosniff")
	if r.Method == http.MethodOptions {
		hdr.Set("Access-Control-Allow-Methods", "GET, POST, OPTIONS")
		hdr.Set("Access-Control-Allow-Headers", "Content-Type")
		hdr.Set("Access-Control-Max-Age", "86400")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	path := strings.TrimSuffix(r.URL.Path, "/")
	switch {
	case path == "/api/v1" || path == "/api":
		h.allow(w, r, h.list, http.MethodGet)
	case strings.HasPrefix(path, "/api/v1/"):
		name := strings.TrimPrefix(path, "/api/v1/")
		c, ok := calc.Lookup(name)
		if !ok {
			WriteError(w, calc.CodeUnknownCalc, calc.UnknownCalculator(name))
			return
		}
		if r.Method == http.MethodPost {
			h.run(w, r, c)
			return
		}
		h.allow(w, r, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, http.StatusOK, describe(c)) }, http.MethodGet, http.MethodPost)
	case path == "/oembed":
		h.allow(w, r, h.oembed, http.MethodGet)
	case path == "":
		http.Redirect(w, r, "/api/v1", http.StatusFound)
	default:
		WriteError(w, calc.CodeNotFound, "Nothing here: the API lives at /api/v1.")
	}
}

// allow serves GET (and HEAD) with fn and refuses other methods with 405.
func (h *handler) allow(w http.ResponseWriter, r *http.Request, fn http.HandlerFunc, methods ...string) {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		fn(w, r)
		return
	}
	w.Header().Set("Allow", strings.Join(append(methods, http.MethodOptions), ", "))
	WriteError(w, calc.CodeMethod, fmt.Sprintf("%s is not allowed here; use %s.", r.Method, strings.Join(methods, " or ")))
}

// run answers POST /api/v1/NAME with the contract's statuses.
func (h *handler) run(w http.ResponseWriter, r *http.Request, c *calc.Calculator) {
	// Refuse by the declared length before reading, so an oversized upload
	// never reaches memory (a Worker has 128 MB).
	if r.ContentLength > c.MaxBody {
		WriteError(w, calc.CodeTooLarge, TooLarge(c))
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, c.MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			WriteError(w, calc.CodeTooLarge, TooLarge(c))
			return
		}
		WriteError(w, calc.CodeMalformedJSON, "The request body could not be read.")
		return
	}
	ctx := r.Context()
	res := calc.Run(c.Name, body, calc.Hooks{Cancelled: func() bool {
		return ctx.Err() != nil || (h.opts.Gone != nil && h.opts.Gone(r))
	}})
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(res.HTTPStatus())
	w.Write(res.JSON())
}

// TooLarge is the message of a 413 answer for calculator c: its limit and,
// for clvfit, where larger files go.
func TooLarge(c *calc.Calculator) string {
	msg := fmt.Sprintf("The request is larger than the %s calculator takes through the API: %s (%d bytes).", c.Name, sizeWords(c.MaxBody), c.MaxBody)
	if c.Field("transactions_csv") != nil {
		msg += " Larger transaction files belong in the command line (roikit " + c.Name + " --transactions FILE) or the calculator page (/calculators/" + c.Name +
			"/), which read files of any size on your own machine; or summarise them first with the warehouse SQL of the docs and send the summary."
	}
	return msg
}

// sizeWords writes a byte count as "8 KB" or "2 MB" (binary units).
func sizeWords(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", n>>10)
}

// calculatorDoc is one calculator in the API listing.
type calculatorDoc struct {
	Name        string         `json:"name"`
	Title       string         `json:"title"`
	Description string         `json:"description"`
	Endpoint    string         `json:"endpoint"`
	Fields      []calc.Field   `json:"fields"`
	Outputs     []calc.Output  `json:"outputs"`
	Schema      map[string]any `json:"schema"`
	MaxBody     int64          `json:"max_body_bytes"`
}

func describe(c *calc.Calculator) calculatorDoc {
	return calculatorDoc{Name: c.Name, Title: c.Title, Description: c.Description,
		Endpoint: "/api/v1/" + c.Name, Fields: c.Fields, Outputs: c.Outputs, Schema: c.JSONSchema(), MaxBody: c.MaxBody}
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	docs := make([]calculatorDoc, 0, len(calc.Calculators()))
	for _, c := range calc.Calculators() {
		docs = append(docs, describe(c))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"version":     "v1",
		"contract":    "Send one JSON object to POST /api/v1/NAME. 200: outputs and warnings; 422: {errors: [{field, code, message}]}; 400: malformed JSON; 413: body larger than the calculator's max_body_bytes.",
		"calculators": docs,
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		WriteError(w, calc.CodeInternal, "The answer could not be written.")
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(code)
	w.Write(b)
}

// WriteError answers with the contract's errors body for one problem with
// the request as a whole, at the HTTP status of its code (calc.ErrorCodes).
// The API and the Worker write every error answer through it.
func WriteError(w http.ResponseWriter, code, message string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(calc.HTTPStatus(code))
	w.Write(calc.ErrorJSON(code, message))
}
