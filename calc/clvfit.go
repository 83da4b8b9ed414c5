package calc

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// daysPerMonth is the mean Gregorian month, the step of the CLV discounting.
const daysPerMonth = 30.4375

// daysPerYear is the mean Gregorian year, for the annual discount rate.
const daysPerYear = 365.25

// correlationWarning is the |r| between frequency and spend above which the
// Gamma-Gamma model's independence assumption is in doubt.
const correlationWarning = 0.3

// holdoutBuckets groups the holdout comparison by calibration frequency
// 0, 1, ..., 7 or more, as in FHL's Figure 3.
const holdoutBuckets = 8

// CLVFitRequest asks for the BG/NBD and Gamma-Gamma models fitted to a
// transaction log or to a customer summary. Field names and defaults are the
// contract's; pointers are optional fields without a default (nil: absent).
type CLVFitRequest struct {
	TransactionsCSV *string `json:"transactions_csv,omitempty"` // CSV text: one row per purchase
	SummaryCSV      *string `json:"summary_csv,omitempty"`      // CSV text: frequency, recency, T per customer
	IDColumn        string  `json:"id_column"`                  // transactions: customer id column
	DateColumn      string  `json:"date_column"`                // transactions: date column
	AmountColumn    string  `json:"amount_column"`              // transactions: amount column; spend model only when present
	DateFormat      string  `json:"date_format"`                // transactions: "auto", "ymd", "dmy" or "mdy"
	DecimalSep      string  `json:"decimal_separator"`          // transactions: "auto", "." or ","
	Strict          bool    `json:"strict"`                     // transactions: an unreadable row rejects the file
	ObservationEnd  *string `json:"observation_end,omitempty"`  // YYYY-MM-DD; default the last date
	HoldoutEnd      *string `json:"holdout_end,omitempty"`      // extension: YYYY-MM-DD after observation_end
	TimeUnit        string  `json:"time_unit"`                  // "week" (7 days) or "day"
	Horizon         float64 `json:"horizon"`                    // prediction horizon, in time units
	DiscountRate    float64 `json:"discount_rate"`              // annual, 0..1
	GrossMargin     float64 `json:"gross_margin"`               // share of spend kept, 0 < m <= 1
	Predictions     bool    `json:"predictions"`                // return one row per customer

	// TransactionsReader and SummaryReader stream the CSV instead of the
	// texts (at most one of the four is set): memory then grows with the
	// number of customers (and their purchase days), not with the file. A
	// reader with a Size() int64 or Len() int method (strings.Reader,
	// io.SectionReader) gets parse progress fractions. The command line
	// sets them to files, the browser to the File it reads in slices.
	TransactionsReader io.Reader `json:"-"`
	SummaryReader      io.Reader `json:"-"`
}

// NewCLVFitRequest returns a request holding the spec's defaults (Field.Default).
func NewCLVFitRequest() CLVFitRequest { return newRequestOf[CLVFitRequest](clvfitCalc) }

// CLVFitBGNBD is the fitted BG/NBD model.
type CLVFitBGNBD struct {
	R             float64 `json:"r"`     // shape of the purchase-rate Gamma
	Alpha         float64 `json:"alpha"` // scale of the purchase-rate Gamma, in time units
	A             float64 `json:"a"`     // dropout Beta's first shape
	B             float64 `json:"b"`     // dropout Beta's second shape
	LogLikelihood float64 `json:"log_likelihood"`
	Converged     bool    `json:"converged"`
	Iterations    int     `json:"iterations"`
	// StandardErrors are the parameters' standard errors from the observed
	// information matrix at the optimum.
	StandardErrors CLVFitBGNBDErrors `json:"standard_errors"`
}

// CLVFitBGNBDErrors are the standard errors of r, α, a and b: the square
// roots of the diagonal of the inverse observed information matrix (the
// Hessian of the negative log-likelihood in these parameters at the
// optimum). null where the data do not determine the parameter at all.
type CLVFitBGNBDErrors struct {
	R     *float64 `json:"r"`
	Alpha *float64 `json:"alpha"`
	A     *float64 `json:"a"`
	B     *float64 `json:"b"`
}

