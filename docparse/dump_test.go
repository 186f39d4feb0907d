package docparse

import (
	"encoding/json"
	"os"
	"testing"
)

// TestDump prints the JSON object for the file named by DOCPARSE_DUMP; it
// is a debugging aid and does nothing otherwise.
func TestDump(t *testing.T) {
	name := os.Getenv("DOCPARSE_DUMP")
	if name == "" {
		t.Skip("DOCPARSE_DUMP not set")
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	d, err := Parse(f, name)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(d, "", "  ")
	os.Stdout.Write(append(b, '\n'))
}
