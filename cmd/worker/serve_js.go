//go:build js && wasm

package main

import (
	"fmt"
	"net/http"
	"os"
	"runtime/debug"
	"syscall/js"

	"github.com/syumai/workers"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/api"
)

// serve registers h and keeps this Go program running, so that one program
// serves every request of the Worker's isolate (worker.mjs starts it once).
// workers.Serve would return after the first response, and the worker.mjs
// that syumai/workers generates starts a new program, runtime and package
// inits included, for every request.
func serve(h http.Handler) {
	workers.ServeNonBlock(recoverer(h))
	workers.Ready()
	select {}
}

// recoverer answers 500 for a request whose handler panics, so that one bad
// request does not end the program that the isolate's other requests share.
func recoverer(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				fmt.Fprintf(os.Stderr, "panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				api.WriteError(w, calc.CodeInternal, "The calculation failed unexpectedly.")
			}
		}()
		h.ServeHTTP(w, r)
	})
}

// gone is the API's Options.Gone in the Worker: whether the client of the
// request being served has gone away (worker.mjs's roikitGone reads the
// request's AbortSignal). workerd marks a request aborted only while
// JavaScript waits, such as while the body is read, not during a
// computation, which runs without returning to JavaScript; a fit whose
// client left during its upload or its wait in the queue therefore stops at
// its first poll. The Go program does not yield to JavaScript within a
// computation: a timer it set there belongs to the request's context, which
// workerd cancels with the request, and the program would never wake. The
// API's body limit for clvfit bounds a computation instead.
func gone(*http.Request) bool {
	f := js.Global().Get("roikitGone")
	return f.Type() == js.TypeFunction && f.Invoke().Bool()
}
