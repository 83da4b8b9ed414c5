package calc

import (
	"errors"
	"fmt"
	"io"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// repeated is an endless stream of one byte.
type repeated byte

func (b repeated) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(b)
	}
	return len(p), nil
}

// stream is a generated file, read without holding it: text parts and
// runs of n copies of one byte. It fails the read once more than budget
// bytes have been read, so a reader that does not stop at its limit fails
// fast instead of reading gigabytes.
type stream struct {
	r      io.Reader
	budget int64
	read   int64
}

func newStream(budget int64, parts ...any) *stream {
	var rs []io.Reader
	for _, p := range parts {
		switch p := p.(type) {
		case string:
			rs = append(rs, strings.NewReader(p))
		case run:
			rs = append(rs, io.LimitReader(repeated(p.b), p.n))
		}
	}
	return &stream{r: io.MultiReader(rs...), budget: budget}
}

// run is n copies of b in a stream.
type run struct {
	b byte
	n int64
}

var errOverBudget = errors.New("read past the test's budget: the reader did not stop at its limit")

func (s *stream) Read(p []byte) (int, error) {
	if s.read > s.budget {
		return 0, errOverBudget
	}
	n, err := s.r.Read(p)
	s.read += int64(n)
	return n, err
}

// allocated runs f and returns the bytes it allocated.
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// TestCSVLineLimits: a line of 3 GB (zero bytes, as in a binary file) or
// two customer ids of 200 MB stop at the 1 MB line limit with an error
// naming the line, after reading and allocating a few MB, not gigabytes
// (before the limit, the CLI grew to 14.8 GB on the first and 1.44 GB on
// the second, issue 15).
func TestCSVLineLimits(t *testing.T) {
	const mb = 1 << 20
	tests := []struct {
		name string
		file func() *stream
		want []string
	}{
		{"3 GB of zero bytes", func() *stream {
			return newStream(64*mb, "customer_id,date\n1,2024-03-01\n", run{0, 3 << 30}, "\n")
		}, []string{"line 3 is longer than 1 MB", "1,048,576 bytes"}},
		{"two 200 MB ids", func() *stream {
			return newStream(64*mb, "customer_id,date\n", run{'a', 200 * mb}, ",2024-03-01\n", run{'b', 200 * mb}, ",2024-03-02\n")
		}, []string{"line 2 is longer than 1 MB"}},
		{"a quote never closed", func() *stream {
			return newStream(64*mb, "customer_id,date\n1,\"", run{'\n', 3 << 30})
		}, []string{"a row running to line", "longer than 1 MB", "closing quote"}},
		{"summary: a line of 3 GB", func() *stream {
			return newStream(64*mb, "frequency,recency,T\n", run{'7', 3 << 30})
		}, []string{"The summary file could not be read: line 2 is longer than 1 MB"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			s := tt.file()
			summary := strings.HasPrefix(tt.name, "summary")
			alloc := allocated(func() {
				if summary {
					_, _, err = readSummary(s, "", Hooks{})
				} else {
					_, err = readTransactions(s, txOptions{cols: txColumns{"customer_id", "date", "amount"}, dates: dateAuto, decimal: decimalAuto}, Hooks{})
				}
			})
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
			// The line's megabyte, the reader's buffers and their growth:
			// a few times the limit, whatever the file's size.
			if alloc > 16*mb || s.read > 4*mb {
				t.Errorf("allocated %d MB and read %d MB, want at most 16 and 4", alloc/mb, s.read/mb)
			}
			t.Logf("allocated %.1f MB, read %.1f MB", float64(alloc)/mb, float64(s.read)/mb)
		})
	}
}

