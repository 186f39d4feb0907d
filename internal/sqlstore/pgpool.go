package sqlstore

import (
	"os"
	"strconv"
)

// pgPoolSize is how many connections one process keeps to PostgreSQL.
func pgPoolSize() int {
	if n, err := strconv.Atoi(os.Getenv("KEHOACH_PG_POOL")); err == nil && n > 0 {
		return n
	}
	return 20
}