// PAlive is the probability that a customer with x repeat purchases, the
// last at t_x, observed for T time units, is still active under these
// parameters (Fader, Hardie and Lee, "Computing P(alive) using the BG/NBD
// model"): 1 / (1 + [x > 0] a/(b+x-1) ((α+T)/(α+t_x))^(r+x)), computed in
// logs so large x or T give 0 or 1, never NaN. Domain: 0 <= t_x <= T, x >= 0.
func (p CLVFitBGNBD) PAlive(x, tx, T float64) float64 {
	return bgnbdParams{r: p.R, alpha: p.Alpha, a: p.A, b: p.B}.pAlive(x, tx, T)
}

// CLVFitGammaGamma is the fitted Gamma-Gamma spend model.
type CLVFitGammaGamma struct {
	P             float64  `json:"p"`
	Q             float64  `json:"q"`
	V             float64  `json:"v"`
	LogLikelihood float64  `json:"log_likelihood"`
	Customers     int      `json:"customers"`      // repeat buyers with a positive spend (the fit's data)
	MeanSpend     *float64 `json:"mean_spend"`     // population mean spend per purchase, p v / (q - 1); null when q <= 1
	ObservedSpend float64  `json:"observed_spend"` // the fitted customers' average of their mean spends
	// StandardErrors are p, q and v's standard errors, as for BG/NBD.
	StandardErrors CLVFitGammaGammaErrors `json:"standard_errors"`
}

// CLVFitGammaGammaErrors are the standard errors of p, q and v (see
// CLVFitBGNBDErrors); null where the data do not determine the parameter.
type CLVFitGammaGammaErrors struct {
	P *float64 `json:"p"`
	Q *float64 `json:"q"`
	V *float64 `json:"v"`
}

// CLVFitPopulation sums the predictions over every customer.
type CLVFitPopulation struct {
	MeanPAlive                   float64  `json:"mean_p_alive"`
	ExpectedPurchases            float64  `json:"expected_purchases"`              // all customers, over the horizon
	ExpectedPurchasesPerCustomer float64  `json:"expected_purchases_per_customer"` // the same per customer
	ExpectedAverageSpend         *float64 `json:"expected_average_spend"`          // mean of the customers' expected spends
	CLVTotal                     *float64 `json:"clv_total"`                       // sum of discounted CLVs
	CLVMean                      *float64 `json:"clv_mean"`                        // per customer
}

// CLVFitHoldoutRow compares the model with the holdout period for the
// customers with one calibration frequency (7 stands for 7 or more).
type CLVFitHoldoutRow struct {
	Frequency int     `json:"frequency"`
	Customers int     `json:"customers"`
	Expected  float64 `json:"expected"` // mean repeat purchases per customer predicted for the holdout period
	Actual    float64 `json:"actual"`   // mean repeat purchases per customer observed in it
}

// CLVFitPrediction is one customer's (or one grouped summary row's) prediction.
type CLVFitPrediction struct {
	CustomerID           string   `json:"customer_id"`
	Count                int      `json:"count,omitempty"` // customers the summary row stands for, when more than 1
	Frequency            float64  `json:"frequency"`
	Recency              float64  `json:"recency"`
	T                    float64  `json:"T"`
	MonetaryValue        *float64 `json:"monetary_value,omitempty"`
	PAlive               float64  `json:"p_alive"`
	ExpectedPurchases    float64  `json:"expected_purchases"`     // over the horizon
	ExpectedAverageSpend *float64 `json:"expected_average_spend"` // per purchase; null without amounts
	CLV                  *float64 `json:"clv"`                    // discounted margin over the horizon; null without amounts
}

// CLVFitResponse is the fitted models and their predictions.
type CLVFitResponse struct {
	Customers                    int                `json:"customers"`
	RepeatCustomers              int                `json:"repeat_customers"`
	UniquePatterns               int                `json:"unique_patterns"`
	Rows                         int                `json:"rows,omitempty"`            // transaction rows read
	SkippedRows                  *CLVFitSkippedRows `json:"skipped_rows"`              // unreadable rows left out; null when none
	FirstPurchase                string             `json:"first_purchase,omitempty"`  // transactions: earliest date
	ObservationEnd               string             `json:"observation_end,omitempty"` // transactions: the end used
	HoldoutEnd                   string             `json:"holdout_end,omitempty"`
	TimeUnit                     string             `json:"time_unit"`
	Horizon                      float64            `json:"horizon"`
	BGNBD                        CLVFitBGNBD        `json:"bgnbd"`
	GammaGamma                   *CLVFitGammaGamma  `json:"gamma_gamma,omitempty"`
	FrequencyMonetaryCorrelation *float64           `json:"frequency_monetary_correlation,omitempty"`
	ExpectedPurchasesNewCustomer float64            `json:"expected_purchases_new_customer"`
	Population                   CLVFitPopulation   `json:"population"`
	Holdout                      []CLVFitHoldoutRow `json:"holdout,omitempty"`
	CustomersPredictions         []CLVFitPrediction `json:"customers_predictions,omitempty"`
	Notes
}

