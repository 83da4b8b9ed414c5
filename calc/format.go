package calc

import (
	"math"
	"strconv"
	"strings"
)

// FormatCount writes v rounded to a whole number with a comma between
// thousands: 1234567.4 -> "1,234,567", -1234 -> "-1,234". Numbers beyond
// int64 are written in full (1e20 -> "100,000,000,000,000,000,000").
func FormatCount(v float64) string { return FormatFixed(math.Round(v), 0) }

// FormatFixed writes v with the given decimals and a comma between
// thousands: 1234.5, 2 -> "1,234.50"; a value that rounds to zero has no
// sign ("-0.001", 2 -> "0.00").
func FormatFixed(v float64, decimals int) string {
	s := strconv.FormatFloat(math.Abs(v), 'f', decimals, 64)
	whole, frac, _ := strings.Cut(s, ".")
	out := GroupDigits(whole)
	if frac != "" {
		out += "." + frac
	}
	if v < 0 && strings.Trim(s, "0.") != "" {
		out = "-" + out
	}
	return out
}

// GroupDigits puts a comma between the thousands of a run of decimal digits
// (the whole part of a number, without its sign): "1234567" -> "1,234,567".
func GroupDigits(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// formatShare writes a fraction as a percentage for messages: 0.05 -> "5 %".
func formatShare(x float64) string {
	return formatNumber(x*100) + " %"
}

// formatNumber writes a number briefly for messages: up to 4 significant
// digits, thousands grouped, no exponent for everyday magnitudes.
func formatNumber(x float64) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return "an undefined value"
	}
	ax := math.Abs(x)
	if ax >= 1e15 || (ax > 0 && ax < 1e-6) {
		return strconv.FormatFloat(x, 'g', 4, 64)
	}
	if ax >= 1000 {
		return FormatCount(x)
	}
	s := strconv.FormatFloat(x, 'g', 4, 64)
	if strings.ContainsAny(s, "e") {
		s = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return s
}
