//go:build js && wasm

package main

import "github.com/syumai/workers/cloudflare"

// envOr reads a Worker variable (wrangler.toml [vars]).
func envOr(key, fallback string) string {
	if v := cloudflare.Getenv(key); v != "" {
		return v
	}
	return fallback
}
