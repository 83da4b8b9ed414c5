package present

import (
	"testing"

	"github.com/roikit/roikit/calc"
)

func TestNumber(t *testing.T) {
	tests := []struct {
		v    float64
		unit string
		want string
	}{
		{0.055, "fraction", "5.5 %"},
		{31234, "count", "31,234"},
		{-6338.958, "currency", "-6,338.96"},
		{1234567.891, "currency", "1,234,567.89"},
		{0.00000601, "number", "6.01e-06"},
		{2.3839951, "number", "2.384"},
	}
	for _, tt := range tests {
		if got := Number(tt.v, calc.Unit(tt.unit)); got != tt.want {
			t.Errorf("Number(%v, %s) = %q, want %q", tt.v, tt.unit, got, tt.want)
		}
	}
}
