package calc

import (
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/roikit/roikit/internal/clvsim"
)

// Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way",
// Marketing Science 24(2), 275-284: the BG/NBD estimates on the CDNOW
// sample, r = 0.243, α = 4.414, a = 0.793, b = 2.426 (weeks).
var fhlParams = bgnbdParams{r: 0.243, alpha: 4.414, a: 0.793, b: 2.426}

func cdnowFile(t testing.TB, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "cdnow", name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func strp(s string) *string { return &s }

func cdnowSummaryRequest(t testing.TB) CLVFitRequest {
	req := NewCLVFitRequest()
	req.SummaryCSV = strp(cdnowFile(t, "cdnow_customers_summary.csv"))
	return req
}

func TestCLVFitPublishedCDNOW(t *testing.T) {
	// FHL (2005) p. 280: a customer with x = 2, t_x = 30.43, T = 38.86 is
	// expected to make 1.226 purchases in the next 39 weeks.
	if got := fhlParams.expectedPurchases(2, 30.43, 38.86, 39); math.Abs(got-1.226) > 5e-4 {
		t.Errorf("E[Y(39) | 2, 30.43, 38.86] = %v, want 1.226 (FHL 2005)", got)
	}
	// lifetimes documentation (Quickstart, "Customer probability histories"
	// and conditional_probability_alive): P(alive) = 0.726578570080673 for
	// that customer at r = 0.243, α = 4.414, a = 0.793, b = 2.426.
	// Through the exported method the charts use.
	if got := (CLVFitBGNBD{R: 0.243, Alpha: 4.414, A: 0.793, B: 2.426}).PAlive(2, 30.43, 38.86); relErr(got, 0.726578570080673) > 1e-12 {
		t.Errorf("P(alive) = %.15f, want 0.726578570080673 (lifetimes docs)", got)
	}
	// P(alive) is exactly 1 without repeat purchases, and 0 (not NaN) for
	// x = 1000 purchases that stopped long ago (FHL eq. 13 in the limit).
	if got := fhlParams.pAlive(0, 0, 38.86); got != 1 {
		t.Errorf("P(alive | x = 0) = %v, want exactly 1", got)
	}
	if got := fhlParams.pAlive(1000, 10, 100); got != 0 {
		t.Errorf("P(alive | 1000, 10, 100) = %v, want 0", got)
	}
	if got := fhlParams.expectedPurchases(1000, 10, 100, 52); got != 0 {
		t.Errorf("E[Y | 1000, 10, 100] = %v, want 0", got)
	}
	// Expected purchases of a new customer, E[X(t)] (FHL eq. 9), as tabulated
	// in the lifetimes documentation (BetaGeoFitter.expected_number_of_purchases_up_to_time
	// on the CDNOW summary fit) and FHL's Figure 2 tracking plot: the values
	// are rounded to 4 decimals and come from lifetimes' own fit, so the
	// comparison uses our fit of the same summary and a tolerance of 5e-4.
	resp, err := CLVFit(cdnowSummaryRequest(t), Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	fit := bgnbdParams{r: resp.BGNBD.R, alpha: resp.BGNBD.Alpha, a: resp.BGNBD.A, b: resp.BGNBD.B}
	for _, c := range []struct{ t, want float64 }{
		{0.1429, 0.0078}, {1, 0.0532}, {3, 0.1506}, {31.8571, 1.0405}, {32, 1.0437}, {78, 1.8576},
	} {
		if got := fit.expectedNew(c.t); relErr(got, c.want) > 5e-4 && math.Abs(got-c.want) > 5e-5 {
			t.Errorf("E[X(%v)] = %.5f, want %v (lifetimes docs)", c.t, got, c.want)
		}
	}
	// The fit itself: FHL's estimates and BTYD's log-likelihood -9582.43.
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"r", fit.r, 0.243}, {"alpha", fit.alpha, 4.414}, {"a", fit.a, 0.793}, {"b", fit.b, 2.426}, {"ll", resp.BGNBD.LogLikelihood, -9582.43}} {
		if relErr(c.got, c.want) > 2e-3 {
			t.Errorf("%s = %v, want %v (FHL 2005; BTYD)", c.name, c.got, c.want)
		}
	}
}

