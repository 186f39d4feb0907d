package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/summary"
)

// cmdSummary writes a plan's result report — the current draft, or the
// final version once the Office finalised it — as .docx, .xlsx or .pdf.
func cmdSummary(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "summary", "summary PLAN_ID --format docx|xlsx|pdf|edxml --out FILE [--db URL | --data DIR]")
	format := fs.String("format", "", "docx (to sign), xlsx (the figures annex), pdf, or edxml (the final report as an edXML package); default: from the --out extension")
	out := fs.String("out", "", "file to write (\"-\" for standard output)")
	soffice := fs.String("soffice", "", "LibreOffice binary for PDF (default: soffice on PATH, else kehoach draws the PDF; \"-\" never uses it)")
	var d dbFlags
	d.register(fs, e)
	// The plan id may come before or after the flags.
	var planID string
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		planID, args = args[0], args[1:]
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if planID == "" && fs.NArg() > 0 {
		planID = fs.Arg(0)
	}
	if planID == "" || *out == "" {
		fs.Usage()
		return &exitError{code: 2, msg: "kehoach summary: cần mã kế hoạch và --out (plan id and --out are required)"}
	}
	if *format == "" {
		*format = strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), ".")
	}
	if !slices.Contains(summary.Formats, *format) && *format != "edxml" {
		return &exitError{code: 2, msg: fmt.Sprintf("kehoach summary: định dạng %q không hỗ trợ; chọn docx, xlsx, pdf hoặc edxml", *format)}
	}
	svc, err := d.open(ctx, nil)
	if err != nil {
		return err
	}
	defer svc.Close()
	sys, err := svc.System(ctx, "dòng lệnh: summary")
	if err != nil {
		return err
	}
	if *format == "edxml" {
		return writeEdXML(ctx, e, svc, sys, planID, *out)
	}
	view, err := svc.Summary(ctx, sys, planID)
	if err != nil {
		if c := kehoach.ErrorCode(err); c != kehoach.EINTERNAL {
			return &exitError{code: 1, msg: "kehoach summary: " + kehoach.ErrorMessage(err)}
		}
		return err
	}
	rep := view.Report
	var buf bytes.Buffer
	if err := summary.Write(ctx, &buf, rep, *format, summary.Options{Soffice: *soffice}); err != nil {
		return err
	}
	if *out == "-" {
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return err
	}
	state := "dự thảo / draft"
	if !rep.Draft {
		state = kehoach.FormatDocNumber(rep.Number, rep.Symbol)
	}
	fmt.Fprintf(e.stderr, "kehoach summary: %s (%s, %d bytes)\n", *out, state, buf.Len())
	return nil
}
