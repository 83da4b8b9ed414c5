package calc

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite site/js/testdata/csvsniff.json")

// sniffCase is one case of site/js/testdata/csvsniff.json, which the page's
// JavaScript reads to check it sniffs as SniffCSV does.
type sniffCase struct {
	Name      string   `json:"name"`
	Text      string   `json:"text"`
	Delimiter string   `json:"delimiter"`
	Columns   []string `json:"columns"`
}

// sniffCases cover every branch of SniffCSV's rule.
var sniffCases = []sniffCase{
	{"comma", "customer_id,date,amount\n1,2024-03-01,12.50\n", ",", []string{"customer_id", "date", "amount"}},
	{"semicolon with decimal commas", "Kunde;Bestelldatum;Umsatz\nK1;01.03.2024;1.020,00\nK2;02.03.2024;12,50\n", ";", []string{"Kunde", "Bestelldatum", "Umsatz"}},
	{"tab", "event_date\tuser_pseudo_id\tpurchase_revenue\n20240301\t17.1\t12.5\n", "\t", []string{"event_date", "user_pseudo_id", "purchase_revenue"}},
	{"pipe", "id|date|amount\n1|2024-03-01|5\n", "|", []string{"id", "date", "amount"}},
	{"byte-order mark and CRLF", "\ufeffKunde;Datum;Betrag\r\nA;01.03.2024;5,00\r\n", ";", []string{"Kunde", "Datum", "Betrag"}},
	{"quoted delimiters and quotes", "\"Name, full\",\"Order \"\"Date\"\"\",Total\n\"Lee, Kim\",2024-03-01,\"1,020.00\"\n", ",", []string{"Name, full", "Order \"Date\"", "Total"}},
	{"line break inside quotes", "id;note;amount\n1;\"two\nlines; here\";5\n2;x;6\n", ";", []string{"id", "note", "amount"}},
	{"header commas, semicolon rows", "Name, first;Amount\nBob;12,50\nAl;3\nEve;1.020,00\n", ";", []string{"Name, first", "Amount"}},
	{"most matching rows win over a bad row", "a;b;c\n1;2;3\n1;2\n1;2;3\n", ";", []string{"a", "b", "c"}},
	{"more header columns break a tie", "a,b;c,d\n", ",", []string{"a", "b;c", "d"}},
	{"order breaks a tie", "a,b;c\n1,2;3\n", ",", []string{"a", "b;c"}},
	{"one column", "customer_id\n1\n2\n", ",", []string{"customer_id"}},
	{"excel sep line", "sep=;\nid;date\n1;2024-03-01\n", ";", []string{"id", "date"}},
	{"excel sep line with CRLF and BOM", "\ufeffsep=|\r\nid|date\r\n", "|", []string{"id", "date"}},
	{"not a sep line", "sep=x\n", ",", []string{"sep=x"}},
	{"blank lines skipped", "\n\nid,date\n\n1,2024-03-01\n", ",", []string{"id", "date"}},
	{"spaces trimmed", " id ; date \n1;2\n", ";", []string{"id", "date"}},
	{"empty", "", ",", []string{}},
	{"header only", "id\tdate\tamount", "\t", []string{"id", "date", "amount"}},
	{"trailing delimiter", "id,date,\n1,2,\n", ",", []string{"id", "date", ""}},
	{"CR-only line ends", "id;date\r1;2024-03-01\r2;2024-03-02\r", ";", []string{"id", "date"}},
	{"mixed line ends", "id,date,amount\r\n1,2024-03-01,5\r2,2024-03-02,6\n3,2024-03-03,7\r", ",", []string{"id", "date", "amount"}},
	{"excel sep line with CR", "sep=|\rid|date\r1|2\r", "|", []string{"id", "date"}},
	{"CR-only, a quoted field across lines", "a,b\r\"x\ry\",2\r", ",", []string{"a", "b"}},
	{"ten records only", "a|b\n" + "1|2\n1|2\n1|2\n1|2\n1|2\n1|2\n1|2\n1|2\n1|2\n" + "1,2,3;4;5\n1,2,3;4;5\n", "|", []string{"a", "b"}},
}

