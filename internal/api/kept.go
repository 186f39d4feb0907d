package api

import (
	"encoding/json"
	"net/http"

	"github.com/kehoach/kehoach/internal/httpx"
	"github.com/kehoach/kehoach/internal/ops"
)

// keptJSON holds answers encoded from a computation the operations keep
// (see [ops.Monitoring.Kept]), by service and computation number.
var keptJSON = httpx.NewKeptBodies(8 << 20)

type keptKey struct {
	svc  *ops.Service
	kept uint64
}

// writeKept writes, as [writeJSON] would with status 200, the answer that
// make builds from the computation numbered kept, encoding it once: the
// same computation gets the same bytes. kept 0 is never kept.
func writeKept(w http.ResponseWriter, r *http.Request, svc *ops.Service, kept uint64, make func() any) error {
	key := keptKey{svc, kept}
	b := keptJSON.Get(key)
	if b == nil || kept == 0 {
		buf := httpx.Buffer()
		defer httpx.PutBuffer(buf)
		enc := json.NewEncoder(buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(make()); err != nil {
			return err
		}
		b = httpx.NewKeptBody(buf.Bytes())
		if kept != 0 {
			keptJSON.Put(key, b)
		}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	b.Write(w, r, http.StatusOK)
	return nil
}
