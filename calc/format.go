package calc

import (
	"math"
	"strconv"
	"strings"
)

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
		s := groupThousands(math.Abs(math.Round(x)))
		if x < 0 {
			s = "-" + s
		}
		return s
	}
	s := strconv.FormatFloat(x, 'g', 4, 64)
	if strings.ContainsAny(s, "e") {
		s = strconv.FormatFloat(x, 'f', -1, 64)
	}
	return s
}
