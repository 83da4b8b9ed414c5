//go:build js && wasm

package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"runtime/debug"
	"syscall/js"
	"time"

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
	workers.ServeNonBlock(recoverer(withTurn(h)))
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

// yieldEvery is how many polls of gone pass between two turns of the
// JavaScript event loop: a clvfit of the API's largest body polls about 100
// times over about a second in workerd, and a turn costs a timer of a
// millisecond.
const yieldEvery = 2

var polls int

// turnKey is the request context's key of the request's turn id.
type turnKey struct{}

// withTurn gives each request's context its turn id in worker.mjs (which
// runs one request at a time, so the current turn is the request's when it
// enters Go).
func withTurn(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := ""
		if f := js.Global().Get("roikitTurn"); f.Type() == js.TypeFunction {
			id = f.Invoke().String()
		}
		h.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), turnKey{}, id)))
	})
}

// gone is the API's Options.Gone in the Worker: whether the client of the
// request being served has gone away (worker.mjs's roikitGone reads the
// request's AbortSignal by its turn id).
// A computation runs without returning to JavaScript, so nothing else would
// happen in the isolate meanwhile: every yieldEvery-th poll it first sleeps
// a millisecond, which hands the event loop a turn (Go's js/wasm scheduler
// waits for a timer when no goroutine can run) in which workerd accepts
// other requests and marks a disconnected one aborted.
func gone(r *http.Request) bool {
	if polls++; polls%yieldEvery == 0 {
		time.Sleep(time.Millisecond)
	}
	f := js.Global().Get("roikitGone")
	id, _ := r.Context().Value(turnKey{}).(string)
	return f.Type() == js.TypeFunction && f.Invoke(id).Bool()
}
