package calc

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// sniffCandidates are the delimiters SniffCSV chooses from, in the order
// that breaks ties.
var sniffCandidates = []rune{',', ';', '\t', '|'}

// sniffRecords is how many records (the header and the lines after it)
// SniffCSV looks at.
const sniffRecords = 10

// sniffHead is how many bytes of a file the readers give SniffCSV.
const sniffHead = 64 << 10

// SniffCSV finds the delimiter of a CSV file from its first lines and
// returns it with the header's column names. The page runs the same rule
// in JavaScript (site/js/clvfit.js, checked against
// site/js/testdata/csvsniff.json), so the page and the core read a file
// alike. The rule:
//
//  1. A leading byte-order mark is dropped.
//  2. A first line "sep=X" (Excel's hint), X one of , ; tab |, sets the
//     delimiter; the header is the line after it.
//  3. Otherwise the text is split into records with each candidate
//     delimiter (comma, semicolon, tab, pipe): a field starting with a
//     double quote runs to the closing quote ("" inside is a quote, line
//     breaks inside do not end the record); a record ends at \n, \r\n
//     or a lone \r (old Mac line ends, mixed in a file too); empty lines
//     are skipped; the first 10 records are used.
//  4. A candidate counts when its header has at least 2 fields. The one
//     with the most records (after the header) having as many fields as
//     the header wins; then the one with the most header fields; then the
//     first in the order comma, semicolon, tab, pipe.
//  5. No candidate counts (one column): comma.
//
// The columns are the header's fields, unquoted and trimmed of spaces.
// head should end at a line break unless it is the whole file: a cut-off
// last line would count as a short record.
func SniffCSV(head string) (delimiter rune, columns []string) {
	head = strings.TrimPrefix(head, "\ufeff")
	if d, rest, ok := sepLine(head); ok {
		recs := splitRecords(rest, d, 1)
		if len(recs) == 0 {
			return d, []string{}
		}
		return d, trimFields(recs[0])
	}
	best, bestMatch, bestCols := ',', -1, 0
	var bestHeader []string
	for _, d := range sniffCandidates {
		recs := splitRecords(head, d, sniffRecords)
		if len(recs) == 0 || len(recs[0]) < 2 {
			continue
		}
		match := 0
		for _, r := range recs[1:] {
			if len(r) == len(recs[0]) {
				match++
			}
		}
		if match > bestMatch || (match == bestMatch && len(recs[0]) > bestCols) {
			best, bestMatch, bestCols, bestHeader = d, match, len(recs[0]), recs[0]
		}
	}
	if bestHeader == nil {
		recs := splitRecords(head, ',', 1)
		if len(recs) == 0 {
			return ',', []string{}
		}
		return ',', trimFields(recs[0])
	}
	return best, trimFields(bestHeader)
}

// sepLine reads Excel's "sep=X" first line, returning X and the text after
// the line.
func sepLine(s string) (rune, string, bool) {
	if !strings.HasPrefix(s, "sep=") || len(s) < 5 {
		return 0, "", false
	}
	d := rune(s[4])
	if !strings.ContainsRune(",;\t|", d) {
		return 0, "", false
	}
	rest := s[5:]
	if strings.HasPrefix(rest, "\r") { // \r\n or a lone \r
		return d, strings.TrimPrefix(rest[1:], "\n"), true
	}
	if rest != "" && rest[0] != '\n' {
		return 0, "", false
	}
	return d, strings.TrimPrefix(rest, "\n"), true
}

func trimFields(f []string) []string {
	out := make([]string, len(f))
	for i, s := range f {
		out[i] = strings.TrimSpace(s)
	}
	return out
}

