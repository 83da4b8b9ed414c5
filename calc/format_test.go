package calc

import "testing"

func TestFormatCount(t *testing.T) {
	for _, c := range []struct {
		v    float64
		want string
	}{
		{0, "0"}, {-0.4, "0"}, {999, "999"}, {999.5, "1,000"}, {1234567.4, "1,234,567"},
		{-123, "-123"}, {-1234, "-1,234"}, {1e20, "100,000,000,000,000,000,000"},
	} {
		if got := FormatCount(c.v); got != c.want {
			t.Errorf("FormatCount(%v) = %q, want %q", c.v, got, c.want)
		}
	}
	for in, want := range map[string]string{"": "", "7": "7", "123": "123", "1234": "1,234", "123456": "123,456", "1234567": "1,234,567"} {
		if got := GroupDigits(in); got != want {
			t.Errorf("GroupDigits(%q) = %q, want %q", in, got, want)
		}
	}
}
