package docgen

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// DefaultConvertTimeout bounds a LibreOffice conversion when the context has
// no deadline of its own.
const DefaultConvertTimeout = 120 * time.Second

// lookSoffice resolves the LibreOffice binary: "" looks it up on PATH, "-"
// means never; any other value is used as given.
func lookSoffice(name string) string {
	switch name {
	case "-":
		return ""
	case "":
		p, err := exec.LookPath("soffice")
		if err != nil {
			return ""
		}
		return p
	default:
		return name
	}
}

// ConvertFiles converts files with LibreOffice headless into outDir, in one
// start of the program, with a private user profile so that it neither
// touches nor waits for another instance. format is a LibreOffice filter
// spec such as "pdf". The output of a/b.docx is outDir/b.pdf.
func ConvertFiles(ctx context.Context, soffice, format, outDir string, files ...string) error {
	bin := lookSoffice(soffice)
	if bin == "" {
		return errors.New("docgen: LibreOffice (soffice) not found")
	}
	if len(files) == 0 {
		return nil
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultConvertTimeout)
		defer cancel()
	}
	profile, err := os.MkdirTemp("", "docgen-lo-profile-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(profile)
	profileURL := (&url.URL{Scheme: "file", Path: filepath.ToSlash(profile)}).String()
	args := []string{"-env:UserInstallation=" + profileURL, "--headless", "--norestore", "--nolockcheck",
		"--convert-to", format, "--outdir", outDir}
	args = append(args, files...)
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+profile)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	killGroup(cmd)
	cmd.WaitDelay = 5 * time.Second
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("docgen: LibreOffice conversion: %w", ctx.Err())
		}
		return fmt.Errorf("docgen: LibreOffice conversion: %v: %s", err, strings.TrimSpace(out.String()))
	}
	ext := "." + strings.SplitN(format, ":", 2)[0]
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
		if _, err := os.Stat(filepath.Join(outDir, base+ext)); err != nil {
			return fmt.Errorf("docgen: LibreOffice wrote no %s for %s: %s", ext, filepath.Base(f), strings.TrimSpace(out.String()))
		}
	}
	return nil
}
