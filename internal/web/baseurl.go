package web

import (
	"net/http"

	"github.com/kehoach/kehoach/internal/public"
)

// baseURL is kehoach's address for absolute links (see [public.BaseURL]).
func (s *server) baseURL(r *http.Request) string { return public.BaseURL(r, s.BaseURL) }
