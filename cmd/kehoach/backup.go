package main

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
)

// A backup is one .tar.gz: manifest.json (engine, version, time), the
// database (kehoach.db, a consistent SQLite copy, or kehoach.sql from
// pg_dump) and the other files of the data folder, among them the audit
// key audit.key, so that the restored trail verifies. Whoever holds a
// backup can therefore read the data and forge the trail: keep backups as
// safe as the data folder. With KEHOACH_AUDIT_KEY the key is not in the
// data folder nor in the backup; give the same key after restoring.

const (
	backupManifest = "manifest.json"
	backupSQLite   = "kehoach.db"
	backupPostgres = "kehoach.sql"
)

type backupInfo struct {
	Engine  string    `json:"engine"`
	Version string    `json:"version"`
	At      time.Time `json:"at"`
}

func cmdBackup(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "backup", "backup --out FILE [--data DIR | --db URL]")
	out := flags.String("out", "", "the backup file to write (.tar.gz)")
	var d dbFlags
	d.register(flags, e)
	if err := parse(flags, args); err != nil {
		return err
	}
	if *out == "" {
		return &exitError{code: 2, msg: "kehoach backup: cần --out FILE (where to write the backup)"}
	}
	tmp, err := os.MkdirTemp("", "kehoach-backup-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	svc, a, err := d.openAs(ctx, "backup")
	if err != nil {
		return err
	}
	info := backupInfo{Engine: svc.Dialect(), Version: kehoach.Version, At: time.Now().UTC()}
	dbFile := filepath.Join(tmp, backupSQLite)
	if info.Engine == "sqlite" {
		err = svc.Snapshot(ctx, a, dbFile)
	} else {
		dbFile = filepath.Join(tmp, backupPostgres)
		if err = svc.SealAudit(ctx, a); err == nil {
			err = pgTool(ctx, "pg_dump", "--no-owner", "--no-privileges", "--dbname", d.dsn(), "--file", dbFile)
		}
	}
	svc.Close()
	if err != nil {
		return fmt.Errorf("kehoach backup: %w", err)
	}
	files := map[string]string{backupManifest: "", filepath.Base(dbFile): dbFile}
	if err := dataFiles(d, *out, files); err != nil {
		return err
	}
	manifest, _ := json.MarshalIndent(info, "", "  ")
	if err := os.WriteFile(filepath.Join(tmp, backupManifest), manifest, 0o600); err != nil {
		return err
	}
	files[backupManifest] = filepath.Join(tmp, backupManifest)
	if err := writeTarGz(*out, files); err != nil {
		return fmt.Errorf("kehoach backup: %w", err)
	}
	fmt.Fprintf(e.stdout, "kehoach backup: %s (%s, %d tệp / files)\n", *out, info.Engine, len(files))
	return nil
}

// dataFiles adds the files of the data folder but the database itself
// (and the backup being written). On PostgreSQL with the default data
// folder, the working directory, only the audit key is taken.
func dataFiles(d dbFlags, out string, files map[string]string) error {
	outAbs, _ := filepath.Abs(out)
	dbAbs, _ := filepath.Abs(d.dsn())
	onlyKey := d.db != "" && d.data == "."
	err := filepath.WalkDir(d.data, func(path string, de fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if !de.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(d.data, path)
		if err != nil {
			return err
		}
		abs, _ := filepath.Abs(path)
		switch {
		case abs == outAbs, abs == dbAbs, abs == dbAbs+"-wal", abs == dbAbs+"-shm", abs == dbAbs+"-journal":
			return nil
		case onlyKey && rel != "audit.key":
			return nil
		case rel == backupManifest || rel == backupSQLite || rel == backupPostgres:
			return nil
		}
		files[filepath.ToSlash(rel)] = path
		return nil
	})
	return err
}

func writeTarGz(out string, files map[string]string) error {
	f, err := os.OpenFile(out+".tmp", os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return err
	}
	defer os.Remove(out + ".tmp")
	gz := gzip.NewWriter(f)
	tw := tar.NewWriter(gz)
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if err := addFile(tw, n, files[n]); err != nil {
			f.Close()
			return err
		}
	}
	if err := tw.Close(); err != nil {
		f.Close()
		return err
	}
	if err := gz.Close(); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(out+".tmp", out)
}

func addFile(tw *tar.Writer, name, path string) error {
	src, err := os.Open(path)
	if err != nil {
		return err
	}
	defer src.Close()
	st, err := src.Stat()
	if err != nil {
		return err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: int64(st.Mode().Perm()), Size: st.Size(), ModTime: st.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return err
	}
	_, err = io.Copy(tw, src)
	return err
}