// TestSniffCSV checks SniffCSV on its cases and, with -update, writes them
// for the page's test (site/js/clvfit.test.js).
func TestSniffCSV(t *testing.T) {
	for _, c := range sniffCases {
		d, cols := SniffCSV(c.Text)
		if string(d) != c.Delimiter || !reflect.DeepEqual(cols, c.Columns) {
			t.Errorf("%s: SniffCSV(%q) = %q, %q; want %q, %q", c.Name, c.Text, d, cols, c.Delimiter, c.Columns)
		}
	}
	path := filepath.Join("..", "site", "js", "testdata", "csvsniff.json")
	b, err := json.MarshalIndent(map[string]any{
		"about": "SniffCSV's cases (calc/csvformat_test.go, go test ./calc -run TestSniffCSV -update): text -> delimiter and header columns.",
		"cases": sniffCases,
	}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	if *update {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if old, err := os.ReadFile(path); err != nil || string(old) != string(b) {
		t.Errorf("%s is not up to date: run go test ./calc -run TestSniffCSV -update", path)
	}
}

func TestDateParts(t *testing.T) {
	for _, c := range []struct {
		s             string
		y, a, b       int
		yearFirst, ok bool
	}{
		{"2024-03-01", 2024, 3, 1, true, true},
		{"2024-03-01 13:45:00", 2024, 3, 1, true, true},
		{"2024-03-01T23:45:00Z", 2024, 3, 1, true, true},
		{"2024-03-01T23:45:00-08:00", 2024, 3, 1, true, true}, // the date as written, not in UTC
		{"2024-03-01 13:45:17 +0100", 2024, 3, 1, true, true},
		{"20240301", 2024, 3, 1, true, true},
		{"2024/3/1", 2024, 3, 1, true, true},
		{"2024.03.01", 2024, 3, 1, true, true},
		{"01.03.2024", 2024, 1, 3, false, true},
		{"1.3.2024 13:45", 2024, 1, 3, false, true},
		{"3/1/2024, 1:45 PM", 2024, 3, 1, false, true},
		{"13/05/2024", 2024, 13, 5, false, true},
		{"01-03-2024", 2024, 1, 3, false, true},
		{"1/3/24", 2024, 1, 3, false, true},
		{"1/3/68", 2068, 1, 3, false, true},
		{"1/3/69", 1969, 1, 3, false, true},
		{"1/3/999", 0, 0, 0, false, false},
		{"01/03-2024", 0, 0, 0, false, false},
		{"2024-03", 0, 0, 0, false, false},
		{"45295", 0, 0, 0, false, false},
		{"1 Mar 2024", 0, 0, 0, false, false},
		{"01/03/2024x", 0, 0, 0, false, false},
		{"", 0, 0, 0, false, false},
	} {
		y, a, b, yf, ok := dateParts(c.s)
		if ok != c.ok || (ok && (y != c.y || a != c.a || b != c.b || yf != c.yearFirst)) {
			t.Errorf("dateParts(%q) = %d %d %d %v %v; want %d %d %d %v %v", c.s, y, a, b, yf, ok, c.y, c.a, c.b, c.yearFirst, c.ok)
		}
	}
}

// TestReadAmount: each amount read with a decimal point and with a decimal
// comma ("-" where that reading fails).
func TestReadAmount(t *testing.T) {
	str := func(v float64, ok bool) string {
		if !ok {
			return "-"
		}
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	for _, c := range []struct{ s, point, comma string }{
		{"12.50", "12.5", "-"},
		{"12,50", "-", "12.5"},
		{"1,020.00", "1020", "-"},
		{"1.020,00", "-", "1020"},
		{"1,020", "1020", "1.02"},
		{"1.020", "1.02", "1020"},
		{"0,500", "-", "0.5"},
		{"1,020,000", "1020000", "-"},
		{"1.020.000", "-", "1020000"},
		{"€12,50", "-", "12.5"},
		{"12,50 €", "-", "12.5"},
		{"12.50 USD", "12.5", "-"},
		{"$1,020.00", "1020", "-"},
		{"US$ 5", "5", "5"},
		{"-€5.25", "-5.25", "-"},
		{"€-5.25", "-5.25", "-"},
		{"(12.50)", "-12.5", "-"},
		{"12.50-", "-12.5", "-"},
		{"−3", "-3", "-3"},
		{"1 020,50", "-", "1020.5"},
		{"1\u00a0020,50", "-", "1020.5"},
		{"1'020.50", "1020.5", "-"},
		{"1e3", "1000", "1000"},
		{".5", "0.5", "-"},
		{"0.1", "0.1", "-"},
		{"12,5,0", "-", "-"},
		{"1,02,000", "-", "-"},
		{"1234,567.00", "-", "-"},
		{"NaN", "-", "-"},
		{"inf", "-", "-"},
		{"0x10", "-", "-"},
		{"twelve", "-", "-"},
		{"5 apples", "-", "-"},
		{"1e400", "-", "-"},
		{"9999999999999999", "-", "-"},
		{"123456789.123456789", "123456789.12345679", "-"},
	} {
		a := readAmount(c.s)
		if p, k := str(a.point, a.pointOK), str(a.comma, a.commaOK); p != c.point || k != c.comma {
			t.Errorf("readAmount(%q) = %s, %s; want %s, %s", c.s, p, k, c.point, c.comma)
		}
	}
}

// TestParseNumberMatchesParseFloat: a plain decimal reads to the float
// strconv.ParseFloat gives (the fast path divides exact integers).
func TestParseNumberMatchesParseFloat(t *testing.T) {
	for _, s := range []string{"0.1", "0.3", "12.34", "99999.99", "1234567.891", "0.000001", "4503599627370495.5", "123456789012345678"} {
		want, _ := strconv.ParseFloat(s, 64)
		if got, ok := parseNumber(s, '.'); ok != (want < maxAmount) || (ok && got != want) {
			t.Errorf("parseNumber(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
}

// TestTimestampsTakeTheDate: a date with a time of day, as exports write
// timestamps, is read as its calendar date as written (the time and any
// zone offset ignored), in the transactions and in observation_end and
// holdout_end alike; timestamps the readers do not know (Unix seconds,
// month names) leave their row out with a reason listing the formats read.
func TestTimestampsTakeTheDate(t *testing.T) {
	opt := txOptions{cols: txColumns{"customer_id", "date", ""}, dates: dateAuto, decimal: decimalAuto}
	for _, tc := range []struct{ text, want string }{
		{"2024-03-01T12:30:00Z", "2024-03-01"},
		{"2024-03-01 12:30:00", "2024-03-01"},
		{"2024-03-01T23:59:59-08:00", "2024-03-01"},
		{"2024-03-01T00:30:00.123+14:00", "2024-03-01"},
		{"2024/03/01 12:30", "2024-03-01"},
		{"13.03.2024 08:15", "2024-03-13"},
		{"3/13/2024, 8:15 PM", "2024-03-13"},
	} {
		file := "customer_id,date\n1," + tc.text + "\n"
		if strings.Contains(tc.text, ",") {
			file = "customer_id,date\n1,\"" + tc.text + "\"\n"
		}
		log, err := readTransactions(strings.NewReader(file), opt, Hooks{})
		if err != nil {
			t.Errorf("%q: %v", tc.text, err)
			continue
		}
		if got := log.customers[0].days[0].String(); got != tc.want {
			t.Errorf("%q read as %s, want %s", tc.text, got, tc.want)
		}
		if strings.HasPrefix(tc.text, "2024-") {
			if d, ok := parseDay(tc.text); !ok || d.String() != tc.want {
				t.Errorf("observation_end %q read as %v (%v), want %s", tc.text, d, ok, tc.want)
			}
		}
	}
	for _, text := range []string{"1709296200", "1 Mar 2024 12:30", "Mar 1, 2024"} {
		file := "customer_id,date\n1,2024-03-02\n1,\"" + text + "\"\n"
		_, err := readTransactions(strings.NewReader(file), txOptions{cols: opt.cols, dates: dateAuto, decimal: decimalAuto, strict: true}, Hooks{})
		want := "line 3: the date \"" + text + "\" is not a date (write it like 2024-03-01"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v; want an error with %q", text, err, want)
		}
	}
}
