package main

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/roikit/roikit/calc"
	"github.com/roikit/roikit/internal/reference"
)

// cdnowSample is the CDNOW sample transaction log (shared/data/cdnow).
func cdnowSample(t *testing.T) []byte {
	t.Helper()
	b, err := reference.File(".", "shared/data/cdnow/cdnow_sample_transactions.csv")
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// withCSV returns request (JSON) with the field set to the CSV text: the
// request the core answers for what the page sends as a file.
func withCSV(t *testing.T, request, field string, data []byte) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(request), &m); err != nil {
		t.Fatal(err)
	}
	m[field] = string(data)
	b, _ := json.Marshal(m)
	return string(b)
}

// TestCLVFitFileMatchesCore: a file's fit answers as the core with the file's
// text in the request: the same figures, the same charts as run, every
// prediction in the CSV (read back to the same float64), and table rows from
// which every sort of the page shows the core's top customers.
//
// It is long: one fit, checked piece by piece (response, table rows, CSV,
// charts) against the core.
func TestCLVFitFileMatchesCore(t *testing.T) {
	data := cdnowSample(t)
	const request = `{"observation_end":"1997-09-30","holdout_end":"1998-06-30","predictions":true,"gross_margin":0.3}`
	var phases []string
	got := runCLVFitFile(request, data, "transactions", func(p calc.Progress) {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
		}
	})
	coreReq := withCSV(t, request, "transactions_csv", data)
	want := run("clvfit", coreReq, nil)
	if got.Status != 0 || want.Status != 0 {
		t.Fatalf("status %d, core %d: %.300s", got.Status, want.Status, got.Response)
	}
	if got.Charts != want.Charts {
		t.Errorf("charts differ from run's:\n got %.300s\nwant %.300s", got.Charts, want.Charts)
	}
	if !slices.Equal(phases, []string{"parse", "summarize", "fit", "predict", "write"}) {
		t.Errorf("progress phases %v", phases)
	}
	var gotResp, wantResp calc.CLVFitResponse
	if err := json.Unmarshal([]byte(got.Response), &gotResp); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(want.Response), &wantResp); err != nil {
		t.Fatal(err)
	}
	all := wantResp.CustomersPredictions
	if len(all) != 2357 || got.Customers != len(all) {
		t.Fatalf("%d predictions from the core, %d reported; the CDNOW sample has 2,357 customers", len(all), got.Customers)
	}
	// Every figure but the per-customer rows is the core's.
	top := gotResp.CustomersPredictions
	gotResp.CustomersPredictions, wantResp.CustomersPredictions = nil, nil
	a, _ := json.Marshal(gotResp)
	b, _ := json.Marshal(wantResp)
	if !bytes.Equal(a, b) {
		t.Errorf("response differs from the core's:\n got %.400s\nwant %.400s", a, b)
	}
	// The table: for each sort key, the first TopRows of the kept rows are
	// the first TopRows of all rows, sorted as the page sorts (largest
	// first, ties in file order).
	if len(top) < TopRows || len(top) > 3*TopRows {
		t.Errorf("%d table rows, want %d to %d", len(top), TopRows, 3*TopRows)
	}
	for k, key := range tableKeys {
		first := func(rows []calc.CLVFitPrediction) []string {
			idx := make([]int, len(rows))
			for i := range idx {
				idx[i] = i
			}
			slices.SortStableFunc(idx, func(i, j int) int { return cmp.Compare(key(&rows[j]), key(&rows[i])) })
			var ids []string
			for _, i := range idx[:TopRows] {
				ids = append(ids, rows[i].CustomerID)
			}
			return ids
		}
		if g, w := first(top), first(all); !slices.Equal(g, w) {
			t.Errorf("sort key %d: the table's top customers %v, the core's %v", k, g[:5], w[:5])
		}
	}
	// The CSV: a header and one row per customer, each value the core's.
	rows, err := csv.NewReader(bytes.NewReader(got.CSV)).ReadAll()
	if err != nil {
		t.Fatalf("the predictions CSV does not parse: %v", err)
	}
	header := []string{"customer_id", "frequency", "recency", "T", "monetary_value", "p_alive", "expected_purchases", "expected_average_spend", "clv"}
	if !slices.Equal(rows[0], header) || len(rows) != len(all)+1 {
		t.Fatalf("CSV header %v and %d rows; want %v and %d", rows[0], len(rows)-1, header, len(all))
	}
	for i, p := range all {
		r := rows[i+1]
		wantCells := []*float64{&p.Frequency, &p.Recency, &p.T, p.MonetaryValue, &p.PAlive, &p.ExpectedPurchases, p.ExpectedAverageSpend, p.CLV}
		if r[0] != p.CustomerID {
			t.Fatalf("row %d: customer %q, want %q", i+1, r[0], p.CustomerID)
		}
		for j, w := range wantCells {
			if w == nil {
				if r[j+1] != "" {
					t.Fatalf("row %d, %s: %q, want an empty cell", i+1, header[j+1], r[j+1])
				}
				continue
			}
			v, err := strconv.ParseFloat(r[j+1], 64)
			if err != nil || v != *w {
				t.Fatalf("row %d, %s: %q, want %v", i+1, header[j+1], r[j+1], *w)
			}
		}
	}
}