// TestCustomerIDs: an id of up to 1,000 characters is read, a longer one
// leaves its row out with a reason naming the limit; and the customers
// keep only their ids, not the rows they came in (a 500 KB note column
// beside each id must not stay in memory).
func TestCustomerIDs(t *testing.T) {
	opt := txOptions{cols: txColumns{"customer_id", "date", "amount"}, dates: dateAuto, decimal: decimalAuto}
	long := strings.Repeat("é", 1000) // 1,000 characters, 2,000 bytes
	file := "customer_id,date\n" + long + ",2024-03-01\n" + long + "x,2024-03-02\n" + strings.Repeat("1,2024-03-03\n", 20)
	log, err := readTransactions(strings.NewReader(file), opt, Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.customers) != 2 || log.customers[0].id != long {
		t.Errorf("customers %d, first id of %d bytes; want 2, the 1,000-character id", len(log.customers), len(log.customers[0].id))
	}
	want := []CLVFitSkippedRow{{Line: 3, Reason: "the customer id is 1,001 characters long; ids may be at most 1,000"}}
	if log.skipped == nil || !reflect.DeepEqual(log.skipped.Rows, want) {
		t.Errorf("skipped %+v, want %+v", log.skipped, want)
	}
	_, err = readTransactions(strings.NewReader(file), txOptions{cols: opt.cols, dates: dateAuto, decimal: decimalAuto, strict: true}, Hooks{})
	if err == nil || !strings.Contains(err.Error(), "line 3: the customer id is 1,001 characters long; ids may be at most 1,000") {
		t.Errorf("strict: %v", err)
	}
	_, _, err = readSummary(strings.NewReader("id,frequency,recency,T\n"+long+"x,1,2,3\n"), "", Hooks{})
	if err == nil || !strings.Contains(err.Error(), "line 2: the customer id is 1,001 characters long") {
		t.Errorf("summary: %v", err)
	}

	// 64 customers, each with a 500 KB note: 32 MB of rows, a few KB of ids.
	var b strings.Builder
	b.WriteString("customer_id,note,date\n")
	note := strings.Repeat("n", 500<<10)
	for i := range 64 {
		fmt.Fprintf(&b, "c%d,%s,2024-03-01\nc%d,x,2024-03-08\n", i, note, i)
	}
	text := b.String()
	var before runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	end := &atEOF{r: strings.NewReader(text)}
	if _, err = readTransactions(end, txOptions{cols: txColumns{"customer_id", "date", ""}, dates: dateAuto, decimal: decimalAuto}, Hooks{}); err != nil {
		t.Fatal(err)
	}
	held := int64(end.heap) - int64(before.HeapAlloc)
	if held > 4<<20 {
		t.Errorf("64 customers hold %d MB at the end of the file; want under 4 MB (the ids, not their rows)", held>>20)
	}
	runtime.KeepAlive(text)
}

// atEOF is a reader that measures the live heap when it reaches the end:
// what the file's reader holds at its largest, its rows all read.
type atEOF struct {
	r    io.Reader
	heap uint64
}

func (a *atEOF) Read(p []byte) (int, error) {
	n, err := a.r.Read(p)
	if err == io.EOF && a.heap == 0 {
		var m runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m)
		a.heap = m.HeapAlloc
	}
	return n, err
}

// TestCROnlyLineEnds: a file with \r line ends (old Mac exports), or a mix
// of \r, \n and \r\n, reads as its \n twin, in pieces of any size, and
// names the same lines in its messages (issue 15: a CR-only file was read
// as one line).
func TestCROnlyLineEnds(t *testing.T) {
	opt := txOptions{cols: txColumns{"customer_id", "date", "amount"}, dates: dateAuto, decimal: decimalAuto}
	lf := "sep=,\ncustomer_id,date,amount\n" + strings.TrimPrefix(small, "customer_id,date,amount\n") + "\"q\",1997-01-01,\"1,5\"\nz,1997-13-01,1\n"
	want, err := readTransactions(strings.NewReader(lf), opt, Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	if want.skipped == nil || want.skipped.Rows[0].Line != strings.Count(lf, "\n") {
		t.Fatalf("the LF file's bad row: %+v", want.skipped)
	}
	lines := strings.SplitAfter(lf, "\n")
	mixed := ""
	for i, l := range lines {
		mixed += strings.TrimSuffix(l, "\n") + []string{"\r", "\r\n", "\n"}[i%3]
	}
	for name, text := range map[string]string{
		"CR only": strings.ReplaceAll(lf, "\n", "\r"),
		"CRLF":    strings.ReplaceAll(lf, "\n", "\r\n"),
		"mixed":   strings.TrimSuffix(mixed, lines[len(lines)-1]+"\r"),
	} {
		for _, one := range []bool{false, true} {
			var r io.Reader = strings.NewReader(text)
			if one {
				r = iotest.OneByteReader(r) // a \r\n split across reads
			}
			got, err := readTransactions(r, opt, Hooks{})
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (one byte at a time: %v): read %d rows of %d customers, skipped %+v; want %d rows of %d, skipped %+v",
					name, one, got.rows, len(got.customers), got.skipped, want.rows, len(want.customers), want.skipped)
			}
		}
	}
}
