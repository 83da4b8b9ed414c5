package calc

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// readExport summarizes a file of testdata/exports as clvfit does, at the
// log's last date, in weeks: the customers' rows by id and the response's
// facts and warnings.
func readExport(t *testing.T, name string, req CLVFitRequest) (map[string]rfm, *CLVFitResponse, error) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "exports", name))
	if err != nil {
		t.Fatal(err)
	}
	req.TransactionsReader = strings.NewReader(string(b))
	resp := &CLVFitResponse{}
	rows, _, _, err := customersFromLog(&req, resp, 7, Hooks{}, func(string, float64) {})
	if err != nil {
		return nil, resp, err
	}
	out := map[string]rfm{}
	for _, r := range rows {
		out[r.id] = r
	}
	return out, resp, nil
}

func respWarningCodes(r *CLVFitResponse) []string {
	var c []string
	for _, w := range r.Warnings {
		c = append(c, w.Code)
	}
	return c
}

// TestExportsReadAsTheirCleanEquivalents reads files shaped as shops,
// payment providers and spreadsheets export them (testdata/exports, each
// beside a .clean.csv of the same purchases written customer_id, ISO date,
// plain amount) and checks that each gives its clean equivalent's
// customers, frequency, recency, T and spend, or the documented error.
//
// It is long because each case checks the error, the customers, the dates
// and the skipped rows of one table row.
func TestExportsReadAsTheirCleanEquivalents(t *testing.T) {
	tests := []struct {
		file, clean          string
		id, date, amount     string
		dateFormat, decimal  string
		skipped              int      // rows left out
		skippedLines         []int    // their lines
		errField, errMessage string   // the documented error, when one
		errWants             []string // more of its message
	}{
		{file: "shopify_orders.csv", clean: "shopify_orders.clean.csv", id: "Email", date: "Created at", amount: "Total"},
		{file: "woocommerce_orders.csv", clean: "woocommerce_orders.clean.csv", id: "Customer Email", date: "Order Date", amount: "Order Total"},
		{file: "stripe_payments.csv", clean: "stripe_payments.clean.csv", id: "Customer ID", date: "Created (UTC)", amount: "Amount"},
		{file: "german_excel.csv", clean: "german_excel.clean.csv", id: "Kunde", date: "Bestelldatum", amount: "Umsatz"},
		{file: "german_excel.csv", clean: "german_excel.clean.csv", id: "Kunde", date: "Bestelldatum", amount: "Umsatz", dateFormat: "dmy", decimal: ","},
		{file: "us_excel.csv", clean: "us_excel.clean.csv", id: "Customer", date: "Order Date", amount: "Sales"},
		{file: "us_excel.csv", clean: "us_excel.clean.csv", id: "Customer", date: "Order Date", amount: "Sales", dateFormat: "mdy", decimal: "."},
		{file: "ga4_bigquery.tsv", clean: "ga4_bigquery.clean.csv", id: "user_pseudo_id", date: "event_date", amount: "purchase_revenue"},
		{file: "ambiguous_dates.csv", id: "customer", date: "date", amount: "amount",
			errField: "date_format", errMessage: `The dates in the date column "date" can be read day first or month first`},
		{file: "ambiguous_dates.csv", clean: "ambiguous_dates.clean.csv", id: "customer", date: "date", amount: "amount", dateFormat: "dmy"},
		{file: "bad_rows_3pct.csv", clean: "bad_rows_3pct.clean.csv", id: "customer_id", date: "date", amount: "amount",
			skipped: 2, skippedLines: []int{21, 52}},
		{file: "bad_rows_20pct.csv", id: "customer_id", date: "date", amount: "amount",
			errField: "transactions_csv", errMessage: `12 of the 60 rows of the transactions file (20 %) could not be read, most in the date column "date": line 4: the date "45295" is not a date`,
			errWants: []string{"line 9:", "line 14:"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+"/"+tt.dateFormat+tt.decimal, func(t *testing.T) {
			req := NewCLVFitRequest()
			req.IDColumn, req.DateColumn, req.AmountColumn = tt.id, tt.date, tt.amount
			if tt.dateFormat != "" {
				req.DateFormat = tt.dateFormat
			}
			if tt.decimal != "" {
				req.DecimalSep = tt.decimal
			}
			got, resp, err := readExport(t, tt.file, req)
			if tt.errField != "" {
				es, ok := err.(Errors)
				if !ok || len(es) != 1 || es[0].Field != tt.errField || es[0].Code != CodeInvalidData || !strings.HasPrefix(es[0].Message, tt.errMessage) {
					t.Fatalf("error %v, want %s: %q...", err, tt.errField, tt.errMessage)
				}
				for _, w := range tt.errWants {
					if !strings.Contains(es[0].Message, w) {
						t.Errorf("message %q lacks %q", es[0].Message, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			want, wantResp, err := readExport(t, tt.clean, NewCLVFitRequest())
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) || len(got) == 0 {
				t.Fatalf("%d customers, want %d", len(got), len(want))
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("customer %q missing", id)
					continue
				}
				g.patternI, w.patternI = 0, 0
				if g != w {
					t.Errorf("customer %q = %+v, want %+v", id, g, w)
				}
			}
			if resp.FirstPurchase != wantResp.FirstPurchase || resp.ObservationEnd != wantResp.ObservationEnd {
				t.Errorf("dates %s to %s, want %s to %s", resp.FirstPurchase, resp.ObservationEnd, wantResp.FirstPurchase, wantResp.ObservationEnd)
			}
			if g, w := strings.Join(respWarningCodes(resp), " "), strings.Join(respWarningCodes(wantResp), " "); tt.skipped == 0 && g != w {
				t.Errorf("warnings %q, want %q", g, w)
			}
			if tt.skipped == 0 {
				if resp.SkippedRows != nil {
					t.Errorf("skipped %+v", resp.SkippedRows)
				}
				return
			}
			s := resp.SkippedRows
			if s == nil || s.Count != tt.skipped || len(s.Rows) != len(tt.skippedLines) {
				t.Fatalf("skipped %+v, want %d rows", s, tt.skipped)
			}
			for i, l := range tt.skippedLines {
				if s.Rows[i].Line != l || s.Rows[i].Reason == "" {
					t.Errorf("skipped row %d = %+v, want line %d", i, s.Rows[i], l)
				}
			}
			if !strings.Contains(strings.Join(respWarningCodes(resp), " "), "rows_skipped") {
				t.Errorf("no rows_skipped warning: %v", respWarningCodes(resp))
			}
		})
	}
}

// TestSkippedRowsResponse checks the response's skipped_rows (null when
// none; the first 20 listed), the warnings, strict and refunds.
func TestSkippedRowsResponse(t *testing.T) {
	// The CDNOW sample (a file the model can fit: a toy log of a few
	// regular customers is not_identified), then 25 impossible dates and a
	// refund and a free order.
	good := strings.TrimRight(cdnowFile(t, "cdnow_sample_transactions.csv"), "\n") + "\n"
	firstBad := strings.Count(good, "\n") + 1
	var b strings.Builder
	b.WriteString(good)
	for i := range 25 {
		fmt.Fprintf(&b, "%04d,1997-02-30,5\n", i+1)
	}
	b.WriteString("0001,1997-03-01,-5\n0002,1997-03-02,0\n")
	resp, errs := fitJSON(t, map[string]any{"transactions_csv": b.String()})
	if errs != nil {
		t.Fatal(errs)
	}
	s, _ := resp["skipped_rows"].(map[string]any)
	rows, _ := s["rows"].([]any)
	if s["count"] != 25.0 || len(rows) != 20 || rows[0].(map[string]any)["line"] != float64(firstBad) ||
		rows[0].(map[string]any)["reason"] != `the date "1997-02-30" does not exist` {
		t.Errorf("skipped_rows = %v", s)
	}
	ws := mustJSON(resp["warnings"])
	for _, w := range []string{`"rows_skipped"`, fmt.Sprintf("25 rows of the transactions file could not be read and are left out; the first is line %d", firstBad),
		`"non_positive_amounts"`, fmt.Sprintf("%d rows have an amount of zero or less", nonPositive(good)+2)} {
		if !strings.Contains(string(ws), w) {
			t.Errorf("warnings %s lack %s", ws, w)
		}
	}
	if _, errs := fitJSON(t, map[string]any{"transactions_csv": b.String(), "strict": true}); errs == nil || !strings.Contains(errs[0].Message, "The transactions file has 25 rows that could not be read") {
		t.Errorf("strict: %v", errs)
	}
	resp, errs = fitJSON(t, map[string]any{"transactions_csv": good})
	if errs != nil || resp["skipped_rows"] != nil {
		t.Errorf("clean file: skipped_rows %v, %v", resp["skipped_rows"], errs)
	}
	if _, ok := resp["skipped_rows"]; !ok {
		t.Error("skipped_rows absent, want null")
	}
}

// nonPositive counts the rows of a clean customer_id,date,amount file
// whose amount is zero or less.
func nonPositive(csvText string) int {
	n := 0
	for _, line := range strings.Split(csvText, "\n")[1:] {
		if i := strings.LastIndexByte(line, ','); i >= 0 {
			if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil && v <= 0 {
				n++
			}
		}
	}
	return n
}
