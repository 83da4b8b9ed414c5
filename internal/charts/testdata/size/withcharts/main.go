// Command withcharts is calconly plus the charts: the difference is what
// internal/charts adds to the browser's WASM module.
package main

import (
	"encoding/json"
	"os"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/charts"
)

func main() {
	res := calc.Run(os.Args[1], []byte(os.Args[2]), calc.Hooks{})
	c, _ := charts.Build(res)
	b, _ := json.Marshal(c)
	os.Stdout.Write(b)
}