func cmdRestore(ctx context.Context, e *env, args []string) error {
	flags := newFlags(e, "restore", "restore FILE --data DIR [--db URL] [--force]")
	force := flags.Bool("force", false, "write over a data folder or database that is not empty")
	var d dbFlags
	d.register(flags, e)
	var file string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		file, args = args[0], args[1:]
	}
	if err := parse(flags, args); err != nil {
		return err
	}
	if file == "" && flags.NArg() > 0 {
		file = flags.Arg(0)
	}
	if file == "" {
		return &exitError{code: 2, msg: "kehoach restore: cần tệp sao lưu (usage: kehoach restore FILE --data DIR)"}
	}
	if !*force {
		if ents, err := os.ReadDir(d.data); err == nil && len(ents) > 0 {
			return &exitError{code: 1, msg: fmt.Sprintf("kehoach restore: thư mục %s không trống; dùng --force để ghi đè (the data folder is not empty)", d.data)}
		}
		if _, err := os.Stat(d.dsn()); err == nil {
			return &exitError{code: 1, msg: fmt.Sprintf("kehoach restore: %s đã có; dùng --force để ghi đè (the database exists)", d.dsn())}
		}
	}
	if err := os.MkdirAll(d.data, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "kehoach-restore-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	var info backupInfo
	err = readTarGz(file, func(name string, r io.Reader, mode fs.FileMode) error {
		dst := filepath.Join(d.data, filepath.FromSlash(name))
		switch name {
		case backupManifest:
			return json.NewDecoder(r).Decode(&info)
		case backupSQLite, backupPostgres:
			dst = filepath.Join(tmp, name)
		}
		return writeFile(dst, r, mode)
	})
	if err != nil {
		return fmt.Errorf("kehoach restore: %s: %w", file, err)
	}
	isPG := strings.HasPrefix(d.dsn(), "postgres://") || strings.HasPrefix(d.dsn(), "postgresql://")
	switch {
	case info.Engine == "sqlite" && !isPG:
		target := d.dsn()
		for _, s := range []string{"-wal", "-shm", "-journal"} {
			_ = os.Remove(target + s)
		}
		if err := copyFile(filepath.Join(tmp, backupSQLite), target); err != nil {
			return err
		}
	case info.Engine == "postgres" && isPG:
		if err := pgTool(ctx, "psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "--dbname", d.dsn(), "--file", filepath.Join(tmp, backupPostgres)); err != nil {
			return fmt.Errorf("kehoach restore: %w (cơ sở dữ liệu đích phải trống / the target database must be empty)", err)
		}
	default:
		return &exitError{code: 1, msg: fmt.Sprintf("kehoach restore: bản sao lưu %s là %q; chọn đích cùng loại (--data DIR cho SQLite, --db postgres://… cho PostgreSQL)", file, info.Engine)}
	}
	// Bring the copy's schema up to date now, so that a backup of an older
	// release opens as the current one.
	svc, err := d.open(ctx, nil)
	if err != nil {
		return err
	}
	svc.Close()
	fmt.Fprintf(e.stdout, "kehoach restore: %s → %s (%s, %s); kiểm tra bằng / check with: kehoach audit verify\n", file, redact(d.dsn()), info.Engine, info.At.Format(time.RFC3339))
	return nil
}

func readTarGz(path string, each func(name string, r io.Reader, mode fs.FileMode) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("không phải bản sao lưu của kehoach (not a kehoach backup): %w", err)
	}
	tr := tar.NewReader(gz)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.ToSlash(filepath.Clean(h.Name))
		if h.Typeflag != tar.TypeReg || strings.HasPrefix(name, "../") || name == ".." || filepath.IsAbs(h.Name) {
			continue
		}
		if err := each(name, tr, fs.FileMode(h.Mode).Perm()); err != nil {
			return err
		}
	}
}

func writeFile(dst string, r io.Reader, mode fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, mode|0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func copyFile(src, dst string) error {
	f, err := os.Open(src)
	if err != nil {
		return err
	}
	defer f.Close()
	return writeFile(dst, f, 0o644)
}

// pgTool runs a PostgreSQL client program (pg_dump, psql) from PATH or the
// Debian install folder.
func pgTool(ctx context.Context, name string, args ...string) error {
	path, err := exec.LookPath(name)
	if err != nil {
		found, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
		sort.Strings(found)
		if len(found) == 0 {
			return fmt.Errorf("không tìm thấy %s: cài gói postgresql-client (%s not found)", name, name)
		}
		path = found[len(found)-1]
	}
	cmd := exec.CommandContext(ctx, path, args...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %w: %s", name, err, strings.TrimSpace(string(out)))
	}
	return nil
}
