// Package api serves kehoach's JSON API under /api/v1, described by the
// OpenAPI document it also serves. Callers authenticate with the session
// cookie of the web pages or with "Authorization: Bearer TOKEN".
package api

import (
	_ "embed"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

//go:embed openapi.json
var openAPIDoc []byte

// OpenAPI returns the OpenAPI document.
func OpenAPI() []byte { return openAPIDoc }

// Deps are what the API handlers need.
type Deps struct {
	DB *sqlstore.DB
	// Ops are the operations; every handler moves to them.
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

// decode reads a JSON body of at most 1 MiB into v, refusing unknown fields.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 1<<20))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return kehoach.Errorf(kehoach.EINVALID, "Thiếu nội dung JSON.")
		case errors.As(err, &syn):
			return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ ở vị trí %d.", syn.Offset)
		case errors.As(err, &typ):
			return kehoach.Errorf(kehoach.EINVALID, "Trường %q có kiểu không đúng.", typ.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return kehoach.Errorf(kehoach.EINVALID, "Trường không được hỗ trợ: %s.", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ.")
	}
	if dec.More() {
		return kehoach.Errorf(kehoach.EINVALID, "Chỉ gửi một đối tượng JSON.")
	}
	return nil
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