func TestExpectedPurchasesAgainstMpmath(t *testing.T) {
	// FHL eq. 10's bracket, (a+b+x-1)/(a-1) [1 - ((α+T)/(α+T+t))^(r+x)
	// 2F1(r+x, b+x; a+b+x-1; t/(α+T+t))], evaluated by mpmath 1.3.0 (hyp2f1,
	// 30 digits) in its original form, and confirmed by mpmath's quadrature of
	// ∫ (1 - ((α+T)/(α+T+pt))^(r+x))/p Beta(p; a, b+x) dp.
	for _, c := range []struct {
		p       bgnbdParams
		x, T, t float64
		want    float64
	}{
		{bgnbdParams{2, 1, 5, 2}, 20, 50, 500, 6.49907356932650381571499490648},
		{bgnbdParams{0.5, 20, 0.3, 0.2}, 0, 0, 52, 0.733741160927400311273963351507},
		{bgnbdParams{0.2, 4, 0.999, 0.3}, 0, 0, 52, 0.578379166708448833608529389282},
		{bgnbdParams{2, 1, 5, 2}, 7, 30, 1, 0.274357930844839863232117013898},
		{bgnbdParams{0.243, 4.414, 0.793, 2.426}, 200, 100, 52, 84.52550088274991360949872},
		{bgnbdParams{0.243, 4.414, 0.793, 2.426}, 0, 0, 10000, 15.06791331505517740858225},
		{bgnbdParams{0.243, 4.414, 0.793, 2.426}, 3, 100000.0, 52, 0.001686048422909861286882201},
		{bgnbdParams{0.5, 20, 0.3, 0.2}, 1, 10, 100000, 500.603982223328004023791},
		{bgnbdParams{0.2, 4, 1.05, 2}, 5, 40, 52, 4.314159952064349102371254},
	} {
		if got := c.p.expectedIfAlive(c.x, c.T, c.t); relErr(got, c.want) > 1e-10 {
			t.Errorf("%+v x=%v T=%v t=%v: %v, mpmath %v", c.p, c.x, c.T, c.t, got, c.want)
		}
	}
}

func TestPredictionsStayFinite(t *testing.T) {
	// x = 1000, a < 1 and huge T: no NaN, no Inf, no negative expectation.
	for _, p := range []bgnbdParams{fhlParams, {0.01, 0.01, 0.01, 0.01}, {100, 1e4, 0.05, 100}, {0.2, 4, 1, 2}} {
		for _, c := range []struct{ x, tx, T, t float64 }{
			{1000, 10, 100, 52}, {1000, 99.9, 100, 5200}, {1000, 1e6, 1e6, 1e4}, {0, 0, 1e7, 52}, {1, 0, 0, 1e4}, {3, 1e7 - 1, 1e7, 52},
		} {
			pa := p.pAlive(c.x, c.tx, c.T)
			e := p.expectedPurchases(c.x, c.tx, c.T, c.t)
			if math.IsNaN(pa) || pa < 0 || pa > 1 || math.IsNaN(e) || math.IsInf(e, 0) || e < 0 {
				t.Errorf("%+v %+v: P(alive) %v, E %v", p, c, pa, e)
			}
		}
	}
}

// gradCheck compares an analytic gradient with central differences.
func gradCheck(t *testing.T, name string, f func(x, grad []float64) float64, x []float64) {
	t.Helper()
	g := make([]float64, len(x))
	f(x, g)
	for i := range x {
		h := 1e-6
		xp, xm := append([]float64(nil), x...), append([]float64(nil), x...)
		xp[i] += h
		xm[i] -= h
		num := (f(xp, nil) - f(xm, nil)) / (2 * h)
		if math.Abs(num-g[i]) > 1e-5*math.Max(1, math.Abs(num)) {
			t.Errorf("%s: ∂/∂θ%d analytic %v, finite difference %v", name, i, g[i], num)
		}
	}
}

func TestBGNBDGradient(t *testing.T) {
	pats := []pattern{{0, 0, 38.86, 1411}, {1, 1.71, 38.86, 3}, {2, 30.43, 38.86, 1}, {7, 35, 38, 2}, {1000, 10, 100, 1}, {3, 1e5, 1e5, 1}}
	f := func(x, grad []float64) float64 {
		return bgnbdLogLik(bgnbdParams{math.Exp(x[0]), math.Exp(x[1]), math.Exp(x[2]), math.Exp(x[3])}, pats, grad)
	}
	for _, x := range [][]float64{{math.Log(0.243), math.Log(4.414), math.Log(0.793), math.Log(2.426)}, {0, 0, 0, 0}, {1, -2, 2, -1}} {
		gradCheck(t, "BG/NBD", f, x)
	}
}

