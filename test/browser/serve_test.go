//go:build browser && !fixture

package browser_test

import (
	"fmt"
	"github.com/roikit/roikit/internal/netlify"
	"net/http"

	"github.com/roikit/roikit/internal/serve"
)

// newSiteHandler is internal/serve's handler of the built site with the
// headers of netlify.toml and the API, as `roikit serve` runs it.
func newSiteHandler(dir, netlifyTOML string, apiHandler http.Handler) (http.Handler, error) {
	rules, err := netlify.LoadRules(netlifyTOML)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", netlifyTOML, err)
	}
	return serve.Handler(dir, rules, apiHandler), nil
}
