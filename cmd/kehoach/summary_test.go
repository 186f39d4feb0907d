package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// TestSummaryCommand writes the demo's result report through run, as
// "kehoach summary PLAN_ID --format F --out FILE --data DIR" does.
func TestSummaryCommand(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	db, plan := demoDB(t, filepath.Join(dir, "kehoach.db"), "mat-khau-demo")
	db.Close()
	cli := func(args ...string) (string, error) {
		_, errOut, err := runCLI("", "", args...)
		return errOut, err
	}
	code := func(err error) int {
		var ee *exitError
		if errors.As(err, &ee) {
			return ee.code
		}
		if err != nil {
			return 1
		}
		return 0
	}
	for _, tt := range []struct {
		name string
		args []string
		want int
		file string
		msg  string
	}{
		{"docx", []string{"summary", plan.ID, "--format", "docx", "--out", filepath.Join(dir, "r.docx"), "--data", dir}, 0, "r.docx", ""},
		{"xlsx, flags first", []string{"summary", "--format", "xlsx", "--out", filepath.Join(dir, "r.xlsx"), "--data", dir, plan.ID}, 0, "r.xlsx", ""},
		{"pdf drawn without LibreOffice", []string{"summary", plan.ID, "--format", "pdf", "--soffice", "-", "--out", filepath.Join(dir, "r.pdf"), "--db", filepath.Join(dir, "kehoach.db")}, 0, "r.pdf", ""},
		{"format from the extension", []string{"summary", plan.ID, "--out", filepath.Join(dir, "x.docx"), "--data", dir}, 0, "x.docx", ""},
		{"unknown plan", []string{"summary", "khong-co", "--format", "docx", "--out", filepath.Join(dir, "n.docx"), "--data", dir}, 1, "", "Không tìm thấy kế hoạch"},
		{"bad format", []string{"summary", plan.ID, "--format", "odt", "--out", filepath.Join(dir, "r.odt"), "--data", dir}, 2, "", "không hỗ trợ"},
		{"no output", []string{"summary", plan.ID, "--data", dir}, 2, "", "--out"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			stderr, err := cli(tt.args...)
			if got := code(err); got != tt.want {
				t.Fatalf("exit %d, want %d: %v %s", got, tt.want, err, stderr)
			}
			if tt.msg != "" && (err == nil || !strings.Contains(err.Error(), tt.msg)) {
				t.Errorf("message %v lacks %q", err, tt.msg)
			}
			if tt.file == "" {
				return
			}
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			switch filepath.Ext(tt.file) {
			case ".pdf":
				if !bytes.HasPrefix(data, []byte("%PDF-")) {
					t.Error("not a PDF")
				}
			default:
				if _, err := zip.NewReader(bytes.NewReader(data), int64(len(data))); err != nil {
					t.Errorf("not a zip package: %v", err)
				}
			}
		})
	}
	// Missing agency data: exit 1 with a message naming what to fill in.
	db, err := sqlstore.Open(ctx, filepath.Join(dir, "kehoach.db"))
	if err != nil {
		t.Fatal(err)
	}
	sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("test"))
	u, _ := db.FindUnitByID(sys, demo.UnitAgency)
	u.Place = ""
	if err := db.UpdateUnit(sys, u); err != nil {
		t.Fatal(err)
	}
	db.Close()
	_, err = cli("summary", plan.ID, "--format", "docx", "--out", filepath.Join(dir, "m.docx"), "--data", dir)
	if code(err) != 1 || !strings.Contains(err.Error(), "Chưa có địa danh") {
		t.Errorf("missing place: %v", err)
	}
}
