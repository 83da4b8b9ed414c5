package calc

import (
	"math"
	"strconv"
	"strings"
)

// predictionsColumns are the columns of PredictionsCSV, the contract's
// names; count only when some summary row stands for several customers.
var predictionsColumns = []string{"customer_id", "count", "frequency", "recency", "T", "monetary_value", "p_alive", "expected_purchases", "expected_average_spend", "clv"}

// PredictionsCSV writes every customer's predictions as CSV with a header
// row, as the clvfit page downloads them and `roikit clvfit --csv FILE`
// writes them. Numbers are written in the shortest form that reads back
// as the same float64: plain decimals, or with an exponent below 1e-6 or
// from 1e21 on (a P(alive) of 1e-300 takes 6 characters, not 302); an
// absent value (no amounts, no spend model) is an empty cell. Customer ids
// are text from the user's file: CSVText guards them against formula
// injection, and they are quoted when they hold a comma, a quote or a line
// break. progress (may be nil) is called every 16,384 rows with the rows
// written.
func PredictionsCSV(preds []CLVFitPrediction, progress func(done int)) []byte {
	withCount := false
	for i := range preds {
		withCount = withCount || preds[i].Count > 0
	}
	b := make([]byte, 0, 96*(len(preds)+1))
	for i, c := range predictionsColumns {
		if c == "count" && !withCount {
			continue
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, c...)
	}
	b = append(b, '\n')
	num := func(v float64) {
		b = append(b, ',')
		format := byte('f')
		if a := math.Abs(v); a != 0 && (a < 1e-6 || a >= 1e21) {
			format = 'g'
		}
		b = strconv.AppendFloat(b, v, format, -1, 64)
	}
	opt := func(v *float64) {
		if v == nil {
			b = append(b, ',')
			return
		}
		num(*v)
	}
	for i := range preds {
		if i%16384 == 0 && i > 0 && progress != nil {
			progress(i)
		}
		p := &preds[i]
		b = appendCSVField(b, CSVText(p.CustomerID))
		if withCount {
			num(float64(max(1, p.Count)))
		}
		num(p.Frequency)
		num(p.Recency)
		num(p.T)
		opt(p.MonetaryValue)
		num(p.PAlive)
		num(p.ExpectedPurchases)
		opt(p.ExpectedAverageSpend)
		opt(p.CLV)
		b = append(b, '\n')
	}
	return b
}

// appendCSVField appends s as one CSV field, quoted (RFC 4180) when needed.
func appendCSVField(b []byte, s string) []byte {
	if !strings.ContainsAny(s, ",\"\r\n") {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// CSVText guards a text cell of a CSV download against spreadsheet formula
// injection, as OWASP's "CSV Injection" page recommends: a cell starting
// with =, +, -, @, a tab or a carriage return, which Excel, LibreOffice and
// Google Sheets may run as a formula (=1+2, +cmd|' /C calc'!A0,
// @SUM(A1:A9)), gets a leading ' so that it is shown as the text it is. A
// plain number (-3.5, +12, -1e-3) is left as it is: it cannot be a formula.
// site/js/exportdata.js's csvText applies the same rule on the page.
func CSVText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if !plainNumber(s) {
			return "'" + s
		}
	}
	return s
}

// plainNumber reports whether s is a decimal number: an optional sign,
// digits with at most one point, an optional exponent.
func plainNumber(s string) bool {
	s = strings.TrimLeft(s[:min(1, len(s))], "+-") + s[min(1, len(s)):]
	mant, exp, hasExp := s, "", false
	if k := strings.IndexAny(s, "eE"); k >= 0 {
		mant, exp, hasExp = s[:k], s[k+1:], true
	}
	digits, point := 0, false
	for i := 0; i < len(mant); i++ {
		switch c := mant[i]; {
		case isDigit(c):
			digits++
		case c == '.' && !point:
			point = true
		default:
			return false
		}
	}
	if digits == 0 {
		return false
	}
	if !hasExp {
		return true
	}
	exp = strings.TrimLeft(exp[:min(1, len(exp))], "+-") + exp[min(1, len(exp)):]
	for i := 0; i < len(exp); i++ {
		if !isDigit(exp[i]) {
			return false
		}
	}
	return exp != ""
}

// UnguardCSVText undoes CSVText on a cell read back from a download: a '
// before =, +, -, @, a tab or a carriage return is dropped, so that an idea
// named "=1+2" downloaded from the prioritize page is read as "=1+2".
func UnguardCSVText(s string) string {
	if len(s) > 1 && s[0] == '\'' && strings.IndexByte("=+-@\t\r", s[1]) >= 0 {
		return s[1:]
	}
	return s
}
