package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/roikit/roikit/internal/serve"
	"github.com/roikit/roikit/internal/site"
)

// defaultBaseURL is the production address, used in canonical links.
const defaultBaseURL = "https://roikit.netlify.app"

// build implements `roikit build`.
func build(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("build", flag.ContinueOnError)
	fs.SetOutput(stderr)
	opts := site.Options{}
	fs.StringVar(&opts.ContentDir, "content", "content", "markdown guides `DIR`")
	fs.StringVar(&opts.SiteDir, "site", "site", "templates and styles `DIR`")
	fs.StringVar(&opts.AssetsDir, "assets", "build/assets", "built WASM and JS `DIR` (make wasm assets)")
	fs.StringVar(&opts.OutDir, "out", "public", "output `DIR`")
	fs.StringVar(&opts.BaseURL, "base-url", envOr("ROIKIT_BASE_URL", defaultBaseURL), "absolute `URL` of the site")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	stats, err := site.Build(opts)
	if err != nil {
		fmt.Fprintf(stderr, "roikit build: %v\n", err)
		return exitInvalid
	}
	fmt.Fprintf(stdout, "Built %d pages (%d files, %.1f KB) into %s/ in %v.\n", stats.Pages, stats.Files, float64(stats.Bytes)/1024, opts.OutDir, stats.Duration.Round(1e5))
	c := stats.Compress
	fmt.Fprintf(stdout, "Precompressed %d files (%.1f MB -> %.1f MB brotli, %.1f MB gzip) in %v, %d of %d from the cache.\n",
		c.Files, float64(c.Raw)/1e6, float64(c.Brotli)/1e6, float64(c.Gzip)/1e6, c.Duration.Round(time.Millisecond), c.Cached, c.Cached+c.Computed)
	return exitOK
}

// serveSite implements `roikit serve`.
func serveSite(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dir := fs.String("dir", "public", "the built site `DIR`")
	addr := fs.String("addr", "127.0.0.1:8080", "listen `ADDRESS`")
	headers := fs.String("netlify", "netlify.toml", "headers from this netlify.toml `FILE`")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := serve.Run(ctx, *dir, *addr, *headers, stdout); err != nil {
		fmt.Fprintf(stderr, "roikit serve: %v\n", err)
		return exitInvalid
	}
	return exitOK
}

func envOr(key, fallback string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return fallback
}
