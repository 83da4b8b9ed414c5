//go:build duckdb

// Package duckdb runs the warehouse SQL of content/docs/warehouse-sql.md on
// DuckDB and checks its answers against the published CDNOW summary and an
// independent summary computed here in Go. The SQL is read from the page
// itself, so the page and the test cannot drift apart.
//
//	cd test/duckdb && go test -tags duckdb ./...
package duckdb

import (
	"bufio"
	"database/sql"
	"encoding/csv"
	"fmt"
	"maps"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/duckdb/duckdb-go/v2"
)

// docPath is the page whose SQL blocks are tested.
const docPath = "../../content/docs/warehouse-sql.md"

// goldens are the exports of steps 2 and 4 for CDNOW (weeks, observation
// end 1997-09-30), which content/docs/examples_test.go fits with clvfit.
var goldens = map[string]string{
	"2": "../../content/docs/testdata/cdnow-patterns-weeks.csv",
	"4": "../../content/docs/testdata/cdnow-patterns-whole-weeks.csv",
}

// The parameter lines of step 1 as the page writes them; the tests replace
// them to run other observation ends and units.
const (
	paramEnd  = "DATE '1997-09-30' AS observation_end"
	paramUnit = "7 AS days_per_unit"
)

// docQueries returns the page's SQL blocks keyed by the number of their
// first-line comment ("-- 1. One row per customer" is "1").
func docQueries(t *testing.T) map[string]string {
	t.Helper()
	blocks := fencedBlocks(t, "sql")
	out := map[string]string{}
	title := regexp.MustCompile(`^-- ([0-9]+)\. `)
	for _, b := range blocks {
		m := title.FindStringSubmatch(b)
		if m == nil {
			t.Fatalf("%s: an sql block does not start with a numbered comment (\"-- 1. ...\"):\n%s", docPath, b)
		}
		if _, dup := out[m[1]]; dup {
			t.Fatalf("%s: two sql blocks are numbered %s", docPath, m[1])
		}
		out[m[1]] = strings.TrimSuffix(strings.TrimSpace(b), ";")
	}
	for _, n := range []string{"1", "2", "3", "4"} {
		if out[n] == "" {
			t.Fatalf("%s: sql block %s is missing; found %d blocks", docPath, n, len(out))
		}
	}
	return out
}

// fencedBlocks returns the bodies of the page's top-level fenced code blocks
// of the given language.
func fencedBlocks(t *testing.T, lang string) []string {
	t.Helper()
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	var blocks []string
	var cur []string
	in := false
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	for sc.Scan() {
		line := sc.Text()
		switch {
		case !in && line == "```"+lang:
			in, cur = true, nil
		case in && line == "```":
			in = false
			blocks = append(blocks, strings.Join(cur, "\n"))
		case in:
			cur = append(cur, line)
		}
	}
	if in {
		t.Fatalf("%s: an unclosed ``` block", docPath)
	}
	return blocks
}

// withParams returns step 1 with another observation end (YYYY-MM-DD) and
// number of days per time unit.
func withParams(t *testing.T, step1, end string, daysPerUnit int) string {
	t.Helper()
	for _, p := range []string{paramEnd, paramUnit} {
		if n := strings.Count(step1, p); n != 1 {
			t.Fatalf("step 1 must contain %q exactly once, found %d", p, n)
		}
	}
	q := strings.Replace(step1, paramEnd, fmt.Sprintf("DATE '%s' AS observation_end", end), 1)
	return strings.Replace(q, paramUnit, fmt.Sprintf("%d AS days_per_unit", daysPerUnit), 1)
}

