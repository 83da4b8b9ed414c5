// Command calconly is the baseline of the size measurement: a WASM module
// that runs the calculators and nothing else.
package main

import (
	"os"

	"github.com/roikit/roikit/calc"
)

func main() {
	out, _ := calc.RunJSON(os.Args[1], []byte(os.Args[2]))
	os.Stdout.Write(out)
}
