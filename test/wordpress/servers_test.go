//go:build wordpress

package wordpress_test

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// wpSite is a throw-away WordPress: Debian's files under a temporary
// document root (symlinks to /usr/share/wordpress, with its own
// wp-config.php and wp-content), MariaDB on a private socket with a
// temporary datadir, Apache with mod_php on a free loopback port.
type wpSite struct {
	dir, root, sock, url string
	procs                []*exec.Cmd
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// run runs a command and returns its error with its output.
func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return nil
}

// startMariaDB initialises a datadir and starts mariadbd on a unix socket
// only (no TCP), waiting until it answers.
func (s *wpSite) startMariaDB() error {
	data := filepath.Join(s.dir, "db")
	user := []string{}
	if os.Geteuid() == 0 {
		user = []string{"--user=root"}
	}
	args := append([]string{"--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve"}, user...)
	if err := run("mariadb-install-db", args...); err != nil {
		return err
	}
	s.sock = filepath.Join(s.dir, "mysqld.sock")
	cmd := exec.Command("/usr/sbin/mariadbd", append([]string{"--no-defaults", "--datadir=" + data, "--socket=" + s.sock,
		"--skip-networking", "--pid-file=" + filepath.Join(s.dir, "mysqld.pid"), "--log-error=" + filepath.Join(s.dir, "mysqld.err"),
		"--innodb-buffer-pool-size=32M", "--skip-log-bin", "--innodb-flush-log-at-trx-commit=0"}, user...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return err
	}
	s.procs = append(s.procs, cmd)
	for deadline := time.Now().Add(30 * time.Second); ; {
		if c, err := net.Dial("unix", s.sock); err == nil {
			c.Close()
			return nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "mysqld.err"))
			return fmt.Errorf("mariadbd did not start: %s", log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// apacheConf is a complete Apache configuration: prefork with mod_php, the
// document root, a PHP prepend that points WordPress at this directory.
const apacheConf = `ServerRoot /etc/apache2
ServerName localhost
Listen 127.0.0.1:{{PORT}}
PidFile {{DIR}}/apache.pid
DefaultRuntimeDir {{DIR}}
Mutex file:{{DIR}}
ErrorLog {{DIR}}/apache-error.log
LogLevel warn
{{USER}}
LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule dir_module /usr/lib/apache2/modules/mod_dir.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so
StartServers 2
MinSpareServers 2
MaxSpareServers 4
MaxRequestWorkers 8
TypesConfig /etc/mime.types
DocumentRoot {{ROOT}}
DirectoryIndex index.php
<Directory />
  Options FollowSymLinks
  AllowOverride None
  Require all granted
</Directory>
<FilesMatch "\.php$">
  SetHandler application/x-httpd-php
</FilesMatch>
php_admin_value auto_prepend_file {{DIR}}/prepend.php
php_admin_flag display_errors off
php_admin_flag log_errors on
php_admin_value error_log {{DIR}}/php-error.log
`

// startApache writes the configuration and starts Apache in the foreground.
func (s *wpSite) startApache(port int) error {
	user := ""
	if os.Geteuid() == 0 {
		user = "User www-data\nGroup www-data" // Apache refuses to serve as root
	}
	conf := strings.NewReplacer("{{PORT}}", fmt.Sprint(port), "{{DIR}}", s.dir, "{{ROOT}}", s.root, "{{USER}}", user).Replace(apacheConf)
	path := filepath.Join(s.dir, "apache.conf")
	if err := os.WriteFile(path, []byte(conf), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("/usr/sbin/apache2", "-f", path, "-DFOREGROUND")
	// Its own process group: Apache signals its whole group when it stops.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return err
	}
	s.procs = append(s.procs, cmd)
	for deadline := time.Now().Add(20 * time.Second); ; {
		if resp, err := http.Get(s.url + "/readme.html"); err == nil {
			resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			log, _ := os.ReadFile(filepath.Join(s.dir, "apache-error.log"))
			return fmt.Errorf("apache did not start: %s %s", out.String(), log)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// stop ends the servers this test started (by their process) and removes
// the temporary directory.
func (s *wpSite) stop() {
	for i := len(s.procs) - 1; i >= 0; i-- {
		p := s.procs[i]
		p.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { p.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			p.Process.Kill()
			<-done
		}
	}
	if os.Getenv("ROIKIT_WP_KEEP") == "" {
		os.RemoveAll(s.dir)
	}
}

// docRoot builds the document root: a symlink to each of Debian's
// WordPress files but wp-config.php and wp-content, which are this site's.
func (s *wpSite) docRoot(plugin string) error {
	s.root = filepath.Join(s.dir, "wordpress")
	entries, err := os.ReadDir("/usr/share/wordpress")
	if err != nil {
		return err
	}
	for _, d := range []string{"", "wp-content", "wp-content/plugins", "wp-content/mu-plugins", "wp-content/themes"} {
		if err := os.MkdirAll(filepath.Join(s.root, d), 0o755); err != nil {
			return err
		}
	}
	for _, e := range entries {
		if n := e.Name(); n != "wp-config.php" && n != "wp-content" && n != ".htaccess" {
			if err := os.Symlink(filepath.Join("/usr/share/wordpress", n), filepath.Join(s.root, n)); err != nil {
				return err
			}
		}
	}
	if err := os.Symlink("/usr/share/wordpress/wp-content/themes/twentytwentythree", filepath.Join(s.root, "wp-content/themes/twentytwentythree")); err != nil {
		return err
	}
	if err := run("cp", "-r", plugin, filepath.Join(s.root, "wp-content/plugins/")); err != nil {
		return err
	}
	return nil
}