func TestGammaGammaGradient(t *testing.T) {
	data := []spender{{1, 11.77, 3}, {2, 22.35, 1}, {5, 40, 2}, {30, 5.5, 1}}
	f := func(x, grad []float64) float64 {
		return ggLogLik(ggParams{math.Exp(x[0]), math.Exp(x[1]), math.Exp(x[2])}, data, grad)
	}
	for _, x := range [][]float64{{math.Log(6.25), math.Log(3.74), math.Log(15.44)}, {0, 0, 0}, {-1, 2, 3}} {
		gradCheck(t, "Gamma-Gamma", f, x)
	}
}

func TestCLVFitParameterRecovery(t *testing.T) {
	n := 50000
	if testing.Short() || runtime.GOARCH == "wasm" {
		n = 20000 // the same check with wider tolerances; the full size runs natively
	}
	truth := bgnbdParams{r: 0.25, alpha: 4, a: 0.8, b: 2.5}
	rows := simulateBGNBD(truth, n, 26, 78, 42)
	pats := groupPatterns(rows)
	sortPatterns(pats, rows)
	fit, err := fitBGNBD(pats, &fitProgress{})
	if err != nil {
		t.Fatal(err)
	}
	got := fit.params
	// Tolerances of about three standard errors at n = 50,000 (the
	// dropout parameters are the least precise).
	tol := map[string]float64{"r": 0.05, "alpha": 0.06, "a": 0.15, "b": 0.2}
	if n < 50000 {
		for k := range tol {
			tol[k] *= 1.6
		}
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"r", got.r, truth.r}, {"alpha", got.alpha, truth.alpha}, {"a", got.a, truth.a}, {"b", got.b, truth.b}} {
		if relErr(c.got, c.want) > tol[c.name] {
			t.Errorf("%s = %.4f, true %.4f (n = %d)", c.name, c.got, c.want, n)
		}
	}
	t.Logf("recovered %+v from %d customers (%d patterns)", got, n, len(pats))
}

// fitJSON runs a clvfit request through the JSON entry point.
func fitJSON(t *testing.T, req map[string]any) (map[string]any, Errors) {
	t.Helper()
	b, _ := json.Marshal(req)
	out, status := RunJSON("clvfit", b)
	if status == StatusOK {
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatal(err)
		}
		return m, nil
	}
	var body struct{ Errors Errors }
	if err := json.Unmarshal(out, &body); err != nil || len(body.Errors) == 0 {
		t.Fatalf("status %d: %s", status, out)
	}
	return nil, body.Errors
}

// small is a transaction log with enough repeat buyers to fit.
const small = `customer_id,date,amount
a,1997-01-01,10
a,1997-01-01,5
a,1997-02-01,20
a,1997-03-15,30
b,1997-01-05,12
b,19970301,14
c,1997-01-10,8
d,1997-02-02,40
d,1997-06-01,45
e,1997-03-01,9
f,1997-01-20,25
f,1997-04-20,20
f,1997-05-20,22
g,1997-05-01,15
h,1997-01-03,33
h,1997-01-30,31
`

