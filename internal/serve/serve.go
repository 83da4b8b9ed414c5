// Package serve serves the built site locally with the production headers.
package serve

import (
	"context"
	"errors"
	"io"
)

// Run serves dir at addr with the headers of the netlify.toml file, until ctx
// is done. Placeholder until the site lands.
func Run(ctx context.Context, dir, addr, netlifyTOML string, log io.Writer) error {
	return errors.New("the local server is not built yet")
}