// splitRecords splits s into at most n non-empty records of fields
// separated by d, as SniffCSV's rule 3 says.
func splitRecords(s string, d rune, n int) [][]string {
	var recs [][]string
	var rec []string
	var field strings.Builder
	i := 0
	endField := func() {
		rec = append(rec, field.String())
		field.Reset()
	}
	for i < len(s) && len(recs) < n {
		if s[i] == '"' { // a quoted field
			i++
			for i < len(s) {
				if s[i] == '"' {
					if i+1 < len(s) && s[i+1] == '"' {
						field.WriteByte('"')
						i += 2
						continue
					}
					i++
					break
				}
				field.WriteByte(s[i])
				i++
			}
		}
		for i < len(s) { // unquoted text, or what follows a closing quote
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				i++ // \r\n: the \n ends the record
				continue
			}
			if r == d || r == '\n' || r == '\r' {
				break
			}
			field.WriteString(s[i : i+size])
			i += size
		}
		endField()
		if i < len(s) && s[i] != '\n' && s[i] != '\r' { // a delimiter: another field follows
			i++
			if i == len(s) {
				endField()
			}
			continue
		}
		i++ // the line break, or past the end
		if len(rec) > 1 || rec[0] != "" {
			recs = append(recs, rec)
		}
		rec = nil
	}
	if rec != nil && len(recs) < n && (len(rec) > 1 || rec[0] != "") {
		recs = append(recs, rec)
	}
	return recs
}

// Date orders: the request's date_format values.
const (
	dateAuto = "auto"
	dateYMD  = "ymd"
	dateDMY  = "dmy"
	dateMDY  = "mdy"
)

// dateParts splits a date into its numbers. Year-first forms: YYYY-MM-DD,
// YYYY/MM/DD and YYYY.MM.DD (month and day of 1 or 2 digits) and YYYYMMDD;
// yearFirst is then true and a, b are month and day. Day-or-month-first
// forms: A/B/Y, A.B.Y or A-B-Y with A and B of 1 or 2 digits and a year of
// 4 digits or 2 (00-68 mean 2000-2068, 69-99 mean 1969-1999, as POSIX
// strptime reads %y). After the date, a space, a "T" or a comma may start a
// time of day, which is ignored: purchases count by the calendar date as
// written, whatever the time zone.
func dateParts(s string) (y, a, b int, yearFirst, ok bool) {
	s = strings.TrimSpace(s)
	// The common case, YYYY-MM-DD with or without a time, first.
	if len(s) >= 10 && s[4] == '-' && s[7] == '-' && (len(s) == 10 || s[10] == ' ' || s[10] == 'T') {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[5:7])
		d, ok3 := digits(s[8:10])
		return y, m, d, true, ok1 && ok2 && ok3
	}
	if len(s) == 8 {
		y, ok1 := digits(s[0:4])
		m, ok2 := digits(s[4:6])
		d, ok3 := digits(s[6:8])
		if ok1 && ok2 && ok3 {
			return y, m, d, true, true
		}
	}
	var n [3]int
	var w [3]int
	var sep byte
	i := 0
	for k := 0; k < 3; k++ {
		start := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' && i-start < 4 {
			n[k] = n[k]*10 + int(s[i]-'0')
			i++
		}
		w[k] = i - start
		if w[k] == 0 {
			return 0, 0, 0, false, false
		}
		if k < 2 {
			if i >= len(s) || (s[i] != '-' && s[i] != '/' && s[i] != '.') || (k == 1 && s[i] != sep) {
				return 0, 0, 0, false, false
			}
			sep = s[i]
			i++
		}
	}
	if i < len(s) && s[i] != ' ' && s[i] != 'T' && s[i] != ',' {
		return 0, 0, 0, false, false
	}
	switch {
	case w[0] == 4 && w[1] <= 2 && w[2] <= 2:
		return n[0], n[1], n[2], true, true
	case w[0] <= 2 && w[1] <= 2 && (w[2] == 4 || w[2] == 2):
		y = n[2]
		if w[2] == 2 {
			y += 1900
			if n[2] < 69 {
				y += 100
			}
		}
		return y, n[0], n[1], false, true
	}
	return 0, 0, 0, false, false
}

// validDay returns y-m-d as a day when it is a real date from 1800 to 2200.
func validDay(y, m, d int) (day, bool) {
	if y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, false
	}
	return civilDay(y, m, d), true
}

