//go:build browser

package browser_test

import (
	"strings"
	"testing"
)

// TestCLVFitNotACSVFile: an empty file, a binary one and a file of one
// column get a sentence saying why they cannot be read, not a column
// mapping of no columns ("the columns are ."); a CSV file chosen next is
// fitted (issue 15).
func TestCLVFitNotACSVFile(t *testing.T) {
	tb := newTab(t)
	tb.navigate(calcPath("clvfit"))
	runs := tb.widget(clvSel).Runs
	for _, f := range []struct {
		name string
		text string
		want string
	}{
		{"empty.csv", "", "empty.csv is empty: choose a CSV file with a header row"},
		{"photo.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "photo.csv is not a CSV text file: it holds zero bytes"},
		{"ids.csv", "customer\n1\n2\n", `ids.csv has one column ("customer"): a transaction log needs a header row naming at least a customer id and a date column`},
	} {
		clvUpload(t, tb, f.name, []byte(f.text))
		runs = clvDone(t, tb, "invalid", runs)
		got := eval[[2]any](tb, `[document.querySelector('`+clvSel+` [data-role="clvfit-state"]').textContent,
		  document.querySelector('`+clvSel+` [data-role="clvfit-mapping"]').hidden]`)
		text, _ := got[0].(string)
		if !strings.HasPrefix(text, f.want) || strings.Contains(text, "the columns are") {
			t.Errorf("%s: the page says %q, want %q...", f.name, text, f.want)
		}
		if hidden, _ := got[1].(bool); !hidden {
			t.Errorf("%s: the column mapping is shown", f.name)
		}
	}
	clvUpload(t, tb, "shop.csv", shopFile(isoDate, firstHalf))
	clvDone(t, tb, "live", runs)
}
