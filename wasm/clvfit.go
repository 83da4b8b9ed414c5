package main

import (
	"bytes"
	"encoding/json"
	"io"
	"slices"

	"github.com/roikit/roikit/calc"
)

// TopRows is how many customers the page's table shows for each sort key.
const TopRows = 100

// tableKeys are the columns the page's customer table sorts by, largest
// first (site/js/clvfit.js).
var tableKeys = []func(*calc.CLVFitPrediction) float64{
	func(p *calc.CLVFitPrediction) float64 { return p.PAlive },
	func(p *calc.CLVFitPrediction) float64 { return p.ExpectedPurchases },
	func(p *calc.CLVFitPrediction) float64 {
		if p.CLV == nil {
			return -1e308 // customers without a CLV sort last, as in the page
		}
		return *p.CLV
	},
}

// fileResult is one answer of runCLVFitFile.
type fileResult struct {
	result
	CSV       []byte // every customer's predictions as CSV (calc.PredictionsCSV); nil without predictions
	Customers int    // rows of CSV, customers or grouped summary rows
}

// runCLVFitFile fits clvfit to data, the bytes of a CSV file the page read
// with the File API, for the browser's worker (see also runCLVFitReader). kind says which request field
// the file stands for: "summary" (summary_csv) or anything else
// (transactions_csv); request (JSON) holds the other fields and must not
// carry the CSV text itself.
//
// The answer differs from run's in one way, so that a file of a million
// rows neither takes seconds to encode as JSON nor freezes the page that
// parses it: the response's customers_predictions holds only the customers
// the page's table can show (the TopRows largest by P(alive), by expected
// purchases and by CLV, in file order), and every customer's predictions
// come as CSV in CSV. The charts are those of run, built from the typed
// response. progress (may be nil) also gets the phase "write" while the
// CSV and the charts are made. It never panics.
func runCLVFitFile(request string, data []byte, kind string, progress func(calc.Progress)) fileResult {
	return runCLVFitReader(request, bytes.NewReader(data), kind, progress)
}

// runCLVFitReader is runCLVFitFile with the file read from data as the fit
// goes (the worker reads the File in slices: memory holds one slice, and
// parsing starts at once). A reader with a Size() int64 method gives the
// parse phase its progress fractions.
func runCLVFitReader(request string, data io.Reader, kind string, progress func(calc.Progress)) (res fileResult) {
	defer func() {
		if v := recover(); v != nil {
			res = fileResult{result: internalError(v)}
		}
	}()
	job := calc.Decode("clvfit", []byte(request))
	if req, ok := job.Request.(*calc.CLVFitRequest); ok {
		if kind == "summary" {
			req.SummaryReader = data
		} else {
			req.TransactionsReader = data
		}
	}
	out := job.Run(calc.Hooks{Progress: progress})
	if out.Status != calc.StatusOK {
		return fileResult{result: result{Status: int(out.Status), Response: string(out.JSON()), Charts: "[]"}}
	}
	resp := out.Response.(*calc.CLVFitResponse)
	write := func(f float64) {
		if progress != nil {
			progress(calc.Progress{Phase: "write", Fraction: f})
		}
	}
	write(0)
	preds := resp.CustomersPredictions
	res.Customers = len(preds)
	if len(preds) > 0 {
		res.CSV = calc.PredictionsCSV(preds, func(done int) { write(0.6 * float64(done) / float64(len(preds))) })
	}
	write(0.6)
	res.Charts = chartsJSON(out)
	write(0.9)
	resp.CustomersPredictions = topRows(preds, TopRows)
	body, err := json.Marshal(resp)
	if err != nil { // unreachable: the core checks every number is finite
		return fileResult{result: internalError(err)}
	}
	res.Status, res.Response = int(calc.StatusOK), string(body)
	write(1)
	return res
}

// topRows returns the union of the n largest predictions by each of
// tableKeys (ties broken by file order), in file order: sorting it by any
// key and keeping the first n gives what sorting every prediction would.
// One pass per key keeps the n best seen so far, in order: a customer no
// better than the n-th costs one comparison, so a million customers in no
// particular order cost about a million comparisons, not a sort (at worst,
// rows in ascending order, n per customer).
func topRows(preds []calc.CLVFitPrediction, n int) []calc.CLVFitPrediction {
	if n <= 0 {
		return nil
	}
	if len(preds) <= n {
		return preds
	}
	keep := make([]bool, len(preds))
	best := make([]int, 0, n+1) // indexes, best first
	for _, key := range tableKeys {
		best = best[:0]
		for i := range preds {
			v := key(&preds[i])
			if len(best) == n && v <= key(&preds[best[n-1]]) {
				continue // not better than the n-th: ties keep the earlier row
			}
			// Insert after every row at least as good (earlier rows win ties).
			at := len(best)
			for at > 0 && key(&preds[best[at-1]]) < v {
				at--
			}
			best = slices.Insert(best, at, i)
			if len(best) > n {
				best = best[:n]
			}
		}
		for _, i := range best {
			keep[i] = true
		}
	}
	var out []calc.CLVFitPrediction
	for i, k := range keep {
		if k {
			out = append(out, preds[i])
		}
	}
	return out
}

// chunkReader reads a file of size bytes through read(offset, p), which
// fills p with the bytes from offset (fewer only at the end), a chunk at a
// time: in the worker, read slices the File with FileReaderSync.
type chunkReader struct {
	read      func(offset int64, p []byte) (int, error)
	size, off int64
	chunk     int
	buf       []byte
	start     int // unread bytes of buf are buf[start:]
}

// chunkSize is the slice of the file read at a time: large enough that the
// calls across to JavaScript cost nothing next to parsing, small enough that
// memory does not hold the file.
const chunkSize = 1 << 20

func newChunkReader(size int64, chunk int, read func(offset int64, p []byte) (int, error)) *chunkReader {
	return &chunkReader{read: read, size: size, chunk: max(1, chunk)}
}

// Size is the file's size, for the parse phase's progress.
func (r *chunkReader) Size() int64 { return r.size }

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.start == len(r.buf) {
		if r.off >= r.size {
			return 0, io.EOF
		}
		if r.buf == nil {
			r.buf = make([]byte, r.chunk)
		}
		n, err := r.read(r.off, r.buf[:min(int64(r.chunk), r.size-r.off)])
		if n <= 0 {
			if err == nil {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		r.off += int64(n)
		r.buf, r.start = r.buf[:n], 0
	}
	n := copy(p, r.buf[r.start:])
	r.start += n
	return n, nil
}