// parseDay reads a year-first date (YYYY-MM-DD or YYYYMMDD, a time of day
// after it ignored), as observation_end and holdout_end are written. It
// rejects impossible dates such as 1997-02-30.
func parseDay(s string) (day, bool) {
	y, m, d, yearFirst, ok := dateParts(s)
	if !ok || !yearFirst {
		return 0, false
	}
	return validDay(y, m, d)
}

// Decimal separators: the request's decimal_separator values.
const (
	decimalAuto  = "auto"
	decimalPoint = "."
	decimalComma = ","
)

// maxAmount bounds an amount's size: larger numbers are mistakes, and
// their sums would lose cents.
const maxAmount = 1e15

// amountCore strips what surrounds the number of an amount: spaces,
// currency symbols and codes (€12,50, 12.50 USD, US$ 5, 5 kr), a sign
// before or after them (-€5, €-5, 5-) and accounting parentheses
// ((12.50) is -12.50). It returns the number's text and whether it is
// negative; ok is false when no number is left.
func amountCore(s string) (core string, neg, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && s[0] == '(' && s[len(s)-1] == ')' {
		s, neg = strings.TrimSpace(s[1:len(s)-1]), true
	}
	s, ok = stripCurrency(s)
	if !ok {
		return "", false, false
	}
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = neg != (s[0] == '-')
		s, ok = stripCurrency(s[1:])
	} else if strings.HasPrefix(s, "−") { // U+2212 minus sign
		neg = !neg
		s, ok = stripCurrency(s[len("−"):])
	}
	if !ok {
		return "", false, false
	}
	if s != "" && s[len(s)-1] == '-' {
		neg = !neg
		s, ok = stripCurrency(s[:len(s)-1])
	}
	return s, neg, ok && s != ""
}

// stripCurrency removes spaces and up to 5 letters or currency symbols
// from each end of s. ok is false when more are there (not an amount).
func stripCurrency(s string) (string, bool) {
	if s == "" || (isDigit(s[0]) && isDigit(s[len(s)-1])) {
		return s, true // the common case: nothing to strip
	}
	n := 0
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		if !currencyRune(r) {
			break
		}
		if !unicode.IsSpace(r) {
			n++
		}
		s = s[size:]
	}
	m := 0
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		if !currencyRune(r) {
			break
		}
		if !unicode.IsSpace(r) {
			m++
		}
		s = s[:len(s)-size]
	}
	return s, n <= 5 && m <= 5
}

func currencyRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.Is(unicode.Sc, r) || unicode.IsSpace(r)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// pow10 are the powers of ten a float64 holds exactly.
var pow10 = [...]float64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}

// parseNumber reads the number of an amount (as amountCore returns it)
// with dec ('.' or ',') as its decimal separator. The other of the two, a
// space, a no-break space or an apostrophe may separate thousands: the
// first group then has 1 to 3 digits (not starting with 0) and each
// following group 3. An exponent (1e3, 1.5E+03) is read with a decimal
// point only. The result is the correctly rounded value, as
// strconv.ParseFloat gives for the same number written plainly.
//
// Amounts from maxAmount on in size are not read: see numberSize.
func parseNumber(s string, dec byte) (float64, bool) {
	v, ok := numberSize(s, dec)
	return v, ok && math.Abs(v) < maxAmount
}

