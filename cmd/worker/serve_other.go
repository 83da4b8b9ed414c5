//go:build !(js && wasm)

package main

import (
	"net/http"

	"github.com/syumai/workers"
)

// serve serves h on PORT (9900), for debugging.
func serve(h http.Handler) {
	workers.Serve(h)
}

// gone is nil natively: a request's context says when its client has gone.
var gone func(*http.Request) bool
