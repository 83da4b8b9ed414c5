// Command hello is a small Go program for wasmdata's test: its module has
// the Go linker's data layout (many segments) without roikit's size.
package main

import (
	"fmt"
	"strings"
)

var table = map[string]int{"one": 1, "two": 2, "three": 3}

func main() {
	fmt.Println(strings.Repeat("hello ", table["two"]))
}
