package site

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"maps"
	"math/bits"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/andybalholm/brotli"
)

// Precompression: the build writes NAME.br (brotli, quality 11) and NAME.gz
// (gzip, level 9) beside every compressible file of the site, so that
// `roikit serve` (internal/serve) sends what a production host sends without
// compressing on each request. The rule:
//   - a file is compressed when its type is text or WebAssembly
//     (Compressible) and it has at least MinCompressSize bytes: below that,
//     the Content-Encoding and Vary headers cost about what compression saves;
//   - each encoding is written only when it is smaller than the file.
//
// Brotli at quality 11 is slow (about 15 s for the 5.4 MB module on one
// core), so every encoded file is cached by the SHA-256 of its content (see
// Options.CacheDir) and the files are compressed in parallel, largest first.
// Both encoders are deterministic: a file from the cache is byte for byte
// what compressing it again gives.

// MinCompressSize is the smallest file the build precompresses, in bytes.
const MinCompressSize = 256

// Encoding is a precompressed sibling: its Content-Encoding token and the
// suffix of its file name.
type Encoding struct{ Token, Suffix string }

// Encodings are the precompressed siblings, in the server's order of
// preference.
var Encodings = []Encoding{{"br", ".br"}, {"gzip", ".gz"}}

// compressibleExt are the extensions of the files worth compressing: text
// and the WebAssembly module (images and fonts are compressed already).
var compressibleExt = map[string]bool{
	".html": true, ".htm": true, ".css": true, ".js": true, ".mjs": true, ".json": true, ".map": true,
	".svg": true, ".xml": true, ".txt": true, ".csv": true, ".tsv": true, ".md": true,
	".webmanifest": true, ".ico": true, ".wasm": true,
}

// Compressible reports whether a file of this name is precompressed (when
// it is large enough) and served with Vary: Accept-Encoding.
func Compressible(name string) bool {
	return compressibleExt[strings.ToLower(path.Ext(name))]
}

// cacheKeyPrefix starts every cache entry's name (the only files the build
// ever removes from the cache folder); compressVersion names the encoders'
// settings in the keys: change it with the settings.
const (
	cacheKeyPrefix  = "roikit-"
	compressVersion = "br11-gz9-v1"
)

// cacheMaxAge is how long an unused cache entry is kept.
const cacheMaxAge = 7 * 24 * time.Hour

// CompressStats reports the precompression of a build.
type CompressStats struct {
	Files    int           // files with at least one precompressed sibling
	Raw      int64         // their bytes
	Brotli   int64         // bytes of the .br siblings
	Gzip     int64         // bytes of the .gz siblings
	Computed int           // encodings computed (the others came from the cache)
	Cached   int           // encodings read from the cache
	Duration time.Duration // wall time of the compression
	CacheDir string        // the cache used ("" when none)
}

// defaultCacheDir is the OS cache folder's roikit/precompressed, or "" when
// the OS has none (no cache then).
func defaultCacheDir() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "roikit", "precompressed")
}

// compressJob is one encoding of one content (a file, or several files
// with the same bytes: embed.js is published twice).
type compressJob struct {
	names []string // the files' output paths
	enc   int      // index in Encodings
	data  []byte
	key   string // cache file name: settings, encoding and content hash
	out   []byte // the encoded bytes, or nil when not smaller
}

