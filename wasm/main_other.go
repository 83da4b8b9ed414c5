//go:build !(js && wasm)

package main

import "os"

// main explains how to build the module: natively it does nothing else.
func main() {
	os.Stderr.WriteString("roikit's WebAssembly module: build it with GOOS=js GOARCH=wasm go build ./wasm (make wasm)\n")
	os.Exit(2)
}
