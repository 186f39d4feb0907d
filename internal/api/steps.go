package api

import (
	"context"
	"net/http"

	"github.com/kehoach/kehoach"
)

// answer writes v with status, or hands err on to [Deps.authed].
func answer(w http.ResponseWriter, status int, v any, err error) error {
	if err != nil {
		return err
	}
	writeJSON(w, status, v)
	return nil
}

// onPath runs op on the {id} of the path and answers 200 with what it
// returns.
func onPath[R any](op func(context.Context, *kehoach.Actor, string) (R, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		v, err := op(r.Context(), a, r.PathValue("id"))
		return answer(w, http.StatusOK, v, err)
	}
}

// listed runs op on the {id} of the path and answers 200 with the list it
// returns under name.
func listed[T any](name string, op func(context.Context, *kehoach.Actor, string) ([]T, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		list, err := op(r.Context(), a, r.PathValue("id"))
		return answer(w, http.StatusOK, map[string]any{name: list}, err)
	}
}

// withBody decodes the body into the input of op, runs op on the {id} of
// the path, and answers status with what op returns.
func withBody[T, R any](status int, op func(context.Context, *kehoach.Actor, string, T) (R, error)) handler {
	return func(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
		var in T
		if err := decode(r, &in); err != nil {
			return err
		}
		v, err := op(r.Context(), a, r.PathValue("id"), in)
		return answer(w, status, v, err)
	}
}

// withBodyOnly is [withBody] for an operation on no path {id}.
func withBodyOnly[T, R any](status int, op func(context.Context, *kehoach.Actor, T) (R, error)) handler {
	return withBody(status, func(ctx context.Context, a *kehoach.Actor, _ string, in T) (R, error) {
		return op(ctx, a, in)
	})
}
