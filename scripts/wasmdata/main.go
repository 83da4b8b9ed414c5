// Command wasmdata rewrites the data section of a WebAssembly module built by
// the Go linker so that it compresses better: Go emits one active data segment
// per run of non-zero bytes (about 57,000 segments for roikit.wasm), skipping
// every zero run of 8 bytes or more; each segment costs a header (offset and
// length) that brotli compresses poorly. wasmdata merges segments separated
// by at most -gap zero bytes, writing the zeros out. Memory starts zeroed, so
// the module's initial memory, and so its behaviour, are unchanged.
//
//	go run ./scripts/wasmdata -gap 128 roikit.wasm
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
)

func main() {
	gap := flag.Int("gap", 128, "merge segments separated by at most this many zero bytes")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: wasmdata [-gap N] module.wasm (rewritten in place)")
		os.Exit(2)
	}
	path := flag.Arg(0)
	in, err := os.ReadFile(path)
	if err == nil {
		var out []byte
		var before, after int
		if out, before, after, err = rewrite(in, *gap); err == nil {
			err = os.WriteFile(path, out, 0o644)
			fmt.Printf("wasmdata: %s: %d data segments -> %d, %d -> %d bytes\n", path, before, after, len(in), len(out))
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "wasmdata:", err)
		os.Exit(1)
	}
}

type segment struct {
	addr uint32
	data []byte
}

// rewrite returns the module with its data segments merged, and the
// number of segments before and after. A truncated or malformed module is
// an error.
func rewrite(in []byte, gap int) (out []byte, before, after int, err error) {
	defer func() {
		if v := recover(); v != nil { // an index out of range: the module ends early
			out, before, after, err = nil, 0, 0, fmt.Errorf("a malformed module (%v)", v)
		}
	}()
	if len(in) < 8 || !bytes.Equal(in[:8], []byte("\x00asm\x01\x00\x00\x00")) {
		return nil, 0, 0, errors.New("not a WebAssembly module (version 1)")
	}
	out = append(out, in[:8]...)
	for p := 8; p < len(in); {
		id := in[p]
		size, n := uleb(in[p+1:])
		if size > uint64(len(in)-p-1-n) {
			return nil, 0, 0, fmt.Errorf("section %d at byte %d runs past the end of the module", id, p)
		}
		body := in[p+1+n : p+1+n+int(size)]
		p += 1 + n + int(size)
		switch id {
		case 11: // data
			var segs []segment
			if segs, err = parseData(body); err != nil {
				return nil, 0, 0, err
			}
			before = len(segs)
			if segs, err = merge(segs, gap); err != nil {
				return nil, 0, 0, err
			}
			after = len(segs)
			body = encodeData(segs)
		case 12: // data count, must match the data section
			return nil, 0, 0, errors.New("a data count section is not supported")
		}
		out = append(out, id)
		out = appendUleb(out, uint64(len(body)))
		out = append(out, body...)
	}
	return out, before, after, nil
}

// parseData reads a data section's segments.
func parseData(b []byte) ([]segment, error) {
	count, n := uleb(b)
	b = b[n:]
	segs := make([]segment, 0, count)
	for i := uint64(0); i < count; i++ {
		// Only the form the Go linker writes: active, memory 0, offset (i32.const addr).
		if len(b) < 2 || b[0] != 0 || b[1] != 0x41 {
			return nil, fmt.Errorf("data segment %d: not an active segment at an i32.const offset", i)
		}
		addr, n := sleb(b[2:])
		b = b[2+n:]
		if len(b) == 0 || b[0] != 0x0b {
			return nil, fmt.Errorf("data segment %d: offset expression is not a constant", i)
		}
		size, n := uleb(b[1:])
		b = b[1+n:]
		if size > uint64(len(b)) {
			return nil, fmt.Errorf("data segment %d runs past the end of the section", i)
		}
		segs = append(segs, segment{uint32(addr), b[:size]})
		b = b[size:]
	}
	return segs, nil
}

// merge joins segments separated by at most gap zero bytes, writing the
// zeros out; overlapping segments (which the Go linker never writes) are an
// error.
func merge(segs []segment, gap int) ([]segment, error) {
	sort.SliceStable(segs, func(i, j int) bool { return segs[i].addr < segs[j].addr })
	var out []segment
	for _, s := range segs {
		if k := len(out) - 1; k >= 0 {
			end := out[k].addr + uint32(len(out[k].data))
			if s.addr < end {
				return nil, fmt.Errorf("data segments overlap at address %d", s.addr)
			}
			if int(s.addr-end) <= gap {
				d := append(append([]byte(nil), out[k].data...), make([]byte, s.addr-end)...)
				out[k].data = append(d, s.data...)
				continue
			}
		}
		out = append(out, s)
	}
	return out, nil
}

// encodeData writes segments as a data section's body.
func encodeData(segs []segment) []byte {
	b := appendUleb(nil, uint64(len(segs)))
	for _, s := range segs {
		b = append(b, 0, 0x41)
		b = appendSleb(b, int64(int32(s.addr))) // i32.const: addresses from 2^31 up are negative
		b = append(b, 0x0b)
		b = appendUleb(b, uint64(len(s.data)))
		b = append(b, s.data...)
	}
	return b
}

func uleb(b []byte) (v uint64, n int) {
	for shift := 0; ; shift += 7 {
		c := b[n]
		n++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			return v, n
		}
	}
}

func sleb(b []byte) (v int64, n int) {
	var shift uint
	var c byte
	for {
		c = b[n]
		n++
		v |= int64(c&0x7f) << shift
		shift += 7
		if c < 0x80 {
			break
		}
	}
	if shift < 64 && c&0x40 != 0 {
		v |= -1 << shift
	}
	return v, n
}

func appendUleb(b []byte, v uint64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v != 0 {
			b = append(b, c|0x80)
			continue
		}
		return append(b, c)
	}
}

func appendSleb(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}
