package api

import (
	"bytes"
	"fmt"
	"net/http/httptest"
	"testing"

	"github.com/roikit/roikit/calc"
)

// fuzzBody builds a request body from the fuzzer's numbers: raw as it is
// (mode 0), or an object of keys unknown keys (mode 1) or of the
// calculator's own field names (mode 2), each holding raw as a string under
// depth levels of nesting ([[{"a": ...}]]), padded with spaces to size bytes.
func fuzzBody(c *calc.Calculator, raw []byte, mode uint8, keys, depth uint16, size uint32) []byte {
	if mode%3 == 0 {
		return raw
	}
	var b bytes.Buffer
	b.WriteString("{")
	for i := range int(keys % 4096) {
		if i > 0 {
			b.WriteString(",")
		}
		name := fmt.Sprintf("k%d", i)
		if mode%3 == 2 {
			name = c.Fields[i%len(c.Fields)].Name
		}
		fmt.Fprintf(&b, "%q:", name)
		d := int(depth % 2048)
		for j := range d {
			if j%2 == 0 {
				b.WriteString("[")
			} else {
				b.WriteString(`{"a":`)
			}
		}
		fmt.Fprintf(&b, "%q", raw)
		for j := d - 1; j >= 0; j-- {
			if j%2 == 0 {
				b.WriteString("]")
			} else {
				b.WriteString("}")
			}
		}
	}
	b.WriteString("}")
	if pad := int(size%(96<<10)) - b.Len(); pad > 0 {
		b.Write(bytes.Repeat([]byte(" "), pad))
	}
	return b.Bytes()
}

// FuzzHandler posts random bodies to every calculator through the API
// handler: raw bytes, many unknown keys, deep nesting, sizes around the
// limits. The handler must not panic, must answer one of the statuses of a
// POST (200, 400, 413, 422) with a JSON body, and the answer must stay
// small: the errors list is cut at 20 entries.
func FuzzHandler(f *testing.F) {
	f.Add(uint8(0), []byte(`{"baseline_rate":0.05,"mde":0.1}`), uint8(0), uint16(0), uint16(0), uint32(0))
	f.Add(uint8(0), []byte(`1`), uint8(1), uint16(3000), uint16(0), uint32(0))
	f.Add(uint8(1), []byte(`x`), uint8(1), uint16(2), uint16(1500), uint32(0))
	f.Add(uint8(5), []byte(`0.5`), uint8(2), uint16(40), uint16(3), uint32(70000))
	f.Add(uint8(4), []byte("customer_id,date\na,2024-01-01\n"), uint8(2), uint16(1), uint16(0), uint32(9000))
	f.Add(uint8(3), []byte(`{"a":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[`), uint8(0), uint16(0), uint16(0), uint32(0))
	h := New(Options{SiteURL: site})
	cs := calc.Calculators()
	f.Fuzz(func(t *testing.T, which uint8, raw []byte, mode uint8, keys, depth uint16, size uint32) {
		c := cs[int(which)%len(cs)]
		body := fuzzBody(c, raw, mode, keys, depth, size)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("POST", "/api/v1/"+c.Name, bytes.NewReader(body)))
		switch rec.Code {
		case 200, 400, 413, 422:
		default:
			t.Fatalf("%s, %d bytes: status %d %.300s", c.Name, len(body), rec.Code, rec.Body.String())
		}
		if rec.Code != 200 {
			if n := rec.Body.Len(); n > 16<<10 {
				t.Fatalf("%s, %d bytes: an error answer of %d bytes", c.Name, len(body), n)
			}
		} else if n := rec.Body.Len(); n > 64<<10+8*len(body) {
			t.Fatalf("%s, %d bytes: an answer of %d bytes", c.Name, len(body), n)
		}
		if !bytes.HasPrefix(rec.Body.Bytes(), []byte("{")) {
			t.Fatalf("%s: not a JSON object: %.200s", c.Name, rec.Body.String())
		}
	})
}
