// Package chromium starts the headless Chromium that roikit's browser tests
// (test/browser) and its page benchmark (scripts/benchweb, `make bench-web`)
// drive with chromedp.
//
// Start runs the binary with these flags, and the caller's own flags and
// allocator options after them (a caller's flag of the same name wins):
//
//   - --headless (chromedp.Headless, which also adds --hide-scrollbars and
//     --mute-audio): no window; the tests and the benchmark run on machines
//     without a display;
//   - --no-sandbox: Chromium's sandbox needs user namespaces or a setuid
//     helper, which containers and CI runners often lack, and the browser
//     only ever loads roikit's own pages from a loopback server;
//   - --disable-gpu (chromedp.DisableGPU, which also adds
//     --enable-unsafe-swiftshader): software rendering, the same on every
//     machine, with no GPU process;
//   - --disable-background-networking, --disable-component-update,
//     --disable-sync: the browser makes no requests of its own (updates,
//     sync, field trials) that would load the machine during a timing or
//     pass through the browser tests' recording proxy;
//   - --no-first-run: no first-run set-up or dialogs;
//   - --user-data-dir: a fresh profile in a temporary directory (no cache,
//     cookies or storage from an earlier run), removed by Stop.
//
// The binary is, in this order: the path given to Start, $ROIKIT_CHROMIUM,
// chromium on PATH, or /usr/bin/chromium (Debian's package). When none is
// there, the error says how to install it (see Find).
package chromium

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"sync"

	"github.com/chromedp/chromedp"
)

// EnvPath names the environment variable that chooses the browser binary.
const EnvPath = "ROIKIT_CHROMIUM"

// debianPath is where Debian's chromium package installs the browser.
const debianPath = "/usr/bin/chromium"

// Install is the command that installs the browser on Debian and Ubuntu.
const Install = "sudo apt-get install -y chromium"

// Find returns the browser to start: path when it is not empty, else
// $ROIKIT_CHROMIUM, else chromium on PATH, else /usr/bin/chromium. A named
// path (path or $ROIKIT_CHROMIUM) must exist; it is not looked up on PATH.
func Find(path string) (string, error) {
	source := "the given path"
	if path == "" {
		path, source = os.Getenv(EnvPath), "$"+EnvPath
	}
	if path != "" {
		if _, err := os.Stat(path); err != nil {
			return "", fmt.Errorf("chromium is missing: %s is %s, which does not exist (%v)", source, path, err)
		}
		return path, nil
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p, nil
	}
	if _, err := os.Stat(debianPath); err == nil {
		return debianPath, nil
	}
	return "", fmt.Errorf("chromium is missing (not on PATH, not at %s): run make deps, or %s, or set %s to the browser's path",
		debianPath, Install, EnvPath)
}

// Browser is a running Chromium started by Start.
type Browser struct {
	// Context is the chromedp context of the browser's first tab:
	// chromedp.NewContext(b.Context) opens another tab in the same browser.
	Context context.Context
	// Path is the binary that runs.
	Path string

	stop     func()
	stopOnce sync.Once
}

// Start finds the browser (Find(path)), starts it with the package's flags
// followed by extra in a fresh profile, and opens its first tab. Stop ends it.
func Start(path string, extra ...chromedp.ExecAllocatorOption) (*Browser, error) {
	path, err := Find(path)
	if err != nil {
		return nil, err
	}
	profile, err := os.MkdirTemp("", "roikit-chromium-")
	if err != nil {
		return nil, err
	}
	opts := append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(profile),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
	}, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	stop := func() {
		cancel()
		cancelAlloc() // waits for the browser's process to end
		os.RemoveAll(profile)
	}
	if err := chromedp.Do(ctx); err != nil { // starts the browser and its first tab
		stop()
		return nil, fmt.Errorf("starting %s: %w", path, err)
	}
	return &Browser{Context: ctx, Path: path, stop: stop}, nil
}

// Stop closes the browser, waits for its process to end and removes its
// profile. Calling it again does nothing.
func (b *Browser) Stop() {
	b.stopOnce.Do(b.stop)
}
