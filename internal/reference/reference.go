// Package reference loads the project's reference cases
// (shared/reference/cases.json: requests, expected outputs, tolerances and
// the source of each number) for the tests of every front end.
package reference

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Case is one reference case. Request values of the form "@shared/PATH" are
// replaced by the content of that file.
type Case struct {
	ID         string                     `json:"id"`
	Calculator string                     `json:"calculator"`
	Request    map[string]json.RawMessage `json:"request"`
	Expected   map[string]any             `json:"expected"`
	Tolerance  struct {
		Rel float64 `json:"rel"`
	} `json:"tolerance"`
	MonteCarlo *struct {
		ProbAbs     float64 `json:"prob_abs"`
		QuantileAbs float64 `json:"quantile_abs_share_of_p10_p90_spread"`
	} `json:"tolerance_monte_carlo"`
	Source string `json:"source"`
}

// RequestJSON is the case's request as one JSON object.
func (c Case) RequestJSON() []byte {
	b, _ := json.Marshal(c.Request)
	return b
}

// Root is the folder that holds shared/, searched from dir upwards: first
// the project's shared/ folder beside the checkout (from a git worktree it
// may be further up), then testdata/shared, the copy committed with the code
// so that a clean clone alone runs every test.
func Root(dir string) (string, error) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	var tried []string
	for _, sub := range []string{".", "testdata"} {
		for d := start; ; d = filepath.Dir(d) {
			root := filepath.Join(d, sub)
			p := filepath.Join(root, "shared", "reference", "cases.json")
			if _, err := os.Stat(p); err == nil {
				return root, nil
			}
			tried = append(tried, p)
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	return "", fmt.Errorf("the reference cases are missing: shared/ must sit beside the checkout or in testdata/ (tried %s)", strings.Join(tried, ", "))
}

// File reads a file of shared/ by its path relative to Root ("shared/data/...").
func File(dir, rel string) ([]byte, error) {
	root, err := Root(dir)
	if err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(root, filepath.FromSlash(rel)))
}

// Load reads every reference case, found from dir upwards, with @file values
// read in. When the cases come from the project's shared/ folder, the cases
// of testdata/shared (the copy committed with the code) whose id shared/
// does not have are added: a calculator or a field newer than the shared
// set (prioritize, significance's sequential) brings its public cases with
// its code.
func Load(dir string) ([]Case, error) {
	root, err := Root(dir)
	if err != nil {
		return nil, err
	}
	cases, err := readCases(root)
	if err != nil {
		return nil, err
	}
	if own, ok := committedRoot(dir); ok && own != root {
		covered := map[string]bool{}
		for _, c := range cases {
			covered[c.ID] = true
		}
		extra, err := readCases(own)
		if err != nil {
			return nil, err
		}
		for _, c := range extra {
			if !covered[c.ID] {
				cases = append(cases, c)
			}
		}
	}
	return resolveFiles(root, cases)
}

// committedRoot is the testdata folder holding the committed copy of
// shared/, searched from dir upwards.
func committedRoot(dir string) (string, bool) {
	start, err := filepath.Abs(dir)
	if err != nil {
		return "", false
	}
	for d := start; ; d = filepath.Dir(d) {
		root := filepath.Join(d, "testdata")
		if _, err := os.Stat(filepath.Join(root, "shared", "reference", "cases.json")); err == nil {
			return root, true
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// readCases reads root/shared/reference/cases.json.
func readCases(root string) ([]Case, error) {
	data, err := os.ReadFile(filepath.Join(root, "shared", "reference", "cases.json"))
	if err != nil {
		return nil, err
	}
	var cases []Case
	if err := json.Unmarshal(data, &cases); err != nil {
		return nil, fmt.Errorf("cases.json: %v", err)
	}
	return cases, nil
}

// resolveFiles reads the @file values of the cases' requests, relative to root.
func resolveFiles(root string, cases []Case) ([]Case, error) {
	for i := range cases {
		for k, v := range cases[i].Request {
			var s string
			if json.Unmarshal(v, &s) == nil && strings.HasPrefix(s, "@") {
				file, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(s[1:])))
				if err != nil {
					return nil, fmt.Errorf("case %s: %v", cases[i].ID, err)
				}
				cases[i].Request[k], _ = json.Marshal(string(file))
			}
		}
	}
	return cases, nil
}
