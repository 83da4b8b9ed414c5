package calc

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// unknownKeys is a request of n unknown fields {"k0":1,"k1":1,...}: the
// amplification of issue 15 (one error per key, 16 MB out for 1 MB in).
func unknownKeys(n int) []byte {
	var b strings.Builder
	b.WriteString("{")
	for i := range n {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"k%d":1`, i)
	}
	b.WriteString("}")
	return []byte(b.String())
}

// TestErrorListIsCut: however many problems a request has, the errors list
// holds at most MaxErrors of them and one last entry saying what was left
// out; decoding stops after maxUnknownFields unknown fields.
func TestErrorListIsCut(t *testing.T) {
	for _, tt := range []struct {
		name, calc string
		request    []byte
		wantLast   string // in the last entry's message
	}{
		{"few unknown", "samplesize", unknownKeys(3), ""},
		{"exactly the cap", "samplesize", append([]byte(`{"baseline_rate":0.05,"mde":0.1,`), unknownKeys(MaxErrors)[1:]...), ""},
		{"100,000 unknown", "samplesize", unknownKeys(100_000), "was not read"},
		{"unknown and missing", "samplesize", unknownKeys(MaxErrors + 1), "was not read"},
		// 20 ideas each with four wrong fields: 80 problems, found after decoding.
		{"problems inside items", "prioritize", []byte(`{"monthly_visitors":1,"conversion_rate":0.5,"value_per_conversion":1,"ideas":[` +
			strings.TrimSuffix(strings.Repeat(`{"name":"","expected_lift":"x","lift_low":null,"one_time_cost":-1},`, 20), ",") + `]}`), "more problems, not listed"},
	} {
		res := Run(tt.calc, tt.request, Hooks{})
		errs := res.Errors
		if res.Status != StatusInvalid || len(errs) == 0 {
			t.Errorf("%s: status %d, %d errors", tt.name, res.Status, len(errs))
			continue
		}
		if len(errs) > MaxErrors+1 {
			t.Errorf("%s: %d errors, want at most %d", tt.name, len(errs), MaxErrors+1)
		}
		last := errs[len(errs)-1]
		switch {
		case tt.wantLast == "" && last.Code == CodeTooMany:
			t.Errorf("%s: a too_many_errors entry though nothing was left out: %+v", tt.name, last)
		case tt.wantLast != "" && (last.Code != CodeTooMany || !strings.Contains(last.Message, tt.wantLast)):
			t.Errorf("%s: last entry %+v, want code %s saying %q", tt.name, last, CodeTooMany, tt.wantLast)
		}
		if got := res.HTTPStatus(); got != 422 {
			t.Errorf("%s: HTTP %d, want 422", tt.name, got)
		}
		if n := len(res.JSON()); n > 16<<10 {
			t.Errorf("%s: the answer is %d bytes", tt.name, n)
		}
	}
}

// TestProblemsCount: the last entry counts the problems left out.
func TestProblemsCount(t *testing.T) {
	var p problems
	for i := range MaxErrors + 7 {
		p.add(fmt.Sprintf("f%d", i), CodeOutOfRange, "x")
	}
	errs := p.errors()
	if len(errs) != MaxErrors+1 || errs[MaxErrors].Message != "… and 7 more problems, not listed: fix the ones above first." {
		t.Errorf("%d errors, last %+v", len(errs), errs[len(errs)-1])
	}
}

// BenchmarkUnknownKeys: 100,000 unknown keys (about 1 MB) are refused
// after reading the first 21 (issue 15 measured 3.6 s and 16 MB out in
// workerd before the decoder stopped early).
func BenchmarkUnknownKeys(b *testing.B) {
	req := unknownKeys(100_000)
	for b.Loop() {
		Run("samplesize", req, Hooks{})
	}
}

// TestUnknownKeyEchoedShort: an error repeats a long unknown key cut to
// maxEchoedKey characters, so its size does not grow with the key.
func TestUnknownKeyEchoedShort(t *testing.T) {
	long := strings.Repeat("é", 500)
	out, _ := RunJSON("samplesize", []byte(`{"baseline_rate":0.05,"mde":0.1,"`+long+`":1}`))
	var resp struct {
		Errors []struct{ Field, Message string }
	}
	if err := json.Unmarshal(out, &resp); err != nil || len(resp.Errors) != 1 {
		t.Fatalf("%s: %v", out, err)
	}
	want := strings.Repeat("é", maxEchoedKey) + "…"
	if e := resp.Errors[0]; e.Field != want || !strings.Contains(e.Message, want) || len(e.Message) > 300 {
		t.Errorf("error %+v", e)
	}
}

// TestStoppedRequestNamesNoMissingField: fields after the point where
// reading stopped (too many unknown fields) are not called missing, and a
// problem past the cap is counted once per field.
func TestStoppedRequestNamesNoMissingField(t *testing.T) {
	var b strings.Builder
	b.WriteString("{")
	for i := range 25 {
		fmt.Fprintf(&b, `"k%d":1,`, i)
	}
	b.WriteString(`"baseline_rate":0.05,"mde":0.1}`)
	out, status := RunJSON("samplesize", []byte(b.String()))
	if status != StatusInvalid || strings.Contains(string(out), `"required"`) || !strings.Contains(string(out), CodeTooMany) {
		t.Errorf("status %v: %s", status, out)
	}
	var p problems
	for i := range MaxErrors + 3 {
		p.add(fmt.Sprintf("f%d", i), CodeOutOfRange, "x")
	}
	p.add("f21", CodeNull, "again") // a second problem of a field past the cap
	if p.more != 3 || !p.has("f21") {
		t.Errorf("more %d, has f21 %v", p.more, p.has("f21"))
	}
}
