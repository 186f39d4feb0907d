package sqlstore

import (
	"os"
	"strconv"
)

// pgPoolSize is how many connections one process keeps to PostgreSQL:
// KEHOACH_PG_POOL when set, else 20 — enough for the writes queued on a
// row lock and the reads of other requests to go on meanwhile, few enough
// for several processes to share a server's default 100 connections.
func pgPoolSize() int {
	if n, err := strconv.Atoi(os.Getenv("KEHOACH_PG_POOL")); err == nil && n > 0 {
		return n
	}
	return 20
}