// TestCLVFitFileErrors: a file that cannot be fitted gets the core's errors
// (the same messages as with the text in the request), no CSV, no charts.
func TestCLVFitFileErrors(t *testing.T) {
	for _, tc := range []struct{ name, request, kind, data string }{
		{"empty file", `{}`, "transactions", ""},
		{"missing column", `{}`, "transactions", "client,day\n1,2020-01-01\n"},
		{"bad dates", `{}`, "transactions", "customer_id,date\n1,2020-13-01\n1,yesterday\n"},
		{"recency above T", `{}`, "summary", "frequency,recency,T\n2,40,30\n"},
		{"bad option", `{"horizon":-1}`, "transactions", "customer_id,date\n1,2020-01-01\n1,2020-02-01\n"},
		{"malformed request", `{"horizon":`, "transactions", "customer_id,date\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := runCLVFitFile(tc.request, []byte(tc.data), tc.kind, nil)
			if got.Status == 0 || got.CSV != nil || got.Charts != "[]" || !bytes.Contains([]byte(got.Response), []byte(`"errors"`)) {
				t.Fatalf("status %d, %d CSV bytes, charts %s, response %s", got.Status, len(got.CSV), got.Charts, got.Response)
			}
			if tc.name == "malformed request" {
				return
			}
			field := "transactions_csv"
			if tc.kind == "summary" {
				field = "summary_csv"
			}
			want, status := calc.RunJSON("clvfit", []byte(withCSV(t, tc.request, field, []byte(tc.data))))
			if got.Status != int(status) || got.Response != string(want) {
				t.Errorf("got %d %s\nthe core says %d %s", got.Status, got.Response, status, want)
			}
		})
	}
}

// TestPredictionsCSVGuardsIDs: the page's download (runCLVFitFile's CSV)
// writes ids that a spreadsheet would run as formulas with a leading '
// (issue 15; calc.CSVText), its numbers as they are.
func TestPredictionsCSVGuardsIDs(t *testing.T) {
	ids := strings.NewReplacer("\n0001,", "\n=1+2,", "\n0002,", "\n@SUM(A1:A9),", "\n0003,", "\n\"+cmd|' /C calc'!A0\",", "\n0004,", "\n-7,")
	file := ids.Replace(string(cdnowSample(t)))
	got := runCLVFitFile(`{"observation_end":"1997-09-30","predictions":true}`, []byte(file), "transactions", nil)
	if got.Status != 0 {
		t.Fatalf("status %d: %s", got.Status, got.Response)
	}
	rows, err := csv.NewReader(bytes.NewReader(got.CSV)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var got4 []string
	for _, r := range rows[1:5] {
		got4 = append(got4, r[0])
	}
	want := []string{"'=1+2", "'@SUM(A1:A9)", "'+cmd|' /C calc'!A0", "-7"}
	if !slices.Equal(got4, want) {
		t.Errorf("ids %q, want %q", got4, want)
	}
}

// TestCLVFitReaderInChunks: a file read a slice at a time (as the worker
// reads a File) answers exactly as the same bytes at once, whatever the
// slice size; a read that fails is the core's error for an unreadable file.
func TestCLVFitReaderInChunks(t *testing.T) {
	data := cdnowSample(t)
	const request = `{"observation_end":"1997-09-30","predictions":true}`
	want := runCLVFitFile(request, data, "transactions", nil)
	from := func(b []byte) func(int64, []byte) (int, error) {
		return func(off int64, p []byte) (int, error) { return copy(p, b[off:]), nil }
	}
	for _, chunk := range []int{1, 7, 4096, chunkSize} {
		var fractions []float64
		got := runCLVFitReader(request, newChunkReader(int64(len(data)), chunk, from(data)), "transactions", func(p calc.Progress) {
			if p.Phase == "parse" {
				fractions = append(fractions, p.Fraction)
			}
		})
		if got.Status != want.Status || got.Response != want.Response || got.Charts != want.Charts || !bytes.Equal(got.CSV, want.CSV) {
			t.Errorf("chunks of %d bytes: the answer differs: %.200s", chunk, got.Response)
		}
		if len(fractions) == 0 || fractions[0] != 0 {
			t.Errorf("chunks of %d bytes: parse progress %v", chunk, fractions)
		}
	}
	failing := newChunkReader(int64(len(data)), 4096, func(off int64, p []byte) (int, error) {
		if off > 0 {
			return 0, errors.New("the disk went away")
		}
		return copy(p, data), nil
	})
	got := runCLVFitReader(request, failing, "transactions", nil)
	if got.Status == 0 || !strings.Contains(got.Response, "the disk went away") || got.CSV != nil {
		t.Errorf("a failing read: %d %s", got.Status, got.Response)
	}
}
