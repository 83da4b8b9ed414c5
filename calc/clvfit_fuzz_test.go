package calc

import (
	"encoding/json"
	"testing"
)

// checkCLVFitAnswer fails on anything but a valid response or a list of
// clear errors: no panic (the fuzzer catches those), JSON that parses (so no
// NaN or Infinity: a message may still quote a column named "NaN"), no empty
// message, and predictions the model can produce.
func checkCLVFitAnswer(t *testing.T, field, text string) {
	body, _ := json.Marshal(map[string]any{field: text, "predictions": true})
	out, status := RunJSON("clvfit", body)
	if checkResponse(t, "clvfit", body, out, status) == nil {
		return
	}
	var r CLVFitResponse
	if err := json.Unmarshal(out, &r); err != nil || r.Customers < 1 {
		t.Fatalf("bad response %s", out)
	}
	for _, p := range r.CustomersPredictions {
		if p.PAlive < 0 || p.PAlive > 1 || p.ExpectedPurchases < 0 {
			t.Fatalf("impossible prediction %+v", p)
		}
	}
}

func FuzzTransactionsCSV(f *testing.F) {
	f.Add(small)
	f.Add("customer_id,date,amount\n1,1997-01-01,5\n1,1997-01-01,5\n1,19970105,-3\n2,1997-01-02,1e3\n2,1997-03-02,0\n")
	f.Add("customer_id,date\n\"a,b\",1997-01-01\n\"a,b\",1997-02-01\n")
	f.Add("")
	f.Add("\ufeffcustomer_id;date\n1;1997-01-01\n")
	// The formats of exports (testdata/exports): semicolons, tabs, pipes,
	// Excel's sep= line, CRLF, day- or month-first dates, currency, decimal
	// commas, thousands separators, refunds, bad rows.
	f.Add("\ufeffcustomer_id;date;amount\r\nK1;01.03.2024;1.020,00 €\r\nK1;15.03.2024;12,50\r\nK2;02.03.2024;-5,00\r\n")
	f.Add("customer_id,date,amount\n1,3/1/2024,\"$1,020.00\"\n1,3/15/24,(12.50)\n2,3/2/2024,12.50 USD\n")
	f.Add("customer_id\tdate\tamount\n1\t20240301\t5\n1\t2024-03-05T10:00:00+01:00\t1 020,5\n")
	f.Add("sep=|\ncustomer_id|date|amount\n1|01/02/2024|1,020\n1|03/04/2024|1.020\n")
	f.Add("customer_id,date,amount\n1,2024-03-01,5\n1,2024-02-30,x\n1,2024-03-08,\n2,,3\n")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		checkCLVFitAnswer(t, "transactions_csv", text)
	})
}

func FuzzSummaryCSV(f *testing.F) {
	f.Add("frequency,recency,T,monetary_value,count\n0,0,38.86,0,1411\n1,1.71,38.86,11.77,3\n2,30.43,38.86,22.35,1\n7,35,38,40,2\n")
	f.Add("frequency,recency,T\n1000,10,100\n0,0,1e6\n1,5,5\n")
	f.Add("frequency,recency,T\n1,5,2\n")
	f.Add("ID,frequency,recency,T,count\n1,0,0,0,3\n2,3,1,1,1\n")
	f.Fuzz(func(t *testing.T, text string) {
		if len(text) > 4096 {
			return
		}
		checkCLVFitAnswer(t, "summary_csv", text)
	})
}
