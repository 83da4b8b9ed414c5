//go:build !(js && wasm)

package main

import "os"

// envOr reads an environment variable.
func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