var clvfitFields = []Field{
	{Name: "transactions_csv", Label: "Transactions (CSV)", Type: Text,
		Help: "Your transaction log as CSV with a header row: one row per purchase with a customer id, a date and, for the spend model, an amount. Comma, semicolon, tab and pipe separated files are read, as exports from shops, payment providers and spreadsheets write them. Give this or a summary."},
	{Name: "summary_csv", Label: "Customer summary (CSV)", Type: Text,
		Help: "Instead of transactions: one row per customer with frequency (repeat purchase days), recency and T in the time unit, optionally monetary_value and count (customers the row stands for)."},
	{Name: "id_column", Label: "Customer id column", Type: String, Default: "customer_id",
		Help: "The name of the column that identifies the customer in the transactions."},
	{Name: "date_column", Label: "Date column", Type: String, Default: "date",
		Help: "The name of the column with the purchase date."},
	{Name: "amount_column", Label: "Amount column", Type: String, Default: "amount",
		Help: "The name of the column with the amount spent. Without it only purchases are modelled, not spend or CLV."},
	{Name: "date_format", Label: "Date format", Type: String, Default: "auto", Enum: []string{"auto", "ymd", "dmy", "mdy"},
		EnumLabels: []string{"Detect", "Year first (2024-03-01)", "Day first (01.03.2024, 01/03/2024)", "Month first (03/01/2024)"},
		Help:       "The order of day, month and year in the date column. Dates written year first (2024-03-01, 20240301) are always read so; for dates such as 03/01/2024, Detect decides from the whole column (a number above 12 is a day) and asks when no date tells."},
	{Name: "decimal_separator", Label: "Decimal separator", Type: String, Default: "auto", Enum: []string{"auto", ".", ","},
		EnumLabels: []string{"Detect", "Point (1,020.50)", "Comma (1.020,50)"},
		Help:       "The decimal separator of the amounts. Detect decides from the whole column: 12,50 or 1.020,00 has a comma, 12.50 or 1,020.00 a point; when no amount tells, a point."},
	{Name: "strict", Label: "Reject files with unreadable rows", Type: Boolean, Default: false, Advanced: true,
		Help: "Off: rows that cannot be read are left out and listed (a file with more than 10 % of them is rejected). On: any unreadable row rejects the file."},
	{Name: "observation_end", Label: "End of observation", Type: String, Unit: Date, Example: "1997-09-30", DefaultNote: "the last date in the file",
		Help: "The date (YYYY-MM-DD) that ends the period the model learns from; later transactions are ignored."},
	{Name: "holdout_end", Label: "End of holdout period", Type: String, Unit: Date, Example: "1998-06-30", Advanced: true,
		Help: "An extension of the contract: a date (YYYY-MM-DD) after the end of observation. Purchases between the two are compared with the model's prediction, by calibration frequency, to check its fit."},
	{Name: "time_unit", Label: "Time unit", Type: String, Default: "week", Enum: []string{"week", "day"}, EnumLabels: []string{"Weeks", "Days"},
		Help: "The unit of recency, T, the horizon and the parameter alpha: a week of 7 days or a day."},
	{Name: "horizon", Label: "Prediction horizon", Type: Number, Default: 52.0, Min: ptr(0), Max: ptr(10000), MinExclusive: true,
		Help: "How far ahead to predict purchases and CLV, in time units: 52 weeks is a year."},
	discountRateField("Future spend is discounted month by month."),
	grossMarginField("spend", "0.3", "for a revenue CLV"),
	{Name: "predictions", Label: "Per-customer predictions", Type: Boolean, Default: false,
		Help: "Also return one row per customer with P(alive), expected purchases, expected spend and CLV."},
}