// sharedFile finds a file of the project's shared/ folder: beside the
// checkout (or further up, from a worktree), else the copy in testdata/.
func sharedFile(t *testing.T, rel string) string {
	t.Helper()
	start, _ := filepath.Abs(".")
	for _, sub := range []string{".", "testdata"} {
		for d := start; ; d = filepath.Dir(d) {
			p := filepath.Join(d, sub, "shared", filepath.FromSlash(rel))
			if _, err := os.Stat(p); err == nil {
				return p
			}
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	t.Fatalf("shared/%s not found beside the checkout or in testdata/", rel)
	return ""
}

// openDB opens an in-memory DuckDB with the CDNOW sample loaded as the
// table transactions(customer_id, order_date, amount).
func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1) // one connection: the in-memory database lives in it
	t.Cleanup(func() { db.Close() })
	path := sharedFile(t, "data/cdnow/cdnow_sample_transactions.csv")
	exec(t, db, fmt.Sprintf(`CREATE TABLE transactions AS
		SELECT customer_id, "date" AS order_date, amount
		FROM read_csv('%s', header = true,
		     columns = {'customer_id': 'VARCHAR', 'date': 'DATE', 'amount': 'DECIMAL(12,2)'})`,
		strings.ReplaceAll(path, "'", "''")))
	return db
}

func exec(t *testing.T, db *sql.DB, q string) {
	t.Helper()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%v\nquery:\n%s", err, q)
	}
}

// summaryRow is one customer of step 1.
type summaryRow struct {
	id                   string
	frequency            int
	recency, T, monetary float64
}

