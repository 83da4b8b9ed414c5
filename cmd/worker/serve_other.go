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