var clvfitCalc = define(Calculator{
	Name:        "clvfit",
	Title:       "Customer lifetime value from transactions",
	Description: "Fits the BG/NBD purchase model and the Gamma-Gamma spend model to your transaction log and predicts, per customer, the chance they are still active, their purchases and their lifetime value.",
	MaxBody:     clvfitMaxBody,
	Fields:      clvfitFields,
	Outputs: []Output{
		{Name: "customers", Label: "Customers", Unit: Count, Help: "Customers who bought by the end of observation."},
		{Name: "repeat_customers", Label: "Repeat customers", Unit: Count, Help: "Customers who bought on more than one day."},
		{Name: "unique_patterns", Label: "Distinct purchase patterns", Unit: Count, Help: "Distinct (frequency, recency, T) combinations: the fit runs on these."},
		{Name: "bgnbd", Label: "BG/NBD parameters", Help: "r and alpha shape the spread of purchase rates (mean rate r/alpha per time unit); a and b shape the chance of dropping out after each purchase (mean a/(a+b)). standard_errors holds each one's standard error (null when the data do not determine it)."},
		{Name: "gamma_gamma", Label: "Gamma-Gamma parameters", Help: "p, q and v describe how spend per purchase varies within and across customers; the mean spend is p v/(q-1). standard_errors holds each one's standard error."},
		{Name: "frequency_monetary_correlation", Label: "Frequency-spend correlation", Help: "The correlation of repeat purchases and mean spend among repeat buyers: the spend model assumes it is near 0."},
		{Name: "expected_purchases_new_customer", Label: "Purchases of a new customer", Help: "Purchases expected over the horizon from a customer acquired today."},
		{Name: "population", Label: "All customers", Help: "Mean P(alive), expected purchases and CLV summed over every customer."},
		{Name: "holdout", Label: "Holdout check", Help: "Mean repeat purchases per customer in the holdout period, predicted and observed, by calibration frequency."},
		{Name: "customers_predictions", Label: "Per-customer predictions", Help: "P(alive), expected purchases, expected spend and discounted CLV for each customer."},
	},
}, computeCLVFit)

// CLVFit fits the models to a request holding the CSV text or a reader of
// it (TransactionsReader, SummaryReader). hooks report progress and may
// cancel. The error, when not nil, is Errors listing the problems with the
// request.
func CLVFit(req CLVFitRequest, hooks Hooks) (*CLVFitResponse, error) {
	return runTyped[CLVFitRequest, *CLVFitResponse](clvfitCalc, req, hooks)
}

func (r *CLVFitRequest) check(p *problems) {
	hasTx := r.TransactionsCSV != nil || r.TransactionsReader != nil
	hasSum := r.SummaryCSV != nil || r.SummaryReader != nil
	switch {
	case hasTx && hasSum:
		p.add("summary_csv", CodeInconsistent, "Give either transactions or a customer summary, not both.")
	case !hasTx && !hasSum:
		p.add("transactions_csv", CodeRequired, "Transactions (CSV) are required: give a transaction log with a header row (customer id, date, amount), or a customer summary instead.")
	}
	dates := map[string]day{}
	for _, f := range []struct {
		name string
		v    *string
	}{{"observation_end", r.ObservationEnd}, {"holdout_end", r.HoldoutEnd}} {
		if f.v == nil {
			continue
		}
		s := strings.TrimSpace(*f.v)
		d, ok := parseDay(s)
		if !ok || (len(s) != 10 && len(s) != 8) {
			p.add(f.name, CodeWrongType, fmt.Sprintf("%s must be a date written YYYY-MM-DD, such as 1997-09-30, not %q.", clvfitField(f.name).Label, truncate(*f.v, 24)))
			continue
		}
		dates[f.name] = d
	}
	if r.HoldoutEnd != nil && !p.has("holdout_end") {
		end, ok := dates["observation_end"]
		switch {
		case hasSum && !hasTx:
			p.add("holdout_end", CodeInconsistent, "End of holdout period needs transactions, not a summary: the holdout purchases are counted from the transaction log.")
		case r.ObservationEnd == nil:
			p.add("holdout_end", CodeRequired, "End of holdout period needs an end of observation before it: set the end of observation to the date that ends the calibration period.")
		case ok && dates["holdout_end"] <= end:
			p.add("holdout_end", CodeInconsistent, fmt.Sprintf("End of holdout period (%s) must be after the end of observation (%s).", dates["holdout_end"], end))
		}
	}
}