// runStep1 saves step 1 as customer_summary, as the page says, and returns
// its rows keyed by customer id.
func runStep1(t *testing.T, db *sql.DB, step1 string) map[string]summaryRow {
	t.Helper()
	exec(t, db, "DROP TABLE IF EXISTS customer_summary")
	exec(t, db, "CREATE TABLE customer_summary AS "+step1)
	rows, err := db.Query(`SELECT CAST(customer_id AS VARCHAR), CAST(frequency AS BIGINT), CAST(recency AS DOUBLE),
		CAST(T AS DOUBLE), CAST(monetary_value AS DOUBLE) FROM customer_summary`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]summaryRow{}
	for rows.Next() {
		var r summaryRow
		if err := rows.Scan(&r.id, &r.frequency, &r.recency, &r.T, &r.monetary); err != nil {
			t.Fatal(err)
		}
		if _, dup := out[r.id]; dup {
			t.Fatalf("step 1 returned customer %s twice", r.id)
		}
		out[r.id] = r
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// patternRow is one row of step 2 or 3 (monetary is 0 for step 3).
type patternRow struct {
	frequency            int
	recency, T, monetary float64
	count                int
}

func runPatterns(t *testing.T, db *sql.DB, q string, withSpend bool) []patternRow {
	t.Helper()
	spend := "0.0"
	if withSpend {
		spend = "CAST(monetary_value AS DOUBLE)"
	}
	rows, err := db.Query(fmt.Sprintf(`SELECT CAST(frequency AS BIGINT), CAST(recency AS DOUBLE), CAST(T AS DOUBLE), %s,
		CAST("count" AS BIGINT) FROM (%s)`, spend, q))
	if err != nil {
		t.Fatalf("%v\nquery:\n%s", err, q)
	}
	defer rows.Close()
	var out []patternRow
	for rows.Next() {
		var r patternRow
		if err := rows.Scan(&r.frequency, &r.recency, &r.T, &r.monetary, &r.count); err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// wholeDays turns a time in units back into whole days, failing when it is
// not (to within 1e-9 days) a whole number of days.
func wholeDays(t *testing.T, v float64, daysPerUnit int) int {
	t.Helper()
	d := v * float64(daysPerUnit)
	r := math.Round(d)
	if math.Abs(d-r) > 1e-9 {
		t.Fatalf("%v units of %d days is not a whole number of days", v, daysPerUnit)
	}
	return int(r)
}

// readCSV reads a CSV file with a header into records keyed by column name.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

func num(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// The CDNOW reference files round recency, T and zbar to 2 decimals.
const rounding = 0.005 + 1e-9

// TestStep1MatchesPublishedCDNOWSummary compares every customer of step 1
// (weeks, observation end 1997-09-30) with the CDNOW summary of Fader, Hardie
// & Lee (2005), as shipped by lifetimes (datasets/cdnow_customers_summary.csv
// and cdnow_customers_summary_with_transactions.csv, see shared/data/cdnow/
// README.md): frequency exactly, recency, T and zbar (the mean repeat-day
// spend, 0 without repeats) to the files' 2-decimal rounding.
func TestStep1MatchesPublishedCDNOWSummary(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	got := runStep1(t, db, withParams(t, q["1"], "1997-09-30", 7))
	byID := map[int]summaryRow{}
	for id, r := range got {
		n, err := strconv.Atoi(id)
		if err != nil {
			t.Fatalf("customer id %q", id)
		}
		byID[n] = r
	}

	summary := readCSV(t, sharedFile(t, "data/cdnow/cdnow_customers_summary.csv"))
	spend := readCSV(t, sharedFile(t, "data/cdnow/cdnow_customers_summary_with_transactions.csv"))
	// 2,357 customers, 946 of them with repeat purchases: Fader, Hardie & Lee
	// (2005), section 4, and shared/data/cdnow/README.md.
	if len(summary) != 2357 || len(spend) != 2357 || len(got) != 2357 {
		t.Fatalf("customers: reference %d and %d, step 1 %d; want 2357", len(summary), len(spend), len(got))
	}
	repeat := 0
	for _, r := range got {
		if r.frequency > 0 {
			repeat++
		}
	}
	if repeat != 946 {
		t.Errorf("customers with frequency > 0: %d, want 946", repeat)
	}
	for _, ref := range summary {
		id := int(num(t, ref["ID"]))
		r, ok := byID[id]
		if !ok {
			t.Errorf("customer %d is missing from step 1", id)
			continue
		}
		if float64(r.frequency) != num(t, ref["frequency"]) || math.Abs(r.recency-num(t, ref["recency"])) > rounding || math.Abs(r.T-num(t, ref["T"])) > rounding {
			t.Errorf("customer %d: step 1 (%d, %.4f, %.4f), reference (%s, %s, %s)", id, r.frequency, r.recency, r.T, ref["frequency"], ref["recency"], ref["T"])
		}
	}
	for _, ref := range spend {
		id := int(num(t, ref["ID"]))
		r := byID[id]
		if float64(r.frequency) != num(t, ref["x"]) || math.Abs(r.recency-num(t, ref["t_x"])) > rounding ||
			math.Abs(r.T-num(t, ref["T"])) > rounding || math.Abs(r.monetary-num(t, ref["zbar"])) > rounding {
			t.Errorf("customer %d: step 1 (%d, %.4f, %.4f, %.4f), reference (%s, %s, %s, %s)", id, r.frequency, r.recency, r.T, r.monetary, ref["x"], ref["t_x"], ref["T"], ref["zbar"])
		}
	}
}

// TestStep3MatchesPublishedCDNOWPatterns groups the published CDNOW summary
// by (frequency, recency, T), with recency and T turned back into whole days
// (the files' 2-decimal weeks are within 0.035 days of them), and compares
// every pattern and its count with step 3.
func TestStep3MatchesPublishedCDNOWPatterns(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	runStep1(t, db, withParams(t, q["1"], "1997-09-30", 7))
	type key struct{ x, tx, T int }
	want := map[key]int{}
	for _, ref := range readCSV(t, sharedFile(t, "data/cdnow/cdnow_customers_summary.csv")) {
		want[key{int(num(t, ref["frequency"])), int(math.Round(num(t, ref["recency"]) * 7)), int(math.Round(num(t, ref["T"]) * 7))}]++
	}
	got := map[key]int{}
	total := 0
	for _, r := range runPatterns(t, db, q["3"], false) {
		k := key{r.frequency, wholeDays(t, r.recency, 7), wholeDays(t, r.T, 7)}
		if _, dup := got[k]; dup {
			t.Errorf("step 3 returned the pattern %+v twice", k)
		}
		got[k] = r.count
		total += r.count
	}
	if total != 2357 {
		t.Errorf("step 3 counts add up to %d customers, want 2357", total)
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("pattern (x=%d, t_x=%d days, T=%d days): step 3 count %d, reference %d", k.x, k.tx, k.T, got[k], n)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("step 3 has a pattern the reference lacks: %+v", k)
		}
	}
	t.Logf("CDNOW: 2357 customers in %d patterns (step 3)", len(got))
}

// customer is the independent summary of one customer, in whole days and
// cents.
type customer struct {
	frequency, recencyDays, tDays int
	repeatCents                   int64 // the amounts of the repeat purchase days, in cents
}

// monetary is the mean spend per repeat purchase day, 0 without repeats.
func (c customer) monetary() float64 {
	if c.frequency == 0 {
		return 0
	}
	return float64(c.repeatCents) / 100 / float64(c.frequency)
}

// independentSummary computes every customer's summary from the CDNOW
// transaction file in plain Go, following the definitions of Fader, Hardie &
// Lee (2005) and lifetimes' summary_data_from_transaction_data: purchases
// after end are ignored, one customer's purchases on one day count once with
// their amounts added, frequency is the number of purchase days minus one,
// recency the last minus the first day, T the end minus the first day, and
// the spend the mean over the days after the first.
func independentSummary(t *testing.T, end string) map[string]customer {
	t.Helper()
	endDay, err := time.Parse("2006-01-02", end)
	if err != nil {
		t.Fatal(err)
	}
	perDay := map[string]map[time.Time]int64{} // customer -> day -> cents
	for _, rec := range readCSV(t, sharedFile(t, "data/cdnow/cdnow_sample_transactions.csv")) {
		d, err := time.Parse("2006-01-02", rec["date"])
		if err != nil {
			t.Fatal(err)
		}
		if d.After(endDay) {
			continue
		}
		cents := int64(math.Round(num(t, rec["amount"]) * 100))
		if perDay[rec["customer_id"]] == nil {
			perDay[rec["customer_id"]] = map[time.Time]int64{}
		}
		perDay[rec["customer_id"]][d] += cents
	}
	out := map[string]customer{}
	for id, days := range perDay {
		var ds []time.Time
		for d := range days {
			ds = append(ds, d)
		}
		slices.SortFunc(ds, func(a, b time.Time) int { return a.Compare(b) })
		c := customer{
			frequency:   len(ds) - 1,
			recencyDays: int(ds[len(ds)-1].Sub(ds[0]).Hours() / 24),
			tDays:       int(endDay.Sub(ds[0]).Hours() / 24),
		}
		for _, d := range ds[1:] {
			c.repeatCents += days[d]
		}
		out[id] = c
	}
	return out
}

// TestStep1MatchesIndependentSummary runs step 1 for other observation ends
// and both units and compares every customer with the summary computed in Go.
func TestStep1MatchesIndependentSummary(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	for _, tc := range []struct {
		end         string
		daysPerUnit int
	}{
		{"1997-09-30", 7}, {"1997-09-30", 1}, {"1998-06-30", 1}, {"1998-01-15", 7}, {"1997-02-01", 1},
	} {
		t.Run(fmt.Sprintf("%s/%d", tc.end, tc.daysPerUnit), func(t *testing.T) {
			want := independentSummary(t, tc.end)
			got := runStep1(t, db, withParams(t, q["1"], tc.end, tc.daysPerUnit))
			if len(got) != len(want) {
				t.Errorf("step 1 has %d customers, the Go summary %d", len(got), len(want))
			}
			for id, w := range want {
				g, ok := got[id]
				if !ok {
					t.Errorf("customer %s is missing from step 1", id)
					continue
				}
				if g.frequency != w.frequency || wholeDays(t, g.recency, tc.daysPerUnit) != w.recencyDays ||
					wholeDays(t, g.T, tc.daysPerUnit) != w.tDays || math.Abs(g.monetary-w.monetary()) > 1e-9 {
					t.Errorf("customer %s: step 1 %+v, Go %+v (spend %.6f)", id, g, w, w.monetary())
				}
			}
		})
	}
}

// TestStep2MatchesIndependentSummary compares step 2 (patterns with spend
// rounded to cents) with the Go summary: per (frequency, recency, T), the
// sorted list of customers' spends must agree within the rounding to cents,
// and the counts must add up.
func TestStep2MatchesIndependentSummary(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	for _, tc := range []struct {
		end         string
		daysPerUnit int
	}{{"1997-09-30", 7}, {"1998-06-30", 1}} {
		t.Run(fmt.Sprintf("%s/%d", tc.end, tc.daysPerUnit), func(t *testing.T) {
			runStep1(t, db, withParams(t, q["1"], tc.end, tc.daysPerUnit))
			type key struct{ x, tx, T int }
			want := map[key][]float64{}
			for _, c := range independentSummary(t, tc.end) {
				k := key{c.frequency, c.recencyDays, c.tDays}
				want[k] = append(want[k], c.monetary())
			}
			got := map[key][]float64{}
			for _, r := range runPatterns(t, db, q["2"], true) {
				if r.count < 1 {
					t.Errorf("row %+v has count %d", r, r.count)
				}
				k := key{r.frequency, wholeDays(t, r.recency, tc.daysPerUnit), wholeDays(t, r.T, tc.daysPerUnit)}
				if math.Abs(r.monetary*100-math.Round(r.monetary*100)) > 1e-6 {
					t.Errorf("row %+v: monetary_value is not rounded to cents", r)
				}
				for range r.count {
					got[k] = append(got[k], r.monetary)
				}
			}
			if len(got) != len(want) {
				t.Errorf("step 2 has %d (frequency, recency, T) patterns, Go %d", len(got), len(want))
			}
			for k, w := range want {
				g := got[k]
				slices.Sort(g)
				slices.Sort(w)
				if len(g) != len(w) {
					t.Errorf("pattern %+v: step 2 counts %d customers, Go %d", k, len(g), len(w))
					continue
				}
				for i := range w {
					if math.Abs(g[i]-w[i]) > rounding {
						t.Errorf("pattern %+v: spend %v in step 2, Go %v", k, g, w)
						break
					}
				}
			}
		})
	}
}

// TestStep1EdgeCases runs step 1 on a small table whose answers are worked
// out by hand: timestamps with a time of day, same-day purchases, purchases
// after the observation end, a customer who starts on the last day and one
// who starts after it.
func TestStep1EdgeCases(t *testing.T) {
	q := docQueries(t)
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	defer db.Close()
	exec(t, db, `CREATE TABLE transactions (customer_id INTEGER, order_date TIMESTAMP, amount DECIMAL(12,2))`)
	exec(t, db, `INSERT INTO transactions VALUES
		(1, '2020-01-01 09:00:00', 10.00), (1, '2020-01-01 23:59:59', 5.00), -- one purchase day: 15
		(1, '2020-01-08 12:00:00', 20.00),
		(1, '2020-01-15 08:00:00', 30.00), (1, '2020-01-15 18:00:00', 10.00), -- one purchase day: 40
		(1, '2020-02-01 10:00:00', 100.00),                                    -- after the end: ignored
		(2, '2020-01-29 10:00:00', 7.00), (2, '2020-01-29 11:00:00', 8.00),    -- first purchase on the last day
		(3, '2020-01-30 00:00:00', 50.00),                                     -- only after the end: absent
		(4, '2020-01-22 00:00:00', 12.50), (4, '2020-01-29 23:00:00', 0.00)`)
	// Observation end 2020-01-29, weeks. Customer 1: days 01-01, 01-08,
	// 01-15: frequency 2, recency 14 days = 2 weeks, T 28 days = 4 weeks,
	// spend (20 + 40) / 2 = 30. Customer 2: one day: 0, 0, 0, spend 0.
	// Customer 4: a repeat day whose amount is 0: frequency 1, recency and T
	// 1 week, spend 0.
	want := map[string]summaryRow{
		"1": {"1", 2, 2, 4, 30},
		"2": {"2", 0, 0, 0, 0},
		"4": {"4", 1, 1, 1, 0},
	}
	got := runStep1(t, db, withParams(t, q["1"], "2020-01-29", 7))
	if len(got) != len(want) {
		t.Errorf("step 1 returned %d customers, want %d: %+v", len(got), len(want), got)
	}
	for id, w := range want {
		if g := got[id]; g != w {
			t.Errorf("customer %s: got %+v, want %+v", id, g, w)
		}
	}
	// Step 3 groups nothing here; step 2 must keep the three rows.
	if rows := runPatterns(t, db, q["2"], true); len(rows) != 3 {
		t.Errorf("step 2 returned %d rows, want 3: %+v", len(rows), rows)
	}
}

// TestPageFigures checks the figures the page quotes: the row counts of
// steps 2 and 3 on CDNOW and the first lines of the exported CSV.
func TestPageFigures(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	runStep1(t, db, withParams(t, q["1"], "1997-09-30", 7))
	data, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`step 2 returns ([0-9,]+) rows, step 3 returns ([0-9,]+) and step 4 returns ([0-9,]+)`).FindStringSubmatch(string(data))
	if m == nil {
		t.Fatal("the page no longer quotes the row counts of steps 2, 3 and 4")
	}
	for i, step := range []string{"2", "3", "4"} {
		n := len(runPatterns(t, db, q[step], step == "2"))
		if quoted := strings.ReplaceAll(m[i+1], ",", ""); quoted != strconv.Itoa(n) {
			t.Errorf("the page says step %s returns %s rows; it returns %d", step, m[i+1], n)
		}
	}

	// The page's sample of the exported file: DuckDB's COPY of step 2.
	var sample string
	for _, b := range fencedBlocks(t, "text") {
		if strings.HasPrefix(b, "frequency,recency,T,monetary_value,count\n") {
			sample = b
		}
	}
	if sample == "" {
		t.Fatal("the page no longer shows the first lines of the exported file")
	}
	// content/docs/testdata holds the whole files of steps 2 and 4: the main
	// module's tests fit them with clvfit (without cgo), so they must be
	// exactly what the steps write.
	exports := map[string]string{}
	for step, golden := range goldens {
		out := filepath.Join(t.TempDir(), "patterns.csv")
		exec(t, db, fmt.Sprintf("COPY (%s) TO '%s' (HEADER)", q[step], out))
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		exports[step] = string(data)
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatal(err)
		}
		if string(want) != string(data) {
			t.Errorf("%s differs from DuckDB's export of step %s; refresh it with COPY (step %s) TO '%s' (HEADER)", golden, step, step, golden)
		}
	}
	csvData := exports["2"]
	lines := strings.Split(csvData, "\n")
	want := strings.Split(sample, "\n")
	if len(lines) < len(want) || strings.Join(lines[:len(want)], "\n") != sample {
		t.Errorf("the page's sample of patterns.csv:\n%s\nDuckDB writes:\n%s", sample, strings.Join(lines[:min(len(lines), len(want))], "\n"))
	}
}

// TestStep4MatchesIndependentSummary compares step 4 (recency and T in whole
// weeks) with the Go summary rounded the same way: every pattern and count.
// 7 is odd, so days/7 is never exactly half-way and rounding has no ties.
func TestStep4MatchesIndependentSummary(t *testing.T) {
	q := docQueries(t)
	db := openDB(t)
	for _, end := range []string{"1997-09-30", "1998-06-30"} {
		runStep1(t, db, withParams(t, q["1"], end, 7))
		type key struct{ x, tx, T int }
		want := map[key]int{}
		for _, c := range independentSummary(t, end) {
			want[key{c.frequency, int(math.Round(float64(c.recencyDays) / 7)), int(math.Round(float64(c.tDays) / 7))}]++
		}
		got := map[key]int{}
		for _, r := range runPatterns(t, db, q["4"], false) {
			k := key{r.frequency, wholeDays(t, r.recency, 1), wholeDays(t, r.T, 1)}
			if _, dup := got[k]; dup {
				t.Errorf("%s: step 4 returned the pattern %+v twice", end, k)
			}
			got[k] = r.count
		}
		if !maps.Equal(got, want) {
			t.Errorf("%s: step 4 has %d patterns, the Go summary in whole weeks %d, and they differ", end, len(got), len(want))
			for k, n := range want {
				if got[k] != n {
					t.Logf("pattern %+v: step 4 %d, Go %d", k, got[k], n)
				}
			}
		}
	}
}
