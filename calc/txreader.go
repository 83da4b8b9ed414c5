package calc

import (
	"fmt"
	"strings"
)

// maxSkippedListed is how many skipped rows the response lists.
const maxSkippedListed = 20

// maxBadShare is the share of unreadable rows above which a file is
// rejected even when rows may be skipped.
const maxBadShare = 0.10

// CLVFitSkippedRows reports the rows of a transaction log that could not
// be read and were left out.
type CLVFitSkippedRows struct {
	Count int                `json:"count"`
	Rows  []CLVFitSkippedRow `json:"rows"` // the first 20
}

// CLVFitSkippedRow is one skipped row: its line in the file (the header is
// line 1) and why it could not be read.
type CLVFitSkippedRow struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// Causes of an unreadable row, for naming the column most rows fail on.
const (
	causeRow = iota // the row itself: a broken quote, too few columns
	causeID
	causeDate
	causeAmount
	causes
)

// evidence is the first value that decided an ambiguous reading of a
// column (day or month first; decimal point or comma), for messages.
type evidence struct {
	line  int
	value string
}

// pendingRow is a row read before its column's reading was decided: its
// date read day first and month first, its amount with a decimal point
// and a decimal comma.
type pendingRow struct {
	cust     int32
	line     int32
	days     [2]day
	amounts  [2]float64
	dateOpen bool
	amtOpen  bool
}

// txReader reads the rows of a transaction log into customers.
//
// Dates: year-first dates (2024-03-01, with a time, 20240301) are read as
// written. Day-or-month-first dates (01.03.2024, 3/1/2024) are read in the
// order date_format names; with "auto" the first date that is only
// readable one way (a first part above 12: day first; a second part above
// 12: month first) decides the column, rows before it waiting in pending;
// when no date decides, the file is an error on date_format, unless every
// such date reads the same both ways (05/05/2024).
//
// Amounts: read with the decimal separator decimal_separator names; with
// "auto" the first amount only readable one way (12,50 or 1.020,00:
// comma; 12.50 or 1,020.00: point) decides the column; when none does
// (only 1,020-like amounts), a decimal point. An empty amount is a
// purchase without spend.
type txReader struct {
	opt                       txOptions
	idCol, dateCol, amountCol int
	columns                   int
	log                       *txLog
	index                     map[string]int32

	order    byte // 'd' or 'm' once known, else 0
	orderBy  evidence
	dec      byte // '.' or ',' once known, else 0
	decBy    evidence
	pending  []pendingRow
	strict   rowProblems
	skipped  CLVFitSkippedRows
	byCause  [causes]int
	firstBad [causes][]string
}

func newTxReader(opt txOptions, idx []int, header []string) *txReader {
	t := &txReader{opt: opt, idCol: idx[0], dateCol: idx[1], amountCol: idx[2], columns: len(header),
		log: &txLog{hasAmounts: idx[2] >= 0}, index: map[string]int32{},
		strict: rowProblems{field: "transactions_csv", name: txFile}}
	switch opt.dates {
	case dateDMY:
		t.order = 'd'
	case dateMDY:
		t.order = 'm'
	}
	switch opt.decimal {
	case decimalPoint:
		t.dec = '.'
	case decimalComma:
		t.dec = ','
	}
	return t
}

// bad records an unreadable row.
func (t *txReader) bad(line, cause int, format string, args ...any) {
	reason := fmt.Sprintf(format, args...)
	t.strict.add(line, "%s", reason)
	t.skipped.Count++
	if len(t.skipped.Rows) < maxSkippedListed {
		t.skipped.Rows = append(t.skipped.Rows, CLVFitSkippedRow{Line: line, Reason: reason})
	}
	t.byCause[cause]++
	if len(t.firstBad[cause]) < maxRowProblems {
		t.firstBad[cause] = append(t.firstBad[cause], fmt.Sprintf("line %d: %s", line, reason))
	}
}

// columnsMismatch is the reason a row is left out when its number of
// columns is not the header's: too few, or too many (an unquoted comma in
// a field shifts the columns after it, so its values cannot be trusted).
func columnsMismatch(got, header int) string {
	return fmt.Sprintf("it has %s, the header has %d", plural(got, "column"), header)
}