func clvfitField(name string) *Field { return fieldIn(clvfitFields, name) }

// customersFromLog reads a transaction log and summarizes each customer
// up to the end of observation (and over the holdout period, when there is
// one); it records the log's facts and warnings in resp. holdoutT is the
// holdout period's length in time units (0 without one).
func customersFromLog(req *CLVFitRequest, resp *CLVFitResponse, unitDays float64, hooks Hooks, report func(string, float64)) (rows []rfm, hasAmounts bool, holdoutT float64, err error) {
	src := req.TransactionsReader
	if src == nil {
		src = strings.NewReader(*req.TransactionsCSV)
	}
	log, err := readTransactions(src, txOptions{cols: txColumns{id: req.IDColumn, date: req.DateColumn, amount: req.AmountColumn},
		dates: req.DateFormat, decimal: req.DecimalSep, strict: req.Strict}, hooks)
	if err != nil {
		return nil, false, 0, err
	}
	end, holdoutEnd := log.last, day(math.MinInt32)
	if req.ObservationEnd != nil {
		end, _ = parseDay(*req.ObservationEnd)
		if end < log.first {
			return nil, false, 0, Errors{{Field: "observation_end", Code: CodeInconsistent, Message: fmt.Sprintf(
				"End of observation (%s) is before the first transaction (%s): choose a date between %s and %s.", end, log.first, log.first, log.last)}}
		}
	}
	if req.HoldoutEnd != nil {
		holdoutEnd, _ = parseDay(*req.HoldoutEnd)
		holdoutT = float64(holdoutEnd-end) / unitDays
		resp.HoldoutEnd = holdoutEnd.String()
		if holdoutEnd > log.last {
			resp.warn("holdout_beyond_data", fmt.Sprintf("The holdout period ends on %s but the last transaction is on %s: the actual purchases may be undercounted.", holdoutEnd, log.last))
		}
	}
	var late int
	report("summarize", 0)
	rows, late = summarizeLog(log, end, holdoutEnd, unitDays)
	report("summarize", 0.4)
	resp.Rows, resp.FirstPurchase, resp.ObservationEnd = log.rows, log.first.String(), end.String()
	if !log.hasAmounts && req.AmountColumn != "" {
		resp.warn("no_amounts", fmt.Sprintf("The transactions file has no amount column %q: only purchases are modelled, without spend or CLV.", req.AmountColumn))
	}
	if s := log.skipped; s != nil {
		resp.SkippedRows = s
		resp.warn("rows_skipped", fmt.Sprintf("%s of the transactions file could not be read and %s left out; the first is line %d: %s.",
			plural(s.Count, "row"), map[bool]string{true: "is", false: "are"}[s.Count == 1], s.Rows[0].Line, s.Rows[0].Reason))
	}
	if n := log.nonPositive; n > 0 {
		resp.warn("non_positive_amounts", fmt.Sprintf("%s %s an amount of zero or less (refunds, free orders): %s as purchases but not as spend.",
			plural(n, "row"), map[bool]string{true: "has", false: "have"}[n == 1], map[bool]string{true: "it counts", false: "they count"}[n == 1]))
	}
	if late > 0 {
		resp.warn("customers_after_end", fmt.Sprintf("%s first bought after the end of observation (%s) and are left out of the fit.", pluralCustomers(late), end))
	}
	return rows, log.hasAmounts, holdoutT, nil
}

