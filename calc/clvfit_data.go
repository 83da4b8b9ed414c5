package calc

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
)

// rfm is one customer's (or one grouped summary row's) purchase history, in
// the model's time unit: x repeat purchase days, the time t_x of the last
// purchase and the time T observed, both since the first purchase.
type rfm struct {
	id       string
	x        float64 // repeat purchases (whole)
	tx       float64 // recency: last minus first purchase
	T        float64 // age: observation end minus first purchase
	m        float64 // mean spend per repeat purchase day (valid when hasM)
	hasM     bool
	w        float64 // how many customers the row stands for (count)
	holdout  float64 // repeat purchase days in the holdout period
	patternI int32   // index of its (x, t_x, T) pattern
}

// pattern is a distinct (x, t_x, T) with the number of customers who have it:
// the likelihood and the predictions depend on nothing else, so they run on
// patterns, not customers.
type pattern struct {
	x, tx, T, w float64
}

// summarizeLog turns a transaction log into per-customer summaries at the
// observation end. unitDays is the length of the time unit in days.
// Customers whose first purchase is after end are left out (counted in
// late); purchases after end count only in the holdout, up to holdoutEnd
// (a day < end means no holdout).
func summarizeLog(log *txLog, end, holdoutEnd day, unitDays float64) (rows []rfm, late int) {
	rows = make([]rfm, 0, len(log.customers))
	for i := range log.customers {
		c := &log.customers[i]
		first := c.days[0]
		if first > end {
			late++
			continue
		}
		n := 0 // purchase days up to and including end
		spend := 0.0
		for n < len(c.days) && c.days[n] <= end {
			if n > 0 {
				spend += c.amounts[n]
			}
			n++
		}
		row := rfm{
			id: c.id,
			x:  float64(n - 1),
			tx: float64(c.days[n-1]-first) / unitDays,
			T:  float64(end-first) / unitDays,
			w:  1,
		}
		if log.hasAmounts && n > 1 {
			row.m, row.hasM = spend/float64(n-1), true
		}
		for k := n; k < len(c.days) && c.days[k] <= holdoutEnd; k++ {
			row.holdout++
		}
		rows = append(rows, row)
	}
	return rows, late
}

// groupPatterns assigns every row its (x, t_x, T) pattern and returns the
// patterns with their total weights.
func groupPatterns(rows []rfm) []pattern {
	index := make(map[[3]float64]int32, len(rows)/4+1)
	var pats []pattern
	for i := range rows {
		r := &rows[i]
		key := [3]float64{r.x, r.tx, r.T}
		k, ok := index[key]
		if !ok {
			k = int32(len(pats))
			index[key] = k
			pats = append(pats, pattern{x: r.x, tx: r.tx, T: r.T})
		}
		pats[k].w += r.w
		r.patternI = k
	}
	return pats
}

// maxSummaryValue bounds the numbers of a summary: a frequency or time of a
// billion is a mistake, and larger numbers would lose precision.
const maxSummaryValue = 1e9

// readSummary reads summary_csv: columns frequency, recency and T in the
// model's time unit, optional monetary_value and count (customers the row
// stands for), and an optional id column (idColumn, else "id" or
// "customer_id"); other columns are ignored. Rows with impossible values
// (recency greater than T, a fractional frequency, a negative time) make an
// error naming their lines.
//
// It is long because each column's checks name the row and the column in
// their message, in one pass over the rows.
func readSummary(r io.Reader, idColumn string, hooks Hooks) ([]rfm, bool, error) {
	const field = "summary_csv"
	cr := newCSVReader(r, hooks)
	idx, found, err := cr.header(field, "the summary file", "frequency", "recency", "T", "monetary_value", "count", idColumn, "id", "customer_id")
	if err != nil {
		return nil, false, err
	}
	var missing []string
	for k, name := range []string{"frequency", "recency", "T"} {
		if idx[k] < 0 {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, false, dataError(field, fmt.Sprintf("The summary file has no %s %s. It needs the columns frequency, recency and T (optional: monetary_value, count); the columns found are %s.",
			pluralWord(len(missing), "column"), quoteList(missing), quoteList(found)))
	}
	fCol, rCol, tCol, mCol, cCol := idx[0], idx[1], idx[2], idx[3], idx[4]
	idCol := -1
	for _, k := range idx[5:] {
		if k >= 0 {
			idCol = k
			break
		}
	}
	bad := rowProblems{field: field, name: "the summary file"}
	var rows []rfm
	num := func(line int, name, s string) (float64, bool) {
		v, ok := plainSize(s)
		switch {
		case !ok:
			bad.add(line, "%s %q is not a number", name, truncate(s, 24))
		case v > maxSummaryValue:
			bad.add(line, "%s %q is too large: it must be between 0 and 1e9", name, truncate(s, 24))
		case v < 0:
			bad.add(line, "%s %q is negative: it must be between 0 and 1e9", name, truncate(s, 24))
		default:
			return v, true
		}
		return 0, false
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err := cr.tick(); err != nil {
			return nil, false, err
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return nil, false, unreadable(field, "the summary file", err)
			}
			bad.add(pe.Line, "%v", pe.Err)
			continue
		}
		line, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		if len(rec) != len(found) {
			bad.add(line, "%s", columnsMismatch(len(rec), len(found)))
			continue
		}
		x, ok1 := num(line, "frequency", rec[fCol])
		tx, ok2 := num(line, "recency", rec[rCol])
		T, ok3 := num(line, "T", rec[tCol])
		if !ok1 || !ok2 || !ok3 {
			continue
		}
		row := rfm{x: x, tx: tx, T: T, w: 1}
		switch {
		case x != math.Trunc(x):
			bad.add(line, "frequency %s is not a whole number of repeat purchases", rec[fCol])
			continue
		case tx > T*(1+1e-12):
			bad.add(line, "recency %s is greater than T %s: the last purchase cannot come after the end of observation", rec[rCol], rec[tCol])
			continue
		case x == 0 && tx != 0:
			bad.add(line, "recency is %s but frequency is 0: with no repeat purchase the recency is 0", rec[rCol])
			continue
		}
		if cCol >= 0 {
			c, ok := num(line, "count", rec[cCol])
			if !ok {
				continue
			}
			if c < 1 || c != math.Trunc(c) {
				bad.add(line, "count %s is not a whole number of at least 1", rec[cCol])
				continue
			}
			row.w = c
		}
		if mCol >= 0 && x > 0 {
			m, ok := parseAmount(rec[mCol])
			if !ok {
				if _, ok := plainSize(rec[mCol]); ok {
					bad.add(line, "monetary_value %q is too large: it must be between -1e15 and 1e15", truncate(rec[mCol], 24))
				} else {
					bad.add(line, "monetary_value %q is not a number", truncate(rec[mCol], 24))
				}
				continue
			}
			row.m, row.hasM = m, true
		}
		if idCol >= 0 {
			row.id = strings.TrimSpace(rec[idCol])
			if why := idTooLong(row.id); why != "" {
				bad.add(line, "%s", why)
				continue
			}
		}
		if row.id == "" {
			row.id = strconv.Itoa(line)
		}
		if bad.count == 0 {
			row.id = strings.Clone(row.id)
			rows = append(rows, row)
		}
	}
	if err := bad.err(); err != nil {
		return nil, false, err
	}
	if len(rows) == 0 {
		return nil, false, dataError(field, fmt.Sprintf("The summary file has a header (%s) but no customers: add one row per customer (or per group, with count).", quoteList(found)))
	}
	return rows, mCol >= 0, nil
}