func TestCLVFitCSVErrors(t *testing.T) {
	tests := []struct {
		name  string
		req   map[string]any
		field string
		want  []string
	}{
		{"empty file", map[string]any{"transactions_csv": ""}, "transactions_csv", []string{"is empty"}},
		{"header only", map[string]any{"transactions_csv": "customer_id,date\n"}, "transactions_csv", []string{"no transactions"}},
		{"missing column", map[string]any{"transactions_csv": "id,day,amount\n1,1997-01-01,3\n"}, "transactions_csv",
			[]string{`"customer_id"`, `"date"`, `columns found are "id", "day" and "amount"`}},
		{"bad dates, strict", map[string]any{"transactions_csv": "customer_id,date\n1,1997-01-01\n1,1997-13-01\n2,1997-02-30\n3,01-1997\n", "strict": true}, "transactions_csv",
			[]string{"The transactions file has 3 rows", "line 3:", `"1997-13-01"`, "line 4:", "line 5:"}},
		{"many bad rows, strict", map[string]any{"transactions_csv": "customer_id,date\n" + strings.Repeat("1,x\n", 9), "strict": true}, "transactions_csv",
			[]string{"9 rows", "line 2:", "line 6:", "; and 4 more."}},
		{"many bad rows", map[string]any{"transactions_csv": "customer_id,date\n" + strings.Repeat("1,x\n", 9) + strings.Repeat("2,1997-01-01\n", 9)}, "transactions_csv",
			[]string{"9 of the 18 rows", "(50 %)", `most in the date column "date"`, "line 2:", "line 6:"}},
		{"bad amount", map[string]any{"transactions_csv": "customer_id,date,amount\n1,1997-01-01,5 apples\n", "strict": true}, "transactions_csv", []string{"line 2:", `"5 apples"`}},
		{"short row", map[string]any{"transactions_csv": "customer_id,date,amount\n1\n"}, "transactions_csv", []string{"line 2:", "1 column", "do not match the header"}},
		// Issue 15: short rows and extra columns are alike (an unquoted comma shifts the columns after it).
		{"extra column", map[string]any{"transactions_csv": "customer_id,date,amount\n1,1997-01-01,1,020.00\n"}, "transactions_csv", []string{"line 2: it has 4 columns, the header has 3", "do not match the header"}},
		{"short and extra, strict", map[string]any{"transactions_csv": small + "1,1997-01-01\n1,1997-01-01,2,3\n", "strict": true}, "transactions_csv",
			[]string{"2 rows", "line 18: it has 2 columns, the header has 3", "line 19: it has 4 columns, the header has 3"}},
		{"amount too large", map[string]any{"transactions_csv": "customer_id,date,amount\n1,1997-01-01,1e300\n", "strict": true}, "transactions_csv",
			[]string{`line 2: the amount "1e300" is too large: amounts must be between -1e15 and 1e15`}},
		{"amount too large, decimal comma", map[string]any{"transactions_csv": "customer_id;date;amount\n1;1997-01-01;12,50\n1;1997-01-02;2.000.000.000.000.000,00\n", "strict": true}, "transactions_csv",
			[]string{`line 3: the amount "2.000.000.000.000.000,00" is too large`}},
		{"no id column chosen", map[string]any{"transactions_csv": "customer_id,date,\n1,1997-01-01,\n", "id_column": ""}, "transactions_csv",
			[]string{"The transactions file has no customer id column (none is chosen). The columns found are"}},
		{"binary file", map[string]any{"transactions_csv": "\x00\x01\x02PK\x00,\x00\n\x00"}, "transactions_csv", []string{"is not a CSV text file", "zero bytes"}},
		{"summary extra column", map[string]any{"summary_csv": "frequency,recency,T\n1,2,3,4\n"}, "summary_csv", []string{"line 2: it has 4 columns, the header has 3"}},
		{"summary too large", map[string]any{"summary_csv": "frequency,recency,T\n1e300,2,3\n"}, "summary_csv", []string{`line 2: frequency "1e300" is too large: it must be between 0 and 1e9`}},
		{"summary spend too large", map[string]any{"summary_csv": "frequency,recency,T,monetary_value\n1,2,3,1e400\n"}, "summary_csv", []string{`line 2: monetary_value "1e400" is too large: it must be between -1e15 and 1e15`}},
		{"summary not a number", map[string]any{"summary_csv": "frequency,recency,T\n1,two,3\n"}, "summary_csv", []string{`line 2: recency "two" is not a number`}},
		{"empty id", map[string]any{"transactions_csv": "customer_id,date\n ,1997-01-01\n"}, "transactions_csv", []string{"line 2:", "id is empty", `customer id column "customer_id"`}},
		{"bad quote", map[string]any{"transactions_csv": "customer_id,date\n1,1997-01-01\n\"2\"x,1997-01-01\n"}, "transactions_csv", []string{"line 3:"}},
		{"ambiguous dates", map[string]any{"transactions_csv": "customer_id,date\n1,01/02/1997\n1,03/04/1997\n2,05/05/1997\n"}, "date_format",
			[]string{`date column "date"`, "day first or month first", "line 2 reads as 1997-02-01 or 1997-01-02", "Choose the date format"}},
		{"year-first only", map[string]any{"transactions_csv": "customer_id,date\n1,1997-01-01\n1,13/02/1997\n", "date_format": "ymd", "strict": true}, "transactions_csv",
			[]string{"line 3:", "not written year first"}},
		{"bad date format", map[string]any{"transactions_csv": small, "date_format": "dd/mm/yyyy"}, "date_format", []string{"auto"}},
		{"bad decimal separator", map[string]any{"transactions_csv": small, "decimal_separator": ";"}, "decimal_separator", []string{"auto"}},
		{"recency greater than T", map[string]any{"summary_csv": "frequency,recency,T\n1,2,3\n2,5,4\n"}, "summary_csv",
			[]string{"line 3:", "recency 5 is greater than T 4"}},
		{"fractional frequency", map[string]any{"summary_csv": "frequency,recency,T\n1.5,2,3\n"}, "summary_csv", []string{"line 2:", "whole number"}},
		{"summary missing T", map[string]any{"summary_csv": "ID,frequency,recency\n1,2,3\n"}, "summary_csv", []string{`has no column "T".`, `"ID", "frequency" and "recency"`}},
		{"summary missing columns", map[string]any{"summary_csv": "ID,frequency\n1,2\n"}, "summary_csv", []string{`has no columns "recency" and "T".`}},
		{"summary bad count", map[string]any{"summary_csv": "frequency,recency,T,count\n1,2,3,0\n"}, "summary_csv", []string{"line 2:", "count"}},
		{"summary negative", map[string]any{"summary_csv": "frequency,recency,T\n1,-2,3\n"}, "summary_csv", []string{"line 2:", "recency"}},
		{"no source", map[string]any{}, "transactions_csv", []string{"required"}},
		{"both sources", map[string]any{"transactions_csv": small, "summary_csv": "frequency,recency,T\n"}, "summary_csv", []string{"not both"}},
		{"bad observation end", map[string]any{"transactions_csv": small, "observation_end": "30/09/1997"}, "observation_end", []string{"YYYY-MM-DD"}},
		{"end before data", map[string]any{"transactions_csv": small, "observation_end": "1990-01-01"}, "observation_end", []string{"before the first transaction (1997-01-01)"}},
		{"holdout without end", map[string]any{"transactions_csv": small, "holdout_end": "1997-09-01"}, "holdout_end", []string{"end of observation"}},
		{"holdout before end", map[string]any{"transactions_csv": small, "observation_end": "1997-04-01", "holdout_end": "1997-03-01"}, "holdout_end", []string{"must be after"}},
		{"no repeat buyers", map[string]any{"transactions_csv": "customer_id,date\n1,1997-01-01\n2,1997-01-02\n"}, "", []string{"None of the 2 customers"}},
		{"bad time unit", map[string]any{"transactions_csv": small, "time_unit": "month"}, "time_unit", []string{"week"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := fitJSON(t, tt.req)
			if errs == nil {
				t.Fatal("no error")
			}
			e := errs[0]
			if e.Field != tt.field {
				t.Errorf("field %q, want %q (%s)", e.Field, tt.field, e.Message)
			}
			for _, w := range tt.want {
				if !strings.Contains(e.Message, w) {
					t.Errorf("message %q lacks %q", e.Message, w)
				}
			}
		})
	}
}

