package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/edxml"
)

func cmdImport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "import", "import [--json] FILE   (FILE '-' reads standard input; plain text, .docx or an .edxml package)")
	asJSON := fs.Bool("json", false, "print one JSON object (the import contract) instead of a summary")
	// Flags may come after the file too: kehoach import FILE --json.
	var flags, rest []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") && a != "-" {
			flags = append(flags, a)
		} else {
			rest = append(rest, a)
		}
	}
	if err := parse(fs, append(flags, rest...)); err != nil {
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
			why := fmt.Sprintf("không mở được tệp (%v)", unwrapPathErr(err))
			switch {
			case errors.Is(err, os.ErrNotExist):
				why = "không có tệp này"
			case errors.Is(err, os.ErrPermission):
				why = "không có quyền đọc tệp"
			}
			return &exitError{code: 1, msg: fmt.Sprintf("kehoach import: %s: %s", name, why)}
		}
		defer f.Close()
		r = f
	}
	doc, _, err := edxml.ParseDocument(r, name)
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
	return docparse.WriteSummary(e.stdout, doc)
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}