// numberSize is parseNumber without the bound on the size: a number too
// large for a float64 reads as +Inf, so that messages can say an amount
// is too large rather than not a number.
//
// It is long because it reads the digits, the groups and the decimals in
// one pass, without allocating, for a million rows' speed.
func numberSize(s string, dec byte) (float64, bool) {
	th := byte(',')
	if dec == ',' {
		th = '.'
	}
	var mant uint64
	nd, frac, group, groups := 0, -1, 0, 0
	exact := true
	firstZero := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case isDigit(c):
			if group == 0 && groups == 0 && frac < 0 && nd == 0 {
				firstZero = c == '0'
			}
			if mant < 1<<53/10 {
				mant = mant*10 + uint64(c-'0')
			} else {
				exact = false
			}
			nd++
			group++
			if frac >= 0 {
				frac++
			}
			i++
		case c == dec:
			if frac >= 0 || (groups > 0 && group != 3) {
				return 0, false
			}
			frac, group = 0, 0
			i++
		case c == 'e' || c == 'E':
			if dec != '.' || groups > 0 || nd == 0 {
				return 0, false
			}
			v, err := strconv.ParseFloat(s, 64)
			return v, err == nil || errors.Is(err, strconv.ErrRange)
		default:
			size := 1
			if c != th && c != ' ' && c != '\'' {
				r, n := utf8.DecodeRuneInString(s[i:])
				if r != '\u00a0' && r != '\u202f' && r != '’' {
					return 0, false
				}
				size = n
			}
			// A thousands separator.
			if frac >= 0 || group == 0 || (groups == 0 && (group > 3 || firstZero)) || (groups > 0 && group != 3) {
				return 0, false
			}
			groups++
			group = 0
			i += size
		}
	}
	if nd == 0 || (groups > 0 && frac < 0 && group != 3) {
		return 0, false
	}
	if frac < 0 {
		frac = 0
	}
	var v float64
	if exact && frac < len(pow10) {
		v = float64(mant) / pow10[frac]
	} else {
		b := make([]byte, 0, len(s))
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case isDigit(c):
				b = append(b, c)
			case c == dec:
				b = append(b, '.')
			}
		}
		var err error
		if v, err = strconv.ParseFloat(string(b), 64); err != nil && !errors.Is(err, strconv.ErrRange) {
			return 0, false
		}
	}
	return v, true
}

// tooLarge reports whether s is an amount whose size is maxAmount or more
// with either decimal separator: such an amount is a mistake (or a code
// in the wrong column), and its message says so rather than "not a
// number".
func tooLarge(s string) bool {
	core, _, ok := amountCore(s)
	if !ok {
		return false
	}
	for _, dec := range []byte{'.', ','} {
		if v, ok := numberSize(core, dec); ok && math.Abs(v) >= maxAmount {
			return true
		}
	}
	return false
}

// tooLargeAmount is the reason an amount of maxAmount or more is not read.
func tooLargeAmount(s string) string {
	return fmt.Sprintf("the amount %q is too large: amounts must be between -1e15 and 1e15 (a million billion)", truncate(s, 24))
}

// amountReading is an amount read both ways: with a decimal point and
// with a decimal comma.
type amountReading struct {
	point, comma     float64
	pointOK, commaOK bool
}

// readAmount reads an amount with each decimal separator.
func readAmount(s string) amountReading {
	core, neg, ok := amountCore(s)
	if !ok {
		return amountReading{}
	}
	var a amountReading
	a.point, a.pointOK = parseNumber(core, '.')
	if strings.IndexByte(core, ',') < 0 && strings.IndexByte(core, '.') < 0 {
		a.comma, a.commaOK = a.point, a.pointOK // no separator: the same either way
	} else {
		a.comma, a.commaOK = parseNumber(core, ',')
	}
	if neg {
		a.point, a.comma = -a.point, -a.comma
	}
	return a
}

// get is the amount read with decimal separator dec.
func (a amountReading) get(dec byte) (float64, bool) {
	if dec == ',' {
		return a.comma, a.commaOK
	}
	return a.point, a.pointOK
}

// parseAmount reads a finite decimal number written plainly (12.50, -3,
// 1e3), as a summary's columns are.
func parseAmount(s string) (float64, bool) {
	v, ok := plainSize(s)
	return v, ok && v > -maxAmount && v < maxAmount
}

// plainSize is parseAmount without the bound on the size: a number too
// large for a float64 reads as ±Inf.
func plainSize(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "xXpP_infINFnaNA") {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil || errors.Is(err, strconv.ErrRange)
}
