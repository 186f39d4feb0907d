package sqlstore

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// A token without a column type is refused, naming the file, rather than
// reaching the database as a syntax error.
func TestMigrationUnknownToken(t *testing.T) {
	files := fstest.MapFS{"00001_x.sql": {Data: []byte("CREATE TABLE x (at {timestamp}, n {int});")}}
	f := dialectFS{files, strings.NewReplacer("{timestamp}", "TIMESTAMP")}
	_, err := fs.ReadFile(f, "00001_x.sql")
	if err == nil || !strings.Contains(err.Error(), "00001_x.sql") || !strings.Contains(err.Error(), "{int}") {
		t.Fatalf("err = %v, want one naming the file and {int}", err)
	}
}

// Every token the table defines has a spelling on both engines.
func TestColumnTypesComplete(t *testing.T) {
	for _, c := range columnTypes {
		if !leftToken.MatchString(c.token) || c.sqlite == "" || c.postgres == "" {
			t.Errorf("column type %+v is incomplete", c)
		}
	}
}
