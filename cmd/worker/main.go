// Command worker is roikit's JSON API on Cloudflare Workers: the api package's
// handler served by github.com/syumai/workers, compiled with the standard Go
// compiler to WebAssembly (make worker; make worker-dev runs it locally under
// wrangler). Built natively, it serves the same handler on PORT (9900) for
// debugging.
package main

import "github.com/roikit/roikit/internal/api"

// siteURL is the static site whose pages oEmbed accepts; the Worker's
// SITE_URL variable (wrangler.toml [vars]) overrides it.
const siteURL = "https://roikit.netlify.app"

func main() {
	serve(api.New(api.Options{SiteURL: envOr("SITE_URL", siteURL), Gone: gone}))
}
