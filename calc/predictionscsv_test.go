package calc

import "testing"

// TestPredictionsCSV: grouped summary rows get a count column; ids with
// commas, quotes or line breaks are quoted; ids a spreadsheet would run as
// formulas get a leading '; absent values are empty cells; negative
// numbers stay numbers.
func TestPredictionsCSV(t *testing.T) {
	m, clv := 12.5, -3.5
	preds := []CLVFitPrediction{
		{CustomerID: `a,"b"`, Count: 3, Frequency: 2, Recency: 30.43, T: 38.86, MonetaryValue: &m, PAlive: 0.726578570080673, ExpectedPurchases: 1.226},
		{CustomerID: "line\nbreak", Frequency: 0, T: 1e-7, PAlive: 1e-300, ExpectedPurchases: 2e21},
		{CustomerID: "=HYPERLINK(\"http://x\",\"y\")", Frequency: 1, T: 2, CLV: &clv},
		{CustomerID: "-2+3,4", T: 1},
	}
	got := string(PredictionsCSV(preds, nil))
	want := "customer_id,count,frequency,recency,T,monetary_value,p_alive,expected_purchases,expected_average_spend,clv\n" +
		`"a,""b""",3,2,30.43,38.86,12.5,0.726578570080673,1.226,,` + "\n" +
		"\"line\nbreak\",1,0,0,1e-07,,1e-300,2e+21,,\n" +
		`"'=HYPERLINK(""http://x"",""y"")",1,1,0,2,,0,0,,-3.5` + "\n" +
		`"'-2+3,4",1,0,0,1,,0,0,,` + "\n"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCSVText: the cells OWASP's "CSV Injection" page names (starting with
// =, +, -, @, tab, carriage return) get a leading '; plain numbers and
// other text are unchanged.
func TestCSVText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+2", "'=1+2"},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"-", "'-"},
		{"-e5", "'-e5"},
		{"+1e", "'+1e"},
		{"-3.5", "-3.5"},
		{"+12", "+12"},
		{"-1e-3", "-1e-3"},
		{"-.5", "-.5"},
		{"cust=1", "cust=1"},
		{" =1+2", " =1+2"},
		{"", ""},
		{"alice@example.com", "alice@example.com"},
	} {
		if got := CSVText(tc.in); got != tc.want {
			t.Errorf("CSVText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if back := UnguardCSVText(CSVText(tc.in)); back != tc.in {
			t.Errorf("UnguardCSVText(CSVText(%q)) = %q", tc.in, back)
		}
	}
}
