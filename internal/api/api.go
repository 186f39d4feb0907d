// Package api serves kehoach's JSON API under /api/v1, described by the
// OpenAPI document it also serves. Callers authenticate with the session
// cookie of the web pages or with "Authorization: Bearer TOKEN".
package api

import (
	_ "embed"
	"encoding/json"
	"log/slog"
	"net/http"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
)

//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI document.
func OpenAPI() []byte { return openAPIDoc }

// Deps are what the API handlers need.
type Deps struct {
	// Ops are the operations every handler calls.
	Ops    *ops.Service
	Logger *slog.Logger
}

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields,omitempty"`
	} `json:"error"`
}

// StatusOf maps a domain error code to an HTTP status.
func StatusOf(code string) int { return httpx.StatusOf(code) }

func (d Deps) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := kehoach.ErrorCode(err)
	if code == kehoach.EINTERNAL {
		d.Logger.Error("api", "method", r.Method, "path", r.URL.Path, "err", err)
	}
	var body errorBody
	body.Error.Code, body.Error.Message, body.Error.Fields = code, kehoach.ErrorMessage(err), kehoach.ErrorFields(err)
	writeJSON(w, StatusOf(code), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// handler adapts a function that returns an error, so that each handler
// decodes, checks, acts and writes, and leaves error responses to one place.
type handler func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error

// authed wraps h so that it runs only with an authenticated actor.
func (d Deps) authed(h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a := httpx.Actor(r.Context())
		if a == nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="kehoach"`)
			d.writeError(w, r, kehoach.Errorf(kehoach.EUNAUTHORIZED, "Cần đăng nhập hoặc khóa API."))
			return
		}
		if err := h(w, r, a); err != nil {
			d.writeError(w, r, err)
		}
	})
}

func forbidden() error {
	return kehoach.Errorf(kehoach.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.")
}
