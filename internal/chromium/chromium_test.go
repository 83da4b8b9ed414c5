package chromium

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	named := filepath.Join(dir, "my-chromium")
	if err := os.WriteFile(named, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	onPath := filepath.Join(dir, "bin")
	if err := os.Mkdir(onPath, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(onPath, "chromium"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "nothing")

	t.Setenv("PATH", onPath)
	t.Setenv(EnvPath, "")
	if got, err := Find(named); err != nil || got != named {
		t.Errorf("Find(%q) = %q, %v; want the given path", named, got, err)
	}
	if got, err := Find(""); err != nil || got != filepath.Join(onPath, "chromium") {
		t.Errorf("Find(\"\") = %q, %v; want chromium on PATH", got, err)
	}
	t.Setenv(EnvPath, named)
	if got, err := Find(""); err != nil || got != named {
		t.Errorf("Find(\"\") with $%s = %q, %v; want %q", EnvPath, got, err, named)
	}
	t.Setenv(EnvPath, missing)
	if _, err := Find(""); err == nil || !strings.Contains(err.Error(), "$"+EnvPath) {
		t.Errorf("Find(\"\") with a missing $%s: err = %v, want one naming $%s", EnvPath, err, EnvPath)
	}
	if _, err := Find(missing); err == nil || !strings.Contains(err.Error(), missing) {
		t.Errorf("Find(%q): err = %v, want one naming the path", missing, err)
	}

	// Nothing named, nothing on PATH: /usr/bin/chromium, or the install command.
	t.Setenv(EnvPath, "")
	t.Setenv("PATH", dir+"/empty")
	got, err := Find("")
	if _, statErr := os.Stat(debianPath); statErr == nil {
		if err != nil || got != debianPath {
			t.Errorf("Find(\"\") = %q, %v; want %s", got, err, debianPath)
		}
	} else if err == nil || !strings.Contains(err.Error(), Install) {
		t.Errorf("Find(\"\") with no browser: err = %v, want one with %q", err, Install)
	}
}
