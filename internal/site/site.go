// Package site builds the static website from content/ and site/ into public/.
package site

import (
	"errors"
	"time"
)

// Options says where the generator reads and writes.
type Options struct {
	ContentDir string // markdown guides, e.g. "content"
	SiteDir    string // templates, styles and static files, e.g. "site"
	AssetsDir  string // built assets (WASM module, JS bundles), e.g. "build/assets"
	OutDir     string // the published folder, e.g. "public"
	BaseURL    string // absolute URL of the site, for canonical links and the sitemap
}

// Stats reports what a build wrote.
type Stats struct {
	Pages    int
	Files    int
	Bytes    int64
	Duration time.Duration
}

// Build generates the site. Placeholder until the site lands.
func Build(opts Options) (Stats, error) {
	return Stats{}, errors.New("the site generator is not built yet")
}