func TestTransactionsSummary(t *testing.T) {
	log, err := readTransactions(strings.NewReader("\ufeffCustomer_ID , Date,amount\n"+strings.TrimPrefix(small, "customer_id,date,amount\n")+"\n\"i\",\"2014-03-08 00:00:00\",\"1.5\"\n"),
		txOptions{cols: txColumns{"customer_id", "date", "amount"}, dates: "auto", decimal: "auto"}, Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	end, _ := parseDay("1997-04-01")
	hold, _ := parseDay("1997-12-31")
	rows, late := summarizeLog(log, end, hold, 7)
	if late != 2 { // g (May) and i (2014)
		t.Errorf("late = %d, want 2", late)
	}
	got := map[string]rfm{}
	for _, r := range rows {
		got[r.id] = r
	}
	// a: 1997-01-01 twice (merged: 15), 02-01 (20), 03-15 (30).
	a := got["a"]
	if a.x != 2 || a.tx != 73.0/7 || a.T != 90.0/7 || a.m != 25 || !a.hasM || a.holdout != 0 {
		t.Errorf("a = %+v", a)
	}
	// b: 1997-01-05, 1997-03-01 (YYYYMMDD).
	if b := got["b"]; b.x != 1 || b.tx != 55.0/7 || b.m != 14 {
		t.Errorf("b = %+v", b)
	}
	// d: one purchase before the end, one in the holdout period.
	if d := got["d"]; d.x != 0 || d.tx != 0 || d.hasM || d.holdout != 1 {
		t.Errorf("d = %+v", d)
	}
	if f := got["f"]; f.x != 0 || f.holdout != 2 {
		t.Errorf("f = %+v", f)
	}
}

func TestParseDay(t *testing.T) {
	for _, c := range []struct {
		s    string
		want string
		ok   bool
	}{
		{"1997-01-01", "1997-01-01", true}, {"19970101", "1997-01-01", true}, {"2000-02-29", "2000-02-29", true},
		{"1900-02-29", "", false}, {"2014-03-08T10:00:00Z", "2014-03-08", true}, {"1997-1-1", "1997-01-01", true}, {"01/02/1997", "", false},
		{"1997-01-01x", "", false}, {"", "", false}, {"-997-01-01", "", false}, {"1970-01-01", "1970-01-01", true},
	} {
		d, ok := parseDay(c.s)
		if ok != c.ok || (ok && d.String() != c.want) {
			t.Errorf("parseDay(%q) = %v, %v; want %q, %v", c.s, d, ok, c.want, c.ok)
		}
	}
	if d, _ := parseDay("1970-01-02"); d != 1 {
		t.Errorf("1970-01-02 is day %d, want 1", d)
	}
}

// cdnowSpendSummary is the CDNOW summary with spend, under the column
// names summary_csv expects.
func cdnowSpendSummary(t testing.TB) []string {
	// The file's lines end with \r\n: a \r left at a row's end would end a line of its own.
	lines := strings.Split(strings.ReplaceAll(strings.TrimSpace(cdnowFile(t, "cdnow_customers_summary_with_transactions.csv")), "\r\n", "\n"), "\n")
	out := make([]string, 0, len(lines))
	for _, l := range lines[1:] {
		_, rest, _ := strings.Cut(l, ",") // drop the ID
		out = append(out, rest)
	}
	return out
}

// TestCLVFitSummaryCounts checks that a summary grouped with count gives the
// fit of the same customers one row each, and that gamma_gamma counts
// customers, not rows.
func TestCLVFitSummaryCounts(t *testing.T) {
	rows := cdnowSpendSummary(t)
	one := "frequency,recency,T,monetary_value\n" + strings.Join(rows, "\n")
	counts := map[string]int{}
	var order []string
	for _, r := range rows {
		if counts[r] == 0 {
			order = append(order, r)
		}
		counts[r]++
	}
	grouped := "frequency,recency,T,monetary_value,count\n"
	for _, r := range order {
		grouped += r + "," + itoa(counts[r]) + "\n"
	}
	a, errs := fitJSON(t, map[string]any{"summary_csv": one})
	if errs != nil {
		t.Fatal(errs)
	}
	b, errs := fitJSON(t, map[string]any{"summary_csv": grouped})
	if errs != nil {
		t.Fatal(errs)
	}
	for _, k := range []string{"customers", "repeat_customers", "unique_patterns"} {
		if a[k] != b[k] {
			t.Errorf("%s: %v one per row, %v grouped", k, a[k], b[k])
		}
	}
	if err := compareJSON(b["bgnbd"], a["bgnbd"], 1e-5); err != nil {
		t.Errorf("bgnbd: %v", err)
	}
	if err := compareJSON(b["gamma_gamma"], a["gamma_gamma"], 1e-5); err != nil {
		t.Errorf("gamma_gamma: %v", err)
	}
	// 946 repeat buyers (README of the CDNOW data), in fewer grouped rows.
	if gg := b["gamma_gamma"].(map[string]any); gg["customers"] != 946.0 || len(order) >= len(rows) {
		t.Errorf("gamma_gamma customers = %v, want 946 (%d grouped rows)", gg["customers"], len(order))
	}
	if b["customers"] != 2357.0 {
		t.Errorf("customers = %v, want 2357", b["customers"])
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestCLVFitHoldoutAndPredictions(t *testing.T) {
	resp, errs := fitJSON(t, map[string]any{
		"transactions_csv": cdnowFile(t, "cdnow_sample_transactions.csv"),
		"observation_end":  "1997-09-30", "holdout_end": "1998-06-30", "predictions": true, "gross_margin": 0.3,
	})
	if errs != nil {
		t.Fatal(errs)
	}
	hold := resp["holdout"].([]any)
	if len(hold) != 8 {
		t.Fatalf("holdout has %d rows, want 8", len(hold))
	}
	// FHL (2005), Figure 3: for the 1,411 customers with no repeat purchase
	// in the 39-week calibration period, the model predicts about 0.24
	// purchases in the 39-week holdout and they made about 0.23.
	h0 := hold[0].(map[string]any)
	if h0["customers"] != 1411.0 || math.Abs(h0["expected"].(float64)-0.24) > 0.02 || math.Abs(h0["actual"].(float64)-0.23) > 0.02 {
		t.Errorf("holdout frequency 0: %v", h0)
	}
	preds := resp["customers_predictions"].([]any)
	if len(preds) != 2357 {
		t.Fatalf("%d predictions, want 2357", len(preds))
	}
	first := preds[0].(map[string]any) // customer 0001: x = 2, t_x = 30.43, T = 38.86 weeks
	if first["customer_id"] != "0001" || first["frequency"] != 2.0 || math.Abs(first["p_alive"].(float64)-0.7266) > 1e-3 {
		t.Errorf("customer 0001: %v", first)
	}
	pop := resp["population"].(map[string]any)
	sum := 0.0
	for _, p := range preds {
		sum += p.(map[string]any)["clv"].(float64)
	}
	if relErr(sum, pop["clv_total"].(float64)) > 1e-9 {
		t.Errorf("sum of CLVs %v, population %v", sum, pop["clv_total"])
	}
}

func TestCLVFitStreamingAndHooks(t *testing.T) {
	text := cdnowFile(t, "cdnow_sample_transactions.csv")
	req := NewCLVFitRequest()
	req.ObservationEnd = strp("1997-09-30")
	var phases []string
	var last Progress
	iterations := 0
	hooks := Hooks{Progress: func(p Progress) {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		} else if p.Fraction < last.Fraction || p.Iteration < last.Iteration {
			t.Errorf("progress went back within phase %s: %+v after %+v", p.Phase, p, last)
		}
		if p.Phase == "fit" {
			iterations = p.Iteration
		}
		last = p
	}}
	// Rows below progressRows report no parse progress; repeat the data
	// under new ids so the parse phase reports too.
	var big strings.Builder
	big.WriteString(text)
	lines := strings.Split(strings.TrimSpace(text), "\n")[1:]
	for k := 0; k < 2; k++ {
		for _, l := range lines {
			big.WriteString("x" + itoa(k) + l + "\n")
		}
	}
	req.TransactionsReader = strings.NewReader(big.String())
	resp, err := CLVFit(req, hooks)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(phases, ",") != "parse,summarize,fit,predict" || iterations < 5 {
		t.Errorf("phases %v, fit iterations %d", phases, iterations)
	}
	if resp.Customers != 3*2357 || relErr(resp.BGNBD.R, 0.24259) > 1e-3 {
		t.Errorf("customers %d, r %v", resp.Customers, resp.BGNBD.R)
	}
	// Cancellation: during parsing and during the fit.
	for _, after := range []int{0, 3} {
		calls := 0
		res := Run("clvfit", mustJSON(map[string]any{"transactions_csv": big.String()}), Hooks{
			Cancelled: func() bool { calls++; return calls > after },
		})
		out, status := res.JSON(), res.Status
		if status != StatusInvalid || !bytes.Contains(out, []byte(`"code":"cancelled"`)) {
			t.Errorf("cancel after %d: %d %s", after, status, out)
		}
	}
	// Without hooks, Run answers like RunJSON.
	a := Run("clvfit", mustJSON(map[string]any{"summary_csv": cdnowFile(t, "cdnow_customers_summary.csv")}), Hooks{}).JSON()
	b, _ := RunJSON("clvfit", mustJSON(map[string]any{"summary_csv": cdnowFile(t, "cdnow_customers_summary.csv")}))
	if !bytes.Equal(a, b) {
		t.Error("Run and RunJSON differ")
	}
}

func mustJSON(v any) []byte { b, _ := json.Marshal(v); return b }

func TestCLVFitRobustExtremes(t *testing.T) {
	// x = 1000, an enormous T, a < 1 territory (many one-off buyers): the
	// answer is a fit or a clear error, never NaN.
	csv := "frequency,recency,T,monetary_value,count\n0,0,1e6,0,500\n1000,10,100,5,1\n1,1e6,1e6,3,2\n2,1,2,1e6,3\n1,0.5,1,0.01,1\n"
	out, status := RunJSON("clvfit", mustJSON(map[string]any{"summary_csv": csv, "predictions": true, "horizon": 10000}))
	if bytes.Contains(out, []byte("NaN")) || bytes.Contains(out, []byte("Inf")) {
		t.Fatalf("non-finite output: %s", out)
	}
	if status != StatusOK && !bytes.Contains(out, []byte("did not converge")) && !bytes.Contains(out, []byte("degenerate")) && !bytes.Contains(out, []byte(`"not_identified"`)) {
		t.Errorf("status %d: %.400s", status, out)
	}
}

func TestCLVFitCorrelationWarning(t *testing.T) {
	// The CDNOW summary with each spend multiplied by the frequency, so
	// spend rises with frequency but keeps its natural spread.
	csv := "frequency,recency,T,monetary_value\n"
	for _, r := range cdnowSpendSummary(t) {
		f := strings.Split(r, ",")
		var x, m float64
		json.Unmarshal([]byte(f[0]), &x)
		json.Unmarshal([]byte(f[3]), &m)
		f[3] = strconv.FormatFloat(m*x, 'f', 2, 64)
		csv += strings.Join(f, ",") + "\n"
	}
	resp, errs := fitJSON(t, map[string]any{"summary_csv": csv})
	if errs != nil {
		t.Fatal(errs)
	}
	ws, _ := json.Marshal(resp["warnings"])
	if !strings.Contains(string(ws), "frequency_spend_correlated") {
		t.Errorf("no correlation warning: %s (r = %v)", ws, resp["frequency_monetary_correlation"])
	}
	// The real CDNOW spend (r = 0.11) gets no such warning.
	resp, _ = fitJSON(t, map[string]any{"summary_csv": "frequency,recency,T,monetary_value\n" + strings.Join(cdnowSpendSummary(t), "\n")})
	if ws, _ := json.Marshal(resp["warnings"]); strings.Contains(string(ws), "correlated") {
		t.Errorf("CDNOW warned: %s", ws)
	}
}

func BenchmarkCLVFitCDNOW(b *testing.B) {
	body := mustJSON(map[string]any{"transactions_csv": cdnowFile(b, "cdnow_sample_transactions.csv"), "observation_end": "1997-09-30"})
	for b.Loop() {
		if _, status := RunJSON("clvfit", body); status != StatusOK {
			b.Fatal(status)
		}
	}
}

// BenchmarkCLVFit1MRows reads and fits a synthetic log of 1,000,000
// transactions end to end and prints rows per second. It runs only with
// ROIKIT_BENCH=1 (it takes seconds and hundreds of MB).
func BenchmarkCLVFit1MRows(b *testing.B) {
	if os.Getenv("ROIKIT_BENCH") != "1" {
		b.Skip("set ROIKIT_BENCH=1 to run the 1,000,000-row benchmark")
	}
	var buf bytes.Buffer
	rows, _ := clvsim.WriteTransactions(&buf, 1_000_000, 1)
	data := buf.Bytes()
	req := NewCLVFitRequest()
	req.TimeUnit = "day"
	req.Horizon = 365
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		req.TransactionsReader = bytes.NewReader(data)
		resp, err := CLVFit(req, Hooks{})
		if err != nil {
			b.Fatal(err)
		}
		d := time.Since(start)
		b.Logf("%d rows, %d customers, %d patterns: %v (%.0f rows/s)", rows, resp.Customers, resp.UniquePatterns, d.Round(time.Millisecond), float64(rows)/d.Seconds())
	}
}

// TestDayString: a day writes as time.Format("2006-01-02") writes it, over
// years 1 to 9999 (a day every 997, so every month and leap rule is met).
func TestDayString(t *testing.T) {
	for d := civilDay(1, 1, 1); d <= civilDay(9999, 12, 31); d += 997 {
		want := time.Unix(int64(d)*86400, 0).UTC().Format("2006-01-02")
		if got := d.String(); got != want {
			t.Fatalf("day %d = %q, want %q", d, got, want)
		}
	}
	if got := civilDay(2024, 2, 29).String(); got != "2024-02-29" {
		t.Errorf("2024-02-29 = %q", got)
	}
}
