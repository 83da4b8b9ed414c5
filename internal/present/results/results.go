// Package results holds each calculator's results template, NAME.html: the
// plain-words headline and the key outputs its widget shows (site/FRONTEND.md,
// "Results templates and values"). They are part of each calculator's
// presentation (internal/present names them); they live in their own
// package so that the browser's WebAssembly module, which imports
// internal/present for the charts' titles, does not carry them.
package results

import "embed"

// Templates holds NAME.html for every calculator.
//
//go:embed *.html
var Templates embed.FS
