package site

import (
	"encoding/json"
	"testing"
)

// TestFormatNumber checks each format against what en-US
// Intl.NumberFormat writes (the browser's side of the contract, site/js):
// the expected strings were checked with node's Intl.NumberFormat, e.g.
// new Intl.NumberFormat("en-US", {maximumFractionDigits: 0}).format(31234.5)
// -> "31,235", {maximumSignificantDigits: 3} of 999.96 -> "1,000".
func TestFormatNumber(t *testing.T) {
	tests := []struct {
		x      float64
		format string
		want   string
	}{
		{31234.4, "int", "31,234"},
		// The worded formats; the same table is in site/js/format.test.js.
		{0.0321, "pvalue", "p = 0.0321"},
		{0.802, "pvalue", "p = 0.802"},
		{0.0001, "pvalue", "p = 0.0001"},
		{0.00009, "pvalue", "p < 0.0001"},
		{0.068, "change1", "6.8% higher"},
		{-0.068, "change1", "6.8% lower"},
		{-0.0004, "change1", "no different"},
		{0.005, "points", "+0.50 points"},
		{-0.0123, "points", "-1.23 points"},
		{0.00001, "points", "0.00 points"},
		{1, "days", "1 day"},
		{12, "days", "12 days"},
		{1234, "days", "1,234 days"},
		{1, "weeks", "1 week"},
		{0, "months", "0 months"},
		{31234.5, "int", "31,235"}, // halfExpand
		{-2.5, "int", "-3"},
		{-0.2, "int", "0"}, // Intl writes "-0" unless signDisplay: "negative"; the contract never shows "-0"
		{1234567.891, "dec1", "1,234,567.9"},
		{1.25, "dec1", "1.3"},
		{0.005000000000000001, "dec2", "0.01"},
		{2.5, "dec3", "2.500"},
		{0.05, "pct", "5%"},
		{0.052, "pct1", "5.2%"},
		{0.10000000000000002, "pct1", "10.0%"},
		{0.0123456, "pct2", "1.23%"},
		{-0.01, "pct1", "-1.0%"},
		{4.5, "money", "$4.50"},
		{96, "money", "$96"},     // whole amounts drop ".00" (issue 16)
		{95.999, "money", "$96"}, // rounds to a whole amount
		{-0.004, "money", "$0"},  // no "-$0"
		{0.5, "money", "$0.50"},
		{99.994, "money", "$99.99"},
		{100, "money", "$100"},
		{-1234.4, "money", "-$1,234"},
		{239.99999999999997, "money", "$240"},
		{351234, "k", "$351k"},
		{1234567, "k", "$1.2M"},
		{-35000, "k", "-$35k"},
		{185657.75779096212, "k", "$186k"},
		{999.5, "k", "$1,000"}, // below 1e3: money, per the contract
		{45.5, "k", "$45.50"},
		{0.012345, "sig3", "0.0123"},
		{1234.5, "sig3", "1,230"},
		{0.01712582887219502, "sig3", "0.0171"},
		{0.000006015578358611082, "sig3", "0.00000602"},
		{999.96, "sig3", "1,000"},
		{1234.5, "plain", "1,235"},
		{0.1, "plain", "0.1"},
		{2.5, "plain", "2.5"},
		{0, "plain", "0"},
		{5.000000000000001, "plain", "5"},
	}
	for _, tt := range tests {
		if got := FormatNumber(tt.x, tt.format); got != tt.want {
			t.Errorf("FormatNumber(%v, %s) = %q, want %q", tt.x, tt.format, got, tt.want)
		}
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v      any
		format string
		want   string
	}{
		{json.Number("31234"), "int", "31,234"},
		{nil, "int", "—"},
		{"2026-11-22", "date", "2026-11-22"},
		{true, "plain", "yes"},
		{false, "plain", "no"},
	}
	for _, tt := range tests {
		got, err := FormatValue(tt.v, tt.format)
		if err != nil || got != tt.want {
			t.Errorf("FormatValue(%v, %s) = %q, %v; want %q", tt.v, tt.format, got, err, tt.want)
		}
	}
	if _, err := FormatValue(json.Number("1"), "percent"); err == nil {
		t.Error("an unknown format is an error")
	}
	if _, err := FormatValue([]any{1}, "int"); err == nil {
		t.Error("a list is not a value")
	}
}

// TestPercentHelp: a form showing percentages never tells the reader to type
// a fraction.
func TestPercentHelp(t *testing.T) {
	tests := []struct{ in, want string }{
		{"The control group's conversion rate today, as a fraction: 0.05 for 5 %.", "The control group's conversion rate today: enter 5 for 5 %."},
		{"The chance of detecting the effect if it is real: 0.8 means 80 %.", "The chance of detecting the effect if it is real: 80 means 80 %."},
		{"The share of eligible visitors who enter the test: 1 means all of them.", "The share of eligible visitors who enter the test: 100 means all of them."},
		{"The share of revenue you keep after the cost of goods: 0.6 for 60 %. Leave at 1 for a revenue-based value.", "The share of revenue you keep after the cost of goods: enter 60 for 60 %. Leave at 100 for a revenue-based value."},
		{"Forrester's method: 0.1 cuts every benefit by 10 %.", "Forrester's method: 10 cuts every benefit by 10 %."},
		{"A lift you are 95 % sure to beat (the 5th percentile).", "A lift you are 95 % sure to beat (the 5th percentile)."},
		{"relative to today: 0.05 means +5 % (a 2 % rate becomes 2.1 %). May be negative.", "relative to today: 5 means +5 % (a 2 % rate becomes 2.1 %). May be negative."},
	}
	for _, tt := range tests {
		if got := percentHelp(tt.in); got != tt.want {
			t.Errorf("percentHelp(%q)\n = %q\nwant %q", tt.in, got, tt.want)
		}
	}
}