// row reads one record at a line of the file. A row must have the
// header's number of columns.
func (t *txReader) row(line int, rec []string) {
	if len(rec) != t.columns {
		t.bad(line, causeRow, "%s", columnsMismatch(len(rec), t.columns))
		return
	}
	id := strings.TrimSpace(rec[t.idCol])
	if id == "" {
		t.bad(line, causeID, "the customer id is empty")
		return
	}
	if why := idTooLong(id); why != "" {
		t.bad(line, causeID, "%s", why)
		return
	}
	p := pendingRow{line: int32(line)}
	var ok bool
	if p.days, p.dateOpen, ok = t.date(line, rec[t.dateCol]); !ok {
		return
	}
	if t.amountCol >= 0 {
		if p.amounts, p.amtOpen, ok = t.amount(line, rec[t.amountCol]); !ok {
			return
		}
	}
	k, seen := t.index[id]
	if !seen {
		k = int32(len(t.log.customers))
		id = strings.Clone(id) // not the row's text, which holds the whole line
		t.index[id] = k
		t.log.customers = append(t.log.customers, txCustomer{id: id})
	}
	p.cust = k
	if p.dateOpen || p.amtOpen {
		t.pending = append(t.pending, p)
		return
	}
	t.commit(p.cust, p.days[0], p.amounts[0])
}

// commit adds a readable row to its customer.
func (t *txReader) commit(cust int32, d day, amount float64) {
	if t.strict.count > 0 && t.opt.strict {
		return // the file is rejected: only look for more problems
	}
	t.log.customers[cust].add(d, amount)
	if t.log.rows == 0 || d < t.log.first {
		t.log.first = d
	}
	if t.log.rows == 0 || d > t.log.last {
		t.log.last = d
	}
	t.log.rows++
}

// date reads a date: both readings (day first, month first; equal unless
// open) and whether the column's order is still to decide which.
func (t *txReader) date(line int, s string) ([2]day, bool, bool) {
	y, a, b, yearFirst, ok := dateParts(s)
	if !ok {
		t.bad(line, causeDate, "the date %q is not a date (write it like 2024-03-01, 01.03.2024, 03/01/2024 or 20240301)", truncate(s, 24))
		return [2]day{}, false, false
	}
	if yearFirst {
		d, ok := validDay(y, a, b)
		if !ok {
			t.bad(line, causeDate, "the date %q does not exist", truncate(s, 24))
		}
		return [2]day{d, d}, false, ok
	}
	if t.opt.dates == dateYMD {
		t.bad(line, causeDate, "the date %q is not written year first, as the date format says", truncate(s, 24))
		return [2]day{}, false, false
	}
	dm, okDM := validDay(y, b, a)
	md, okMD := validDay(y, a, b)
	if t.order == 0 && okDM != okMD {
		t.orderBy = evidence{line, truncate(s, 24)}
		t.order = 'd'
		if okMD {
			t.order = 'm'
		}
		t.flush()
	}
	switch {
	case t.order == 'd' && okDM:
		return [2]day{dm, dm}, false, true
	case t.order == 'm' && okMD:
		return [2]day{md, md}, false, true
	case t.order == 0 && okDM: // both readings work
		return [2]day{dm, md}, dm != md, true
	}
	switch {
	case !okDM && !okMD:
		t.bad(line, causeDate, "the date %q does not exist, day first or month first", truncate(s, 24))
	case t.opt.dates != dateAuto:
		t.bad(line, causeDate, "the date %q does not exist %s, as the date format says", truncate(s, 24), orderWords(t.order))
	default:
		t.bad(line, causeDate, "the date %q does not exist %s, as line %d (%q) shows the column is written; choose the date format if that is wrong",
			truncate(s, 24), orderWords(t.order), t.orderBy.line, t.orderBy.value)
	}
	return [2]day{}, false, false
}

func orderWords(order byte) string {
	if order == 'd' {
		return "day first"
	}
	return "month first"
}

// amount reads an amount: both readings (decimal point, decimal comma;
// equal unless open) and whether the column's separator is still to decide
// which. It counts amounts of zero or less.
func (t *txReader) amount(line int, s string) ([2]float64, bool, bool) {
	if t.dec != 0 {
		core, neg, ok := amountCore(s)
		if !ok && strings.TrimSpace(s) == "" {
			return [2]float64{}, false, true // a purchase without spend
		}
		v, okV := 0.0, false
		if ok {
			v, okV = parseNumber(core, t.dec)
		}
		if !okV {
			t.badAmount(line, s)
			return [2]float64{}, false, false
		}
		if neg {
			v = -v
		}
		if v <= 0 {
			t.log.nonPositive++
		}
		return [2]float64{v, v}, false, true
	}
	if strings.TrimSpace(s) == "" {
		return [2]float64{}, false, true
	}
	a := readAmount(s)
	switch {
	case !a.pointOK && !a.commaOK:
		t.badAmount(line, s)
		return [2]float64{}, false, false
	case a.pointOK != a.commaOK:
		t.decBy = evidence{line, truncate(s, 24)}
		t.dec = '.'
		if a.commaOK {
			t.dec = ','
		}
		t.flush()
		v, _ := a.get(t.dec)
		if v <= 0 {
			t.log.nonPositive++
		}
		return [2]float64{v, v}, false, true
	}
	if a.point <= 0 && a.comma <= 0 {
		t.log.nonPositive++
	}
	return [2]float64{a.point, a.comma}, a.point != a.comma, true
}

