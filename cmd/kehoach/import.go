package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/kehoach/kehoach/docparse"
)

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import [--json] FILE   (FILE '-' reads standard input; plain text or .docx)")
	asJSON := fs.Bool("json", false, "print one JSON object (the import contract) instead of a summary")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return &exitError{code: 2}
	}
	name := fs.Arg(0)
	var r io.Reader
	if name == "-" {
		r = e.stdin
	} else {
		f, err := os.Open(name)
		if err != nil {
			return &exitError{code: 1, msg: fmt.Sprintf("kehoach import: %s: không mở được tệp (%v)", name, unwrapPathErr(err))}
		}
		defer f.Close()
		r = f
	}
	doc, err := docparse.Parse(r, name)
	if err != nil {
		return &exitError{code: 1, msg: fmt.Sprintf("kehoach import: %s: %v", name, err)}
	}
	if *asJSON {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		if err := enc.Encode(doc); err != nil {
			return err
		}
		_, err := e.stdout.Write(buf.Bytes())
		return err
	}
	return writeSummary(e.stdout, doc)
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// writeSummary prints what was found in Vietnamese, one field a line.
func writeSummary(w io.Writer, d *docparse.Document) error {
	str := func(p *string) string {
		if p == nil {
			return "(không có)"
		}
		return *p
	}
	fmt.Fprintf(w, "Loại văn bản:   %s\n", d.Type)
	fmt.Fprintf(w, "Cơ quan:        %s\n", str(d.Issuer))
	fmt.Fprintf(w, "Số, ký hiệu:    %s / %s\n", str(d.Number), str(d.Symbol))
	fmt.Fprintf(w, "Địa danh, ngày: %s, %s\n", str(d.Place), str(d.Date))
	fmt.Fprintf(w, "Trích yếu:      %s\n", d.Title)
	if d.Year != nil {
		fmt.Fprintf(w, "Năm:            %d\n", *d.Year)
	}
	for _, b := range d.Basis {
		fmt.Fprintf(w, "Căn cứ:         %s\n", b.Text)
	}
	for _, s := range d.Sections {
		fmt.Fprintf(w, "Mục %s. %s (%d mục con)\n", s.Label, s.Heading, len(s.Items))
	}
	if d.Period != nil {
		fmt.Fprintf(w, "Thời gian:      %s → %s (%s)\n", str(d.Period.Start), str(d.Period.End), d.Period.Text)
	}
	for _, ev := range d.Events {
		fmt.Fprintf(w, "Sự kiện:        %s, %s\n", ev.Name, str(ev.Date))
	}
	for _, t := range d.Tasks {
		fmt.Fprintf(w, "Nhiệm vụ:       [%s] %s — chủ trì: %s\n", t.Section, t.Text, str(t.Lead))
	}
	fmt.Fprintf(w, "Nơi nhận:       %d\n", len(d.Recipients))
	if d.Signer != nil {
		fmt.Fprintf(w, "Người ký:       %s %s %s\n", d.Signer.Authority, d.Signer.Title, d.Signer.Name)
	}
	for _, wr := range d.Warnings {
		fmt.Fprintf(w, "Cảnh báo:       [%s] %s\n", wr.Code, wr.Message)
	}
	return nil
}