// computeCLVFit reads the data, fits both models and predicts.
func computeCLVFit(req *CLVFitRequest, hooks Hooks) (*CLVFitResponse, error) {
	unitDays := 7.0
	if req.TimeUnit == "day" {
		unitDays = 1
	}
	resp := &CLVFitResponse{TimeUnit: req.TimeUnit, Horizon: req.Horizon}
	report := func(phase string, fraction float64) {
		if hooks.Progress != nil {
			hooks.Progress(Progress{Phase: phase, Fraction: fraction})
		}
	}
	var rows []rfm
	var hasAmounts bool
	var holdoutT float64 // length of the holdout period in time units; 0 without one
	var err error
	if req.TransactionsCSV != nil || req.TransactionsReader != nil {
		rows, hasAmounts, holdoutT, err = customersFromLog(req, resp, unitDays, hooks, report)
	} else {
		src := req.SummaryReader
		if src == nil {
			src = strings.NewReader(*req.SummaryCSV)
		}
		rows, hasAmounts, err = readSummary(src, req.IDColumn, hooks)
	}
	if err != nil {
		return nil, err
	}

	total, repeat := 0.0, 0.0
	for i := range rows {
		total += rows[i].w
		if rows[i].x > 0 {
			repeat += rows[i].w
		}
	}
	resp.Customers, resp.RepeatCustomers = int(total), int(repeat)
	if repeat < minRepeatIdentified {
		return nil, tooFewRepeaters(repeat, total)
	}
	if repeat == total {
		resp.warn("all_repeat", "Every customer bought more than once: check that first-time buyers are in the data, or the dropout estimate is biased.")
	}

	pats := groupPatterns(rows)
	report("summarize", 0.7)
	sortPatterns(pats, rows)
	resp.UniquePatterns = len(pats)
	report("summarize", 1)

	rec := &fitProgress{hooks: hooks}
	params, uncertain, err := fitPurchases(resp, pats, repeat, total, req.Horizon, rec)
	if err != nil {
		return nil, err
	}

	var gg *ggParams
	if hasAmounts {
		g, notes, err := fitSpend(resp, rows, rec)
		if err != nil {
			return nil, err
		}
		gg, uncertain = g, append(uncertain, notes...)
	}
	if len(uncertain) > 0 {
		resp.warn("uncertain_fit", strings.Join(uncertain, " "))
	}

	newCust := params.expectedNew(req.Horizon)
	if !params.plausibleIfAlive(newCust, 0, 0, req.Horizon) {
		return nil, degenerateFit(params)
	}
	resp.ExpectedPurchasesNewCustomer = newCust
	if err := predict(resp, req, params, gg, pats, rows, unitDays, holdoutT, hooks); err != nil {
		return nil, err
	}
	return resp, nil
}

func pluralCustomers(n int) string {
	if n == 1 {
		return "1 customer"
	}
	return FormatCount(float64(n)) + " customers"
}

// sortPatterns orders patterns by x (the likelihood caches the terms that
// depend on x alone) and renumbers the rows' pattern indexes.
func sortPatterns(pats []pattern, rows []rfm) {
	order := make([]int32, len(pats))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(i, j int32) int {
		switch {
		case pats[i].x < pats[j].x:
			return -1
		case pats[i].x > pats[j].x:
			return 1
		}
		return 0
	})
	newIndex := make([]int32, len(pats))
	sorted := make([]pattern, len(pats))
	for k, old := range order {
		newIndex[old] = int32(k)
		sorted[k] = pats[old]
	}
	copy(pats, sorted)
	for i := range rows {
		rows[i].patternI = newIndex[rows[i].patternI]
	}
}

