// Command roikit runs the roikit calculators from the command line, builds
// the static site and serves it locally. See package internal/cli.
package main

import (
	"os"

	"github.com/roikit/roikit/internal/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
