package calc

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// maxRowProblems is how many unreadable rows an error message lists by line
// number; the rest are counted.
const maxRowProblems = 5

// progressRows is how often (in CSV rows) the readers report progress and
// check for cancellation: about every few milliseconds of parsing.
const progressRows = 8192

// day is a calendar date as the number of days since 1970-01-01.
type day int32

// digits reads a run of ASCII digits as a number.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// civilDay is the number of days from 1970-01-01 to y-m-d in the proleptic
// Gregorian calendar (H. Hinnant's days_from_civil algorithm).
func civilDay(y, m, d int) day {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return day(era*146097 + doe - 719468)
}

// String writes the day as YYYY-MM-DD. It writes the digits itself rather
// than through time.Format, whose layout parser would add 30 KB to the
// browser's module for this one use.
func (d day) String() string {
	y, m, dd := time.Unix(int64(d)*86400, 0).UTC().Date()
	b := make([]byte, 0, 10)
	if y >= 0 && y < 10000 {
		b = append(b, byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10))
	} else {
		b = strconv.AppendInt(b, int64(y), 10)
	}
	return string(append(b, '-', byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+dd/10), byte('0'+dd%10)))
}

// txCustomer is one customer of a transaction log: the distinct days they
// bought on, ascending, and the amount spent on each (same-day purchases
// summed). Memory grows with purchase days, not rows.
type txCustomer struct {
	id      string
	days    []day
	amounts []float64
}

// add records a purchase, merging it with another on the same day. An
// amount of zero or less (a refund, a free order) records the purchase
// without spend.
func (c *txCustomer) add(d day, amount float64) {
	amount = max(amount, 0)
	n := len(c.days)
	if n == 0 || d > c.days[n-1] { // the usual case: rows in date order
		c.days = append(c.days, d)
		c.amounts = append(c.amounts, amount)
		return
	}
	i, found := slices.BinarySearch(c.days, d)
	if found {
		c.amounts[i] += amount
		return
	}
	c.days = slices.Insert(c.days, i, d)
	c.amounts = slices.Insert(c.amounts, i, amount)
}

// txLog is a transaction log read into customers.
type txLog struct {
	customers   []txCustomer
	rows        int  // transaction rows read
	first       day  // earliest purchase
	last        day  // latest purchase
	hasAmounts  bool // the amount column exists
	skipped     *CLVFitSkippedRows
	nonPositive int // rows with an amount of zero or less
}

// txColumns names the columns of a transaction log.
type txColumns struct {
	id, date, amount string
}

// txOptions says how to read a transaction log: its columns, the order of
// day and month (date_format), the decimal separator (decimal_separator)
// and whether an unreadable row rejects the file (strict).
type txOptions struct {
	cols    txColumns
	dates   string
	decimal string
	strict  bool
}

// rowProblems collects unreadable rows: the first few with their reasons,
// and a count of all of them.
type rowProblems struct {
	field string // the request field the rows belong to
	name  string // the file as a reader calls it: "the transactions file"
	list  []string
	count int
}

func (p *rowProblems) add(line int, format string, args ...any) {
	p.count++
	if len(p.list) < maxRowProblems {
		p.list = append(p.list, fmt.Sprintf("line %d: %s", line, fmt.Sprintf(format, args...)))
	}
}

// err is the problems as one error naming the lines, or nil.
func (p *rowProblems) err() error {
	if p.count == 0 {
		return nil
	}
	msg := fmt.Sprintf("%s has %s that could not be read: %s", upperFirst(p.name), plural(p.count, "row"), strings.Join(p.list, "; "))
	if more := p.count - len(p.list); more > 0 {
		msg += fmt.Sprintf("; and %d more", more)
	}
	return dataError(p.field, msg+". Fix or remove these rows and try again.")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pluralWord is word for n things: "column", "columns".
func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return FormatCount(float64(n)) + " " + word + "s"
}

// dataError is an invalid_data error about a request field.
func dataError(field, msg string) error {
	return Errors{{Field: field, Code: CodeInvalidData, Message: msg}}
}

// progressReader counts the bytes read, for the parse phase's progress.
type progressReader struct {
	r io.Reader
	n int64
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	p.n += int64(n)
	return n, err
}

// readerSize returns the size of r when it knows it (strings.Reader,
// bytes.Reader, io.SectionReader), else 0.
func readerSize(r io.Reader) int64 {
	if s, ok := r.(interface{ Size() int64 }); ok {
		return s.Size()
	}
	if s, ok := r.(interface{ Len() int }); ok {
		return int64(s.Len())
	}
	return 0
}

// csvReader is a csv.Reader over r with a byte counter for progress and
// the limits of a line and a row (lineReader).
type csvReader struct {
	*csv.Reader
	counter *progressReader
	lines   *lineReader
	buf     *bufio.Reader
	size    int64
	hooks   Hooks
	rows    int
	skip    int // lines before the header (Excel's "sep=" line)
}

// newCSVReader reads r with the delimiter SniffCSV finds in its first
// 64 KB. Lines may end with \n, \r\n or \r, and may hold up to
// maxLineBytes.
func newCSVReader(r io.Reader, hooks Hooks) *csvReader {
	pr := &progressReader{r: r}
	lr := &lineReader{r: pr, slack: sniffHead}
	br := bufio.NewReaderSize(lr, sniffHead)
	head, err := br.Peek(sniffHead)
	text := string(head)
	if err == nil { // not the whole file: sniff whole lines only
		if i := strings.LastIndexByte(text, '\n'); i >= 0 {
			text = text[:i+1]
		}
	}
	delim, _ := SniffCSV(text)
	skip := 0
	if _, _, ok := sepLine(strings.TrimPrefix(text, "\ufeff")); ok {
		br.ReadString('\n') // the header follows it
		skip = 1
	}
	cr := csv.NewReader(br) // reads br itself: its buffer is large enough
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.TrimLeadingSpace = delim != '\t' // with tabs it would swallow empty fields
	return &csvReader{Reader: cr, counter: pr, lines: lr, buf: br, size: readerSize(r), hooks: hooks, skip: skip}
}