// badAmount reports an amount that cannot be read with the column's
// decimal separator.
func (t *txReader) badAmount(line int, s string) {
	other := byte(',')
	if t.dec == ',' {
		other = '.'
	}
	if t.dec != 0 {
		if _, ok := readAmount(s).get(other); ok {
			sep := map[byte]string{'.': "a decimal point", ',': "a decimal comma"}[t.dec]
			if t.opt.decimal != decimalAuto {
				t.bad(line, causeAmount, "the amount %q does not have %s, as the decimal separator says", truncate(s, 24), sep)
			} else {
				t.bad(line, causeAmount, "the amount %q does not have %s, as line %d (%q) shows the column has; choose the decimal separator if that is wrong",
					truncate(s, 24), sep, t.decBy.line, t.decBy.value)
			}
			return
		}
	}
	if tooLarge(s) {
		t.bad(line, causeAmount, "%s", tooLargeAmount(s))
		return
	}
	t.bad(line, causeAmount, "the amount %q is not a number (write it like 12.50, 1,020.00, 1.020,00 or €12,50)", truncate(s, 24))
}

// flush commits the pending rows the decisions made so far can read.
func (t *txReader) flush() {
	kept := t.pending[:0]
	for _, p := range t.pending {
		if p.dateOpen && t.order != 0 {
			p.dateOpen = false
			if t.order == 'm' {
				p.days[0] = p.days[1]
			}
		}
		if p.amtOpen && t.dec != 0 {
			p.amtOpen = false
			if t.dec == ',' {
				p.amounts[0] = p.amounts[1]
			}
		}
		if p.dateOpen || p.amtOpen {
			kept = append(kept, p)
			continue
		}
		t.commit(p.cust, p.days[0], p.amounts[0])
	}
	t.pending = kept
}

// finish decides what is still open, then returns the log, or the error
// for a file with unreadable rows (any, when strict; else more than 10 %),
// dates that read both ways, or no rows.
func (t *txReader) finish() (*txLog, error) {
	const field = "transactions_csv"
	if t.dec == 0 {
		t.dec = '.' // no amount told: 1,020 is a thousand and twenty
		t.flush()
	}
	if len(t.pending) > 0 {
		p := t.pending[0]
		return nil, Errors{{Field: "date_format", Code: CodeInvalidData, Message: fmt.Sprintf(
			"The dates in the date column %q can be read day first or month first: none has a day above 12 (line %d reads as %s or %s). Choose the date format.",
			t.opt.cols.date, p.line, p.days[0], p.days[1])}}
	}
	if t.opt.strict {
		if err := t.strict.err(); err != nil {
			return nil, err
		}
	}
	total := t.log.rows + t.skipped.Count
	if t.skipped.Count > 0 && float64(t.skipped.Count) > maxBadShare*float64(total) {
		return nil, dataError(field, t.tooManyBad(total))
	}
	if t.log.rows == 0 {
		return nil, dataError(field, "The transactions file has a header but no transactions: add one row per purchase.")
	}
	if t.skipped.Count > 0 {
		s := t.skipped
		t.log.skipped = &s
	}
	return t.log, nil
}

// tooManyBad is the message for a file with too many unreadable rows: it
// names the column most of them fail on and their first lines.
func (t *txReader) tooManyBad(total int) string {
	worst := 0
	for c := range causes {
		if t.byCause[c] > t.byCause[worst] {
			worst = c
		}
	}
	what := map[int]string{
		causeRow:    "their columns do not match the header's",
		causeID:     fmt.Sprintf("the customer id column %q", t.opt.cols.id),
		causeDate:   fmt.Sprintf("the date column %q", t.opt.cols.date),
		causeAmount: fmt.Sprintf("the amount column %q", t.opt.cols.amount),
	}[worst]
	if worst != causeRow {
		what = "most in " + what
	} else {
		what = "most because " + what
	}
	return fmt.Sprintf("%s of the %s rows of the transactions file (%.0f %%) could not be read, %s: %s. "+
		"Check that the right columns are chosen and the formats are ones this reads; at most 10 %% of rows may be left out.",
		FormatCount(float64(t.skipped.Count)), FormatCount(float64(total)), 100*float64(t.skipped.Count)/float64(total), what,
		strings.Join(t.firstBad[worst], "; "))
}
