package web

import "testing"

// TestEveryPageParses parses every page's template, which the server
// otherwise does only when the page is first shown: a broken template
// fails here, not in front of a user.
func TestEveryPageParses(t *testing.T) {
	s, err := newServer(Deps{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.pages) < 10 {
		t.Fatalf("%d pages found, want every template of templates/", len(s.pages))
	}
	for name, parsed := range s.pages {
		tpl, err := parsed()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if tpl.Lookup("layout.html") == nil {
			t.Errorf("%s: the layout is not in its set", name)
		}
		again, _ := parsed()
		if again != tpl {
			t.Errorf("%s: parsed twice", name)
		}
	}
	for _, shared := range []string{"layout", "partials"} {
		if _, ok := s.pages[shared]; ok {
			t.Errorf("%s is listed as a page", shared)
		}
	}
}
