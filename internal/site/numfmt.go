package site

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/roikit/roikit/calc"
)

// Formats lists the value formats of the page contract (site/FRONTEND.md), shared
// with site/js/format.js. The build renders them in en-US with US dollars.
var Formats = []string{"int", "dec1", "dec2", "dec3", "pct", "pct1", "pct2", "money", "k", "sig3", "plain", "date",
	"pvalue", "change1", "points", "days", "weeks", "months"}

// validFormat reports whether f is one of Formats.
func validFormat(f string) bool {
	for _, x := range Formats {
		if x == f {
			return true
		}
	}
	return false
}

// nullText is shown for a null value (usually hidden by data-if).
const nullText = "—"

// FormatValue writes a JSON value (as decoded with UseNumber: json.Number,
// string, bool, nil, or a composite) in the given format, en-US and USD:
//
//	int        rounded, thousands grouped: 31234.4 -> "31,234"
//	dec1..3    fixed decimals, grouped: 1.25 -> "1.3" (dec1)
//	pct..pct2  x100 with 0..2 decimals and "%": 0.052 -> "5.2%" (pct1)
//	money      "$" with 0 decimals when |x| >= 100, else 2 unless the cents
//	           round to 00: "-$1,234", "$4.50", "$96" (not "$96.00")
//	k          compact money: >= 1e6 "$1.2M", >= 1e3 "$351k", else money
//	sig3       3 significant digits: 0.012345 -> "0.0123"
//	plain      up to 4 significant digits, grouped: 1234.5 -> "1,235"
//	date       the string as is
//	pvalue     a p-value with its name: "p = 0.0321", "p < 0.0001" below 0.0001
//	change1    a relative change in words: 0.068 -> "6.8% higher", -0.068 -> "6.8% lower",
//	           "no different" when it rounds to 0.0%
//	points     a difference of two rates in percentage points, signed, 2 decimals:
//	           0.005 -> "+0.50 points"
//	days, weeks, months  a whole count with its noun, singular for 1: "1 day", "12 days"
//
// A string or bool is written as is (any format); null gives "—". A number
// that is not finite never reaches here (the core rejects it), but gives "—"
// rather than "NaN".
func FormatValue(v any, format string) (string, error) {
	if !validFormat(format) {
		return "", fmt.Errorf("unknown format %q (the formats are %s)", format, strings.Join(Formats, ", "))
	}
	switch x := v.(type) {
	case nil:
		return nullText, nil
	case string:
		return x, nil
	case bool:
		if x {
			return "yes", nil
		}
		return "no", nil
	case json.Number:
		f, err := x.Float64()
		if err != nil {
			return "", fmt.Errorf("value %s is not a number", x)
		}
		return FormatNumber(f, format), nil
	case float64:
		return FormatNumber(x, format), nil
	case int:
		return FormatNumber(float64(x), format), nil
	}
	return "", fmt.Errorf("value of type %T cannot be shown as text: point at one of its elements", v)
}

// FormatNumber writes a finite number in one of Formats (see FormatValue).
func FormatNumber(x float64, format string) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return nullText
	}
	switch format {
	case "int":
		return fixed(x, 0)
	case "dec1":
		return fixed(x, 1)
	case "dec2":
		return fixed(x, 2)
	case "dec3":
		return fixed(x, 3)
	case "pct":
		return fixed(x*100, 0) + "%"
	case "pct1":
		return fixed(x*100, 1) + "%"
	case "pct2":
		return fixed(x*100, 2) + "%"
	case "money":
		return money(x)
	case "k":
		ax := math.Abs(x)
		sign := ""
		if x < 0 {
			sign = "-"
		}
		switch {
		case ax >= 1e6:
			return sign + "$" + fixed(ax/1e6, 1) + "M"
		case ax >= 1e3:
			s := fixed(ax/1e3, 0)
			if s == "1,000" { // 999,600 rounds to 1,000k: write 1.0M as Intl does
				return sign + "$1.0M"
			}
			return sign + "$" + s + "k"
		}
		return money(x)
	case "sig3":
		return significant(x, 3)
	case "date":
		return strconv.FormatFloat(x, 'f', -1, 64)
	case "pvalue":
		if x < pFloor {
			return "p < " + strconv.FormatFloat(pFloor, 'f', -1, 64)
		}
		return "p = " + significant(x, 3)
	case "change1":
		s := fixed(math.Abs(x)*100, 1)
		switch {
		case s == fixed(0, 1):
			return "no different"
		case x < 0:
			return s + "% lower"
		}
		return s + "% higher"
	case "points":
		s := fixed(math.Abs(x)*100, 2)
		switch {
		case s == fixed(0, 2):
			return "0.00 points"
		case x < 0:
			return "-" + s + " points"
		}
		return "+" + s + " points"
	case "days", "weeks", "months":
		n := fixed(x, 0)
		if n == "1" {
			return n + " " + strings.TrimSuffix(format, "s")
		}
		return n + " " + format
	}
	return significant(x, 4) // plain
}

// pFloor is the smallest p-value written as a number: below it, "p < 0.0001"
// (more digits would only say how far into the tail the normal
// approximation is read, which it cannot do reliably).
const pFloor = 0.0001

// money writes US dollars: no decimals from $100 up, else cents, except for a
// whole amount: $96, not $96.00 (a guide's prose writes "$96 a customer").
func money(x float64) string {
	d := 2
	if math.Abs(x) >= 100 || strings.HasSuffix(fixed(x, 2), ".00") {
		d = 0
	}
	s := fixed(math.Abs(x), d)
	if x < 0 && s != fixed(0, d) {
		return "-$" + s
	}
	return "$" + s
}

// significant writes x with at most n significant digits, as
// Intl.NumberFormat's maximumSignificantDigits does (grouped, no exponent).
func significant(x float64, n int) string {
	if x == 0 {
		return "0"
	}
	e := int(math.Floor(math.Log10(math.Abs(x))))
	d := n - 1 - e
	p := math.Pow(10, float64(d))
	r := math.Round(x*p) / p                                    // half away from zero, as Intl's halfExpand
	if r != 0 && int(math.Floor(math.Log10(math.Abs(r)))) > e { // 999.95 -> 1000: one digit fewer
		d--
	}
	s := fixed(r, max(d, 0))
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return s
}

// fixed writes x rounded to d decimals (half away from zero, as Intl does),
// with comma thousands separators and no "-0".
func fixed(x float64, d int) string {
	p := math.Pow(10, float64(d))
	r := math.Round(x*p) / p
	if math.Abs(x*p) >= 1e15 { // beyond exact integers: no rounding trick
		r = x
	}
	s := strconv.FormatFloat(math.Abs(r), 'f', d, 64)
	intPart, frac := s, ""
	if i := strings.IndexByte(s, '.'); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	sign := ""
	if r < 0 {
		sign = "-"
	}
	return sign + calc.GroupDigits(intPart) + frac
}
