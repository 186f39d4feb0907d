package demo

import (
	"context"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// loadDocuments prepares the demo's result report draft.
func loadDocuments(ctx context.Context, db *sqlstore.DB, plan *kehoach.Plan) error {
	return nil
}
