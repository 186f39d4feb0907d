package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// writeEdXML writes the plan's final result report as an edXML package.
func writeEdXML(ctx context.Context, e *env, svc *ops.Service, sys *kehoach.Actor, planID, out string) error {
	f, err := svc.SummaryEdXML(ctx, sys, planID)
	if err != nil {
		if c := kehoach.ErrorCode(err); c != kehoach.EINTERNAL {
			return &exitError{code: 1, msg: "kehoach summary: " + kehoach.ErrorMessage(err)}
		}
		return err
	}
	if out == "-" {
		_, err := e.stdout.Write(f.Data)
		return err
	}
	if err := os.WriteFile(out, f.Data, 0o644); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "kehoach summary: %s (edXML, %d bytes)\n", out, len(f.Data))
	return nil
}
