package web

import (
	"errors"
	"io"
	"net/http"
	"os"
	"strings"
)

// maxImportText caps the pasted text of the upload form.
const maxImportText = 20<<20 + 1

// importUploadForm is the upload form as read from the request: the file
// streamed to a temporary file (never held in memory) and the pasted text.
type importUploadForm struct {
	text string
	file *os.File
	name string
	size int64
}

// close removes the temporary file.
func (u *importUploadForm) close() {
	if u.file != nil {
		u.file.Close()
		os.Remove(u.file.Name())
	}
}

// readImportUpload reads the upload form of at most maxImportBody bytes,
// multipart or URL-encoded, streaming the file part to a temporary file.
// When it cannot, it returns the status that says why: 413 over the limit,
// else 400.
func readImportUpload(w http.ResponseWriter, r *http.Request) (*importUploadForm, int) {
	u := &importUploadForm{}
	r.Body = http.MaxBytesReader(w, r.Body, maxImportBody)
	mr, err := r.MultipartReader()
	if errors.Is(err, http.ErrNotMultipart) {
		if err := r.ParseForm(); err != nil {
			return u, importReadStatus(err)
		}
		u.text = r.PostFormValue("text")
		return u, 0
	}
	if err != nil {
		return u, http.StatusBadRequest
	}
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			return u, 0
		}
		if err != nil {
			return u, importReadStatus(err)
		}
		switch p.FormName() {
		case "text":
			var b strings.Builder
			if _, err := io.Copy(&b, io.LimitReader(p, maxImportText)); err != nil {
				return u, importReadStatus(err)
			}
			u.text = b.String()
		case "file":
			if u.file != nil {
				break
			}
			if u.file, err = os.CreateTemp("", "kehoach-import-*"); err != nil {
				return u, http.StatusInternalServerError
			}
			u.name = p.FileName()
			if u.size, err = io.Copy(u.file, p); err != nil {
				return u, importReadStatus(err)
			}
			if _, err := u.file.Seek(0, io.SeekStart); err != nil {
				return u, http.StatusInternalServerError
			}
		}
		p.Close()
	}
}

func importReadStatus(err error) int {
	if importTooLarge(err) {
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}