// fitSpend fits the Gamma-Gamma model on repeat buyers with a positive mean
// spend and fills the response's spend fields. It returns nil parameters
// (and a warning) when the spend model cannot give a finite mean, and the
// sentences of the uncertain_fit warning (checkGGLimits).
func fitSpend(resp *CLVFitResponse, rows []rfm, rec *fitProgress) (*ggParams, []string, error) {
	var data []spender
	var n, sx, sm, sxx, smm, sxm float64
	for i := range rows {
		r := &rows[i]
		if r.x > 0 && r.hasM && r.m > 0 {
			data = append(data, spender{x: r.x, m: r.m, w: r.w})
			n += r.w
			sx += r.w * r.x
			sm += r.w * r.m
		}
	}
	if n < 2 {
		resp.warn("no_spend_model", "Fewer than two repeat buyers have a positive spend: the spend model is not fitted, so there is no CLV.")
		return nil, nil, nil
	}
	mx, mm := sx/n, sm/n
	for _, s := range data {
		sxx += s.w * (s.x - mx) * (s.x - mx)
		smm += s.w * (s.m - mm) * (s.m - mm)
		sxm += s.w * (s.x - mx) * (s.m - mm)
	}
	if sxx > 0 && smm > 0 {
		corr := sxm / math.Sqrt(sxx*smm)
		resp.FrequencyMonetaryCorrelation = &corr
		if math.Abs(corr) > correlationWarning {
			resp.warn("frequency_spend_correlated", fmt.Sprintf(
				"Purchase frequency and spend are correlated (r = %.2f): the Gamma-Gamma model assumes they are independent, so its spend and CLV predictions may be biased.", corr))
		}
	}
	rec.start += rec.iterations
	rec.iterations = 0
	g, ll, info, err := fitGammaGamma(data, rec)
	if isCancelled(err) {
		return nil, nil, err
	}
	if err != nil {
		return nil, nil, Errors{{Field: "", Code: CodeNotComputable, Message: fmt.Sprintf(
			"The Gamma-Gamma spend model did not converge on these %s repeat buyers: their spends may be nearly all the same. "+
				"Check the amount column, or set amount_column to an empty value to fit purchases only.", FormatCount(n))}}
	}
	se, note, err := checkGGLimits(g, info, ggPredictions(data, g.q > 1))
	if err != nil {
		return nil, nil, err
	}
	var notes []string
	if note != "" {
		notes = append(notes, note)
	}
	out := &CLVFitGammaGamma{P: g.p, Q: g.q, V: g.v, LogLikelihood: ll, Customers: int(n), ObservedSpend: mm,
		StandardErrors: CLVFitGammaGammaErrors{P: se[0], Q: se[1], V: se[2]}}
	resp.GammaGamma = out
	if g.q <= 1 {
		resp.warn("spend_mean_infinite", fmt.Sprintf(
			"The spend model's q is %.3g, at most 1: it implies an infinite mean spend (a few huge orders dominate), so there are no spend or CLV predictions. Check the amounts for outliers.", g.q))
		return nil, notes, nil
	}
	mean := g.expectedSpend(0, 0)
	out.MeanSpend = &mean
	return &g, notes, nil
}

// patternPrediction holds the predictions that depend only on (x, t_x, T).
type patternPrediction struct {
	pAlive     float64
	expected   float64 // purchases over the horizon
	discounted float64 // sum over months of purchases times the discount factor
	holdout    float64 // purchases over the holdout period
}

