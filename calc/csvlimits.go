package calc

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// The readers' limits: memory grows with customers, not with the bytes of
// a line or a field. A file of any size is read in pieces, so a line of
// gigabytes (a binary file, a quote never closed) or a customer id of
// megabytes stops at the limit with an error naming the line.
const (
	// maxLineBytes bounds a line of a CSV file: 1 MiB, a thousand times
	// a long real row (a Shopify order export's widest is about 1 KB).
	maxLineBytes = 1 << 20
	// maxRowBytes bounds a row whose quoted fields span several lines.
	maxRowBytes = 1 << 20
	// maxIDChars bounds a customer id, in characters: an e-mail address is
	// at most 254, a UUID 36.
	maxIDChars = 1000
)

// lineLimitError is a line or a row over its limit.
type lineLimitError struct {
	line int  // the line (1-based, the header is line 1) where it was found
	row  bool // a row of several lines (an unclosed quote), not one line
}

func (e *lineLimitError) Error() string {
	if e.row {
		return fmt.Sprintf("a row running to line %s is longer than 1 MB, the most a row may hold (a quoted field may be missing its closing quote)", FormatCount(float64(e.line)))
	}
	return fmt.Sprintf("line %s is longer than 1 MB (%s bytes), the most a line may hold; a CSV file of purchases has short lines", FormatCount(float64(e.line)), FormatCount(maxLineBytes))
}

// lineReader reads a CSV file for encoding/csv, which knows only \n and
// \r\n line ends and holds a whole line in memory: it turns a lone \r (old
// Mac and some exporters' line end) into \n, counts lines, and fails with a
// *lineLimitError when a line grows past maxLineBytes, or the row being
// read past maxRowBytes (rowStart is set by the reader after each row;
// slack is how far ahead of the rows its buffer may read).
type lineReader struct {
	r        io.Reader
	line     int   // line breaks passed
	run      int   // bytes since the last line break
	afterCR  bool  // the last byte was \r: a \n right after it ends the same line
	out      int64 // bytes given out
	rowStart int64 // offset of the row being read
	slack    int64
	err      error
}

func (l *lineReader) Read(p []byte) (int, error) {
	if l.err != nil {
		return 0, l.err
	}
	n, err := l.r.Read(p)
	w := 0
	for i := 0; i < n; i++ {
		c := p[i]
		switch c {
		case '\n':
			if l.afterCR {
				l.afterCR = false
				continue // the \n of \r\n: the \r ended the line
			}
			l.line++
			l.run = 0
		case '\r':
			l.afterCR = true
			l.line++
			l.run = 0
			c = '\n'
		default:
			l.afterCR = false
			l.run++
			if l.run > maxLineBytes {
				l.err = &lineLimitError{line: l.line + 1}
				l.out += int64(w)
				return w, l.err
			}
		}
		p[w] = c
		w++
	}
	l.out += int64(w)
	if l.out-l.rowStart > maxRowBytes+l.slack {
		l.err = &lineLimitError{line: l.line + 1, row: true}
		return w, l.err
	}
	return w, err
}

// idTooLong is the reason a row with a customer id over maxIDChars is left
// out, or "" when the id is short enough.
func idTooLong(id string) string {
	if len(id) <= maxIDChars {
		return ""
	}
	if n := utf8.RuneCountInString(id); n > maxIDChars {
		return fmt.Sprintf("the customer id is %s characters long; ids may be at most %s", FormatCount(float64(n)), FormatCount(maxIDChars))
	}
	return ""
}
