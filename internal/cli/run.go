package cli

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/roikit/roikit/calc"
)

// maxRequestBytes bounds a request read by `roikit run`: a CSV of several
// million transactions fits.
const maxRequestBytes = 1 << 30

// runJSON implements `roikit run NAME [--input FILE]`.
func runJSON(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	fs.SetOutput(stderr)
	input := fs.String("input", "", "read the request from `FILE` instead of standard input")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: roikit run NAME [--input FILE]")
		fmt.Fprintln(stderr, "Reads one JSON request and prints the JSON response. Calculators:", strings.Join(calc.Names(), ", "))
	}
	name, flagArgs := splitName(args)
	if err := fs.Parse(flagArgs); err != nil {
		return exitUsage
	}
	if name == "" && fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	if name == "" {
		fs.Usage()
		return exitUsage
	}
	if _, ok := calc.Lookup(name); !ok {
		fmt.Fprintf(stderr, "roikit: no calculator called %q. The calculators are %s.\n", name, strings.Join(calc.Names(), ", "))
		return exitUsage
	}
	var src io.Reader = stdin
	if *input != "" && *input != "-" {
		f, err := os.Open(*input)
		if err != nil {
			fmt.Fprintf(stderr, "roikit: cannot read the request: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		src = f
	}
	request, err := io.ReadAll(io.LimitReader(src, maxRequestBytes+1))
	if err != nil {
		fmt.Fprintf(stderr, "roikit: cannot read the request: %v\n", err)
		return exitUsage
	}
	if len(request) > maxRequestBytes {
		fmt.Fprintf(stderr, "roikit: the request is larger than %d MiB.\n", maxRequestBytes>>20)
		return exitUsage
	}
	resp, status := calc.RunJSON(name, request)
	stdout.Write(indentJSON(resp))
	fmt.Fprintln(stdout)
	if status == calc.StatusOK {
		return exitOK
	}
	return exitInvalid
}

// splitName takes a leading calculator name off args, so both
// `run NAME --input f` and `run --input f NAME` work.
func splitName(args []string) (string, []string) {
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		return args[0], args[1:]
	}
	return "", args
}

// indentJSON pretty-prints a response for people; the bytes stay valid JSON.
func indentJSON(b []byte) []byte {
	var out bytes.Buffer
	if err := jsonIndent(&out, b); err != nil {
		return b
	}
	return out.Bytes()
}
