package web

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/kehoach/kehoach"
)

// A form over its size limit is not lost: what was typed that fits within
// the limit is shown again, each field in a box the person can shorten,
// with the limit named, and can be sent again to where it was going (413).

// formTooLarge is the error of a form over its limit, with what fitted.
type formTooLarge struct {
	err   *kehoach.Error
	limit int64
	kept  *keptForm
}

func (e *formTooLarge) Error() string { return e.err.Error() }
func (e *formTooLarge) Unwrap() error { return e.err }

// oversizeData is the page that shows an oversize form again.
type oversizeData struct {
	Action  string
	Limit   string
	Message string
	Kept    *keptForm
}

// tooLargeMessage names the limit of a form.
func tooLargeMessage(limit int64) string {
	if limit >= 1<<20 {
		return fmt.Sprintf("Biểu mẫu quá lớn: tối đa %d MB. Những gì đã nhập vừa giới hạn được giữ lại dưới đây; hãy rút gọn rồi gửi lại.", limit>>20)
	}
	return fmt.Sprintf("Biểu mẫu quá lớn: tối đa %d KB. Những gì đã nhập vừa giới hạn được giữ lại dưới đây; hãy rút gọn rồi gửi lại.", limit>>10)
}

// readFormKeeping reads a posted form of at most limit bytes. A form sent
// as application/x-www-form-urlencoded over the limit gives a
// [formTooLarge] holding the fields that fitted whole.
func readFormKeeping(w http.ResponseWriter, r *http.Request, limit int64) error {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") || r.Body == nil {
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		return parseForm(r)
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	if err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được.")
	}
	if int64(len(b)) > limit {
		vals := fittingFields(io.MultiReader(bytes.NewReader(b), r.Body), limit)
		k := &keptForm{}
		k.add(vals, "")
		return &formTooLarge{err: kehoach.Errorf(kehoach.ETOOLARGE, "%s", tooLargeMessage(limit)), limit: limit, kept: k}
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.ContentLength = int64(len(b))
	return parseForm(r)
}

// renderTooLarge shows an oversize form again, when err is one; it
// reports whether it did.
func (s *server) renderTooLarge(w http.ResponseWriter, r *http.Request, err error) bool {
	var tl *formTooLarge
	if !errors.As(err, &tl) {
		return false
	}
	l := langOf(r)
	d := oversizeData{Action: r.URL.Path, Message: Translate(l, tooLargeMessage(tl.limit)), Kept: tl.kept}
	s.render(w, r, http.StatusRequestEntityTooLarge, "oversize", s.newPage(r, Translate(l, "Biểu mẫu quá lớn"), d))
	return true
}

// maxForm is the most any form sent as application/x-www-form-urlencoded
// may carry; a handler may read its form with a smaller limit.
const maxForm = 1 << 20

// boundForm holds every form posted to a page to [maxForm]: one over it is
// shown again as [readFormKeeping] does, whichever handler it was going
// to; one within it is left for the handler to read.
func boundForm(w http.ResponseWriter, r *http.Request) error {
	if r.Method != http.MethodPost || r.Body == nil || !strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		return nil
	}
	b, err := io.ReadAll(io.LimitReader(r.Body, maxForm+1))
	if err != nil {
		return kehoach.Errorf(kehoach.EINVALID, "Biểu mẫu không đọc được.")
	}
	r.Body = io.NopCloser(io.MultiReader(bytes.NewReader(b), r.Body))
	if int64(len(b)) > maxForm {
		return readFormKeeping(w, r, maxForm)
	}
	r.Body = io.NopCloser(bytes.NewReader(b))
	return nil
}

// fittingFields reads an urlencoded body (at most 64 MB of it) and keeps
// the fields that fit whole, in their order, until they fill limit bytes:
// a field too long to keep is left out, not the fields after it.
func fittingFields(body io.Reader, limit int64) url.Values {
	br := bufio.NewReaderSize(io.LimitReader(body, 64<<20), 64<<10)
	vals := url.Values{}
	var kept int64
	for {
		pair, err := br.ReadSlice('&')
		long := false
		var buf []byte
		for {
			if !long {
				buf = append(buf, pair...)
				if kept+int64(len(buf)) > limit {
					long, buf = true, nil
				}
			}
			if !errors.Is(err, bufio.ErrBufferFull) {
				break
			}
			pair, err = br.ReadSlice('&')
		}
		if !long && len(buf) > 0 && kept+int64(len(buf)) <= limit {
			kept += int64(len(buf))
			if q, perr := url.ParseQuery(strings.TrimSuffix(string(buf), "&")); perr == nil {
				for k, v := range q {
					vals[k] = append(vals[k], v...)
				}
			}
		}
		if err != nil {
			return vals
		}
	}
}
