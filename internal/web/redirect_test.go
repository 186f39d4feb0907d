package web

import "testing"

func TestLocalNext(t *testing.T) {
	for next, want := range map[string]string{
		"": "/", "/plans": "/plans", "/plans?x=1#a": "/plans?x=1#a",
		"//evil.example": "/", "/\\evil.example": "/", "https://evil.example": "/", "evil.example": "/",
		"/\t/evil.example": "/", "/\n/evil.example": "/", "/\r\n/evil.example": "/", "/\x00x": "/", "/\x7fx": "/",
	} {
		if got := localNext(next); got != want {
			t.Errorf("localNext(%q) = %q, want %q", next, got, want)
		}
	}
}