// predict fills the population summary, the holdout comparison and, when
// asked, the per-customer rows. The discounted CLV of a customer is
//
//	CLV = margin x E[spend] x Σ_k (E[Y(t_k)] - E[Y(t_(k-1))]) / (1 + d)^(t_k in years)
//
// over monthly steps t_k up to the horizon (the last step may be shorter),
// with E[Y(t)] the conditional expected purchases: purchases are discounted
// at the end of the month they fall in.
//
// It is long because the population sums, the holdout rows and the
// per-customer rows share one pass over the patterns and their cached terms.
func predict(resp *CLVFitResponse, req *CLVFitRequest, params bgnbdParams, gg *ggParams, pats []pattern, rows []rfm, unitDays, holdoutT float64, hooks Hooks) error {
	step := daysPerMonth / unitDays
	n := int(math.Ceil(req.Horizon/step - 1e-9))
	times := make([]float64, n+1)
	disc := make([]float64, n+1)
	for k := 1; k <= n; k++ {
		times[k] = math.Min(float64(k)*step, req.Horizon)
		disc[k] = math.Pow(1+req.DiscountRate, -times[k]*unitDays/daysPerYear)
	}
	// E[Y(t) | alive] depends on (x, T, t) only; many patterns share (x, T).
	type key struct{ x, T float64 }
	cache := map[key][]float64{}
	preds := make([]patternPrediction, len(pats))
	for i := range pats {
		if i%1024 == 0 {
			if hooks.Cancelled != nil && hooks.Cancelled() {
				return errCancelled
			}
			if hooks.Progress != nil {
				hooks.Progress(Progress{Phase: "predict", Fraction: 0.5 * float64(i) / float64(len(pats))})
			}
		}
		pt := &pats[i]
		pa := params.pAlive(pt.x, pt.tx, pt.T)
		ifAlive, ok := cache[key{pt.x, pt.T}]
		if !ok {
			ifAlive = make([]float64, n+2)
			for k := 1; k <= n; k++ {
				ifAlive[k] = params.expectedIfAlive(pt.x, pt.T, times[k])
			}
			if holdoutT > 0 {
				ifAlive[n+1] = params.expectedIfAlive(pt.x, pt.T, holdoutT)
			}
			cache[key{pt.x, pt.T}] = ifAlive
		}
		d := 0.0
		for k := 1; k <= n; k++ {
			d += (ifAlive[k] - ifAlive[k-1]) * disc[k]
		}
		if !finite(d) || !params.plausibleIfAlive(ifAlive[n], pt.x, pt.T, times[n]) ||
			(holdoutT > 0 && !params.plausibleIfAlive(ifAlive[n+1], pt.x, pt.T, holdoutT)) {
			return degenerateFit(params)
		}
		preds[i] = patternPrediction{pAlive: pa, expected: pa * ifAlive[n], discounted: pa * d, holdout: pa * ifAlive[n+1]}
	}

	var total, sumPA, sumE, sumSpend, sumCLV float64
	var buckets [holdoutBuckets]struct{ w, expected, actual float64 }
	if req.Predictions {
		resp.CustomersPredictions = make([]CLVFitPrediction, 0, len(rows))
	}
	margin := req.GrossMargin
	for i := range rows {
		if i%16384 == 0 && hooks.Progress != nil {
			hooks.Progress(Progress{Phase: "predict", Fraction: 0.5 + 0.5*float64(i)/float64(len(rows))})
		}
		r := &rows[i]
		pp := &preds[r.patternI]
		total += r.w
		sumPA += r.w * pp.pAlive
		sumE += r.w * pp.expected
		var spend, clv *float64
		if gg != nil {
			m := 0.0
			x := r.x
			if r.hasM && r.m > 0 {
				m = r.m
			} else {
				x = 0 // no usable spend history: the population mean
			}
			s := gg.expectedSpend(x, m)
			c := margin * s * pp.discounted
			spend, clv = &s, &c
			sumSpend += r.w * s
			sumCLV += r.w * c
		}
		if holdoutT > 0 {
			b := &buckets[min(int(r.x), holdoutBuckets-1)]
			b.w += r.w
			b.expected += r.w * pp.holdout
			b.actual += r.w * r.holdout
		}
		if req.Predictions {
			row := CLVFitPrediction{CustomerID: r.id, Frequency: r.x, Recency: r.tx, T: r.T,
				PAlive: pp.pAlive, ExpectedPurchases: pp.expected, ExpectedAverageSpend: spend, CLV: clv}
			if r.w != 1 {
				row.Count = int(r.w)
			}
			if r.hasM {
				m := r.m
				row.MonetaryValue = &m
			}
			resp.CustomersPredictions = append(resp.CustomersPredictions, row)
		}
	}
	resp.Population = CLVFitPopulation{MeanPAlive: sumPA / total, ExpectedPurchases: sumE, ExpectedPurchasesPerCustomer: sumE / total}
	if gg != nil {
		meanSpend, meanCLV := sumSpend/total, sumCLV/total
		resp.Population.ExpectedAverageSpend, resp.Population.CLVTotal, resp.Population.CLVMean = &meanSpend, &sumCLV, &meanCLV
	}
	if holdoutT > 0 {
		resp.Holdout = make([]CLVFitHoldoutRow, 0, holdoutBuckets)
		for f, b := range buckets {
			if b.w == 0 {
				continue
			}
			resp.Holdout = append(resp.Holdout, CLVFitHoldoutRow{Frequency: f, Customers: int(b.w), Expected: b.expected / b.w, Actual: b.actual / b.w})
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// degenerateFit is the error for a fit whose parameters sit so far out
// (dropout shapes in the millions, a purchase-rate scale near 0) that its
// predictions cannot be computed.
func degenerateFit(p bgnbdParams) error {
	return Errors{{Field: "", Code: CodeNotComputable, Message: fmt.Sprintf(
		"The BG/NBD fit is degenerate (r = %.3g, alpha = %.3g, a = %.3g, b = %.3g), so its predictions cannot be computed: the data do not pin the model down. "+
			"Try a longer observation period, more customers, the other time unit, or check for a few customers with implausibly many purchases.", p.r, p.alpha, p.a, p.b)}}
}
