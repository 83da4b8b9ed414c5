// Package cli is the roikit command line: a library function Run over the
// calc core, so the command can be tested without a process.
//
//	roikit run NAME [--input FILE]     request JSON in, response JSON out
//	roikit NAME [--field value ...]    the same with flags, printed for people
//	roikit help [NAME]                 every calculator, or every field of one
//	roikit build                       the static site into public/
//	roikit serve                       serve public/ with the production headers
//
// Exit status: 0 success, 1 invalid input (the errors are still printed), 2
// usage errors (unknown command or calculator, unreadable file).
package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/roikit/roikit/calc"
)

// Exit statuses.
const (
	exitOK      = 0
	exitInvalid = 1
	exitUsage   = 2
)

// Version is the program's version, set at build time with -ldflags.
var Version = "dev"

// Run executes the command line args (without the program name) and returns
// the exit status.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		writeUsage(stderr)
		return exitUsage
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "run":
		return runJSON(rest, stdin, stdout, stderr)
	case "help", "-h", "--help", "-help":
		if len(rest) > 0 {
			c, ok := calc.Lookup(rest[0])
			if !ok {
				fmt.Fprintf(stderr, "roikit: no calculator called %q. The calculators are %s.\n", rest[0], strings.Join(calc.Names(), ", "))
				return exitUsage
			}
			writeCalculatorHelp(stdout, c)
			return exitOK
		}
		writeUsage(stdout)
		return exitOK
	case "version", "--version":
		fmt.Fprintln(stdout, "roikit", Version)
		return exitOK
	case "build":
		return build(rest, stdout, stderr)
	case "serve":
		return serveSite(rest, stdout, stderr)
	}
	if cmd == "clvfit" { // streams its CSV from a file (internal/cli/clvfit.go)
		return runCLVFit(rest, stdin, stdout, stderr)
	}
	if cmd == "prioritize" { // reads its ideas from a CSV file (internal/cli/prioritize.go)
		return runPrioritize(rest, stdin, stdout, stderr)
	}
	if c, ok := calc.Lookup(cmd); ok {
		return runFriendly(c, rest, stdin, stdout, stderr)
	}
	fmt.Fprintf(stderr, "roikit: unknown command %q.\n\n", cmd)
	writeUsage(stderr)
	return exitUsage
}

func writeUsage(w io.Writer) {
	fmt.Fprint(w, `roikit: calculators for the ROI of personalization.

Usage:
  roikit run NAME [--input FILE]    read a JSON request (standard input or FILE), print the JSON response
  roikit NAME [--field value ...]   run a calculator with flags and print a readable summary (--json for JSON)
  roikit help NAME                  list a calculator's fields with defaults, units and meaning
  roikit build [--out DIR]          build the static site into public/
  roikit serve [--addr HOST:PORT]   serve the built site with the production headers
  roikit version

Calculators:
`)
	for _, c := range calc.Calculators() {
		fmt.Fprintf(w, "  %-13s %s\n", c.Name, c.Description)
	}
	fmt.Fprint(w, `
Example:
  roikit samplesize --baseline-rate 0.05 --mde 0.1 --daily-visitors 5000
  echo '{"baseline_rate": 0.05, "mde": 0.1}' | roikit run samplesize

Exit status: 0 success, 1 invalid input (errors printed as JSON), 2 usage error.
`)
}
