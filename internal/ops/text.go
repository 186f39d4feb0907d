package ops

import "github.com/kehoach/kehoach"

// named is a text input that is not a field of a struct: its field name
// and where it is.
type named struct {
	field string
	v     *string
}

// document is an input read from a document (an import): its texts are
// held to the policy as texts of several lines.
type document struct{ ptr any }

// cleanInput applies the text policy ([kehoach.CheckTexts]) to every input
// of a write, cleaning its texts in place (NFC, line ends, blank values):
// pointers to input structs, or [named] texts. It returns the problems of
// every field as one [kehoach.EINVALID] error, or nil. Every write calls it
// first, so that nothing reaches the store that the policy refuses.
func cleanInput(ins ...any) error {
	p := Problems{}
	for _, in := range ins {
		var got map[string]string
		if n, ok := in.(named); ok {
			got = kehoach.CheckText(n.field, n.v)
		} else if p, ok := in.(*kehoach.Plan); ok {
			got = kehoach.CheckDocumentTexts(p)
		} else if d, ok := in.(document); ok {
			got = kehoach.CheckDocumentTexts(d.ptr)
		} else {
			got = kehoach.CheckTexts(in)
		}
		for k, v := range got {
			p.Add(k, v)
		}
	}
	return p.Err()
}