// precompress encodes the compressible files of a build. It returns the
// siblings by output path ("assets/app.1234abcd.js.br").
func precompress(files map[string][]byte, cacheDir string) (map[string][]byte, CompressStats) {
	start := time.Now()
	st := CompressStats{CacheDir: cacheDir}
	if cacheDir != "" && os.MkdirAll(cacheDir, 0o755) != nil {
		st.CacheDir, cacheDir = "", "" // no cache, still correct
	}
	byKey := map[string]*compressJob{}
	var jobs []*compressJob
	for _, name := range slices.Sorted(maps.Keys(files)) {
		data := files[name]
		if !Compressible(name) || len(data) < MinCompressSize {
			continue
		}
		sum := sha256.Sum256(data)
		for i, e := range Encodings {
			key := cacheKeyPrefix + compressVersion + "-" + strings.TrimPrefix(e.Suffix, ".") + "-" + hex.EncodeToString(sum[:])
			if j := byKey[key]; j != nil {
				j.names = append(j.names, name)
				continue
			}
			j := &compressJob{names: []string{name}, enc: i, data: data, key: key}
			byKey[key] = j
			jobs = append(jobs, j)
		}
	}
	// Largest first: the module's brotli, the longest job, starts at once.
	slices.SortStableFunc(jobs, func(a, b *compressJob) int { return len(b.data) - len(a.data) })
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		next     int
		computed int
	)
	for range min(runtime.GOMAXPROCS(0), max(1, len(jobs))) {
		wg.Go(func() {
			for {
				mu.Lock()
				if next == len(jobs) {
					mu.Unlock()
					return
				}
				j := jobs[next]
				next++
				mu.Unlock()
				if j.run(cacheDir) {
					mu.Lock()
					computed++
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	out := map[string][]byte{}
	seen := map[string]bool{}
	for _, j := range jobs {
		if j.out == nil {
			continue
		}
		for _, name := range j.names {
			out[name+Encodings[j.enc].Suffix] = j.out
			if !seen[name] {
				seen[name] = true
				st.Files++
				st.Raw += int64(len(j.data))
			}
			if Encodings[j.enc].Token == "br" {
				st.Brotli += int64(len(j.out))
			} else {
				st.Gzip += int64(len(j.out))
			}
		}
	}
	st.Computed, st.Cached = computed, len(jobs)-computed
	if cacheDir != "" {
		pruneCache(cacheDir, time.Now().Add(-cacheMaxAge))
	}
	st.Duration = time.Since(start)
	return out, st
}

// run encodes the job's file, from the cache when it holds the result. It
// reports whether the encoding was computed.
func (j *compressJob) run(cacheDir string) bool {
	var cached string
	if cacheDir != "" {
		cached = filepath.Join(cacheDir, j.key)
		if data, err := os.ReadFile(cached); err == nil {
			j.keep(data)
			touch(cached)
			return false
		}
	}
	var data []byte
	if Encodings[j.enc].Token == "br" {
		data = brotliBytes(j.data)
	} else {
		data = gzipBytes(j.data)
	}
	j.keep(data)
	if cacheDir != "" {
		writeCache(cacheDir, j.key, data)
	}
	return true
}

// keep stores the encoded bytes when they are smaller than the file.
func (j *compressJob) keep(data []byte) {
	if len(data) < len(j.data) {
		j.out = data
	}
}

// brotliBytes is data compressed with brotli at quality 11, with a window
// just large enough for the data (between 2^16 and 2^24 bytes), as the
// brotli command line picks it.
func brotliBytes(data []byte) []byte {
	lgwin := min(max(bits.Len(uint(len(data)-1)), 16), 24)
	var buf bytes.Buffer
	w := brotli.NewWriterOptions(&buf, brotli.WriterOptions{Quality: brotli.BestCompression, LGWin: lgwin})
	w.Write(data) // writes to a bytes.Buffer do not fail
	w.Close()
	return buf.Bytes()
}

// gzipBytes is data compressed with gzip at level 9, without a name or a
// modification time in the header (the same bytes on every build).
func gzipBytes(data []byte) []byte {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression) // a valid level
	w.Write(data)
	w.Close()
	return buf.Bytes()
}

// writeCache stores an entry atomically (a temporary file renamed), so a
// build stopped halfway leaves no truncated entry. Failures only cost the
// next build time: they are ignored.
func writeCache(dir, key string, data []byte) {
	f, err := os.CreateTemp(dir, ".tmp-"+key+"-*")
	if err != nil {
		return
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), filepath.Join(dir, key))
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// touch marks a cache entry as used (at most once an hour, as Go's build
// cache does, to spare the writes).
func touch(p string) {
	if st, err := os.Stat(p); err == nil && time.Since(st.ModTime()) > time.Hour {
		now := time.Now()
		os.Chtimes(p, now, now)
	}
}

// pruneCache removes the entries unused since before the cutoff (entries of
// older settings and temporary files of an interrupted build included), and
// nothing else: the folder may be one the user named.
func pruneCache(dir string, cutoff time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := strings.TrimPrefix(e.Name(), ".tmp-")
		if e.IsDir() || !strings.HasPrefix(name, cacheKeyPrefix) {
			continue
		}
		info, err := e.Info()
		if err != nil || info.ModTime().After(cutoff) {
			continue
		}
		os.Remove(filepath.Join(dir, e.Name()))
	}
}