// Read reads the next record, as csv.Reader's Read, and starts the next
// row's limit where it ends.
func (c *csvReader) Read() ([]string, error) {
	rec, err := c.Reader.Read()
	c.lines.rowStart = c.lines.out - int64(c.buf.Buffered())
	return rec, err
}

// unreadable is the error for a file that cannot be read on: a line or row
// over its limit, or a failing reader. name is the file as a reader calls
// it.
func unreadable(field, name string, err error) error {
	var le *lineLimitError
	if errors.As(err, &le) {
		return dataError(field, fmt.Sprintf("%s could not be read: %v.", upperFirst(name), le))
	}
	return dataError(field, fmt.Sprintf("%s could not be read: %v.", upperFirst(name), err))
}

// line is the file's line number of the record just read.
func (c *csvReader) line() int {
	l, _ := c.FieldPos(0)
	return l + c.skip
}

// tick is called once per row: every progressRows rows it reports the parse
// progress and checks for cancellation.
func (c *csvReader) tick() error {
	c.rows++
	if c.rows%progressRows != 0 {
		return nil
	}
	if c.hooks.Cancelled != nil && c.hooks.Cancelled() {
		return errCancelled
	}
	if c.hooks.Progress != nil {
		f := 0.0
		if c.size > 0 {
			f = min(1, float64(c.counter.n)/float64(c.size))
		}
		c.hooks.Progress(Progress{Phase: "parse", Fraction: f})
	}
	return nil
}

// header reads the header row and finds the named columns (exact names
// first, then ignoring case and surrounding spaces). It returns the
// column indexes (-1: absent) and the header as read. name is the file as
// a reader calls it ("the transactions file").
func (c *csvReader) header(field, name string, names ...string) ([]int, []string, error) {
	rec, err := c.Read()
	if err == io.EOF {
		return nil, nil, dataError(field, upperFirst(name)+" is empty: it needs a header row naming the columns, then one row per line.")
	}
	if err != nil {
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return nil, nil, dataError(field, fmt.Sprintf("The header row of %s (line %d) could not be read: %v.", name, pe.Line+c.skip, pe.Err))
		}
		return nil, nil, unreadable(field, name, err)
	}
	if c.hooks.Progress != nil {
		c.hooks.Progress(Progress{Phase: "parse", Fraction: 0})
	}
	for _, h := range rec {
		if strings.IndexByte(h, 0) >= 0 {
			return nil, nil, dataError(field, upperFirst(name)+" is not a CSV text file: its first line holds zero bytes, as binary files do (and spreadsheets saved as UTF-16 \"Unicode text\"). Save it as CSV (UTF-8) and try again.")
		}
	}
	cols := make([]string, len(rec))
	for i, h := range rec {
		h = strings.TrimPrefix(h, "\ufeff") // a byte-order mark from spreadsheet exports
		cols[i] = strings.TrimSpace(h)
	}
	idx := make([]int, len(names))
	for k, name := range names {
		idx[k] = -1
		if strings.TrimSpace(name) == "" {
			continue // no column chosen: not an unnamed one
		}
		for i, h := range cols {
			if h == name {
				idx[k] = i
				break
			}
		}
		if idx[k] >= 0 {
			continue
		}
		for i, h := range cols {
			if strings.EqualFold(h, strings.TrimSpace(name)) {
				idx[k] = i
				break
			}
		}
	}
	return idx, cols, nil
}

// quoteList writes names as "a", "b" and "c".
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	switch len(q) {
	case 0:
		return "none"
	case 1:
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

// namedColumn names a column for a message: `customer id column "email"`,
// or `customer id column (none is chosen)` when name is empty.
func namedColumn(role, name string) string {
	if strings.TrimSpace(name) == "" {
		return role + " column (none is chosen)"
	}
	return fmt.Sprintf("%s column %q", role, name)
}

// txFile is how messages call the transaction log.
const txFile = "the transactions file"

// readTransactions reads a transaction log with a header row. Every row
// names a customer and a date, and an amount when the amount column
// exists; txReader says how each is read. A missing id or date column
// makes an error naming the columns found.
func readTransactions(r io.Reader, opt txOptions, hooks Hooks) (*txLog, error) {
	const field = "transactions_csv"
	cr := newCSVReader(r, hooks)
	cols := opt.cols
	idx, found, err := cr.header(field, txFile, cols.id, cols.date, cols.amount)
	if err != nil {
		return nil, err
	}
	var missing []string
	if idx[0] < 0 {
		missing = append(missing, namedColumn("customer id", cols.id))
	}
	if idx[1] < 0 {
		missing = append(missing, namedColumn("date", cols.date))
	}
	if len(missing) > 0 {
		return nil, dataError(field, fmt.Sprintf("The transactions file has no %s. The columns found are %s: choose the columns your file uses.",
			strings.Join(missing, " and no "), quoteList(found)))
	}
	t := newTxReader(opt, idx, found)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err := cr.tick(); err != nil {
			return nil, err
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, unreadable(field, txFile, err)
			}
			t.bad(pe.Line+cr.skip, causeRow, "%v", pe.Err)
			continue
		}
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		t.row(cr.line(), rec)
	}
	return t.finish()
}
