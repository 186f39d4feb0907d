package ops

import (
	"context"
	"errors"
	"io"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/edxml"
)

// ImportSlots is how many documents are read at once; an upload beyond it
// waits up to ImportWait for a slot, then is refused as busy. Reading a
// large document takes several times its size in memory for a moment, so
// the slots bound the memory of the whole server.
var (
	ImportSlots = 1
	ImportWait  = 30 * time.Second
)

var importSlots = make(chan struct{}, ImportSlots)

// ErrImportBusy is the answer when every import slot stays taken.
func errImportBusy() error {
	return kehoach.Errorf(kehoach.ETOOMANY, "Máy chủ đang bận đọc văn bản khác, vui lòng thử lại sau ít phút.")
}

// acquireImport takes an import slot, waiting up to [ImportWait]; release
// gives it back.
func acquireImport(ctx context.Context) (release func(), err error) {
	t := time.NewTimer(ImportWait)
	defer t.Stop()
	select {
	case importSlots <- struct{}{}:
		return func() { <-importSlots }, nil
	case <-t.C:
		return nil, errImportBusy()
	case <-ctx.Done():
		return nil, errImportBusy()
	}
}

// UploadImport reads the document r (a .docx or a text, told apart by
// content; name is the file's name, "" for pasted text) and keeps it under
// review for a, who may import plans. At most [ImportSlots] documents are
// read at once; a document that cannot be read is refused with a message
// naming it.
func (s *Service) UploadImport(ctx context.Context, a *kehoach.Actor, r io.Reader, name string) (*ImportDraft, error) {
	if _, err := s.ImportUnits(ctx, a); err != nil {
		return nil, err
	}
	release, err := acquireImport(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	doc, src, err := parseImport(r, name)
	if err != nil {
		what := "Nội dung đã dán"
		if name != "" {
			what = "Tệp “" + name + "”"
		}
		code := kehoach.EINVALID
		if errors.Is(err, docparse.ErrTooLarge) {
			code = kehoach.ETOOLARGE
		}
		return nil, kehoach.Errorf(code, "%s: %s.", what, docparse.Message(err))
	}
	text := strings.Join(src.Lines, "\n")
	src.Lines = nil
	return s.StartImport(ctx, a, doc, text, name, src.Format)
}

// parseImport reads a document to import: an edXML package or what
// docparse reads. A file is given to docparse as it is (read once into a
// buffer of its size) unless it starts as an edXML package.
func parseImport(r io.Reader, name string) (*docparse.Document, *docparse.Source, error) {
	if rs, ok := r.(io.ReadSeeker); ok {
		head := make([]byte, 8<<10)
		n, err := io.ReadFull(rs, head)
		if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
			return nil, nil, err
		}
		if _, err := rs.Seek(0, io.SeekStart); err != nil {
			return nil, nil, err
		}
		if !edxml.Looks(head[:n], name) {
			return docparse.ParseWithSource(r, name)
		}
	}
	return edxml.ParseDocument(r, name)
}
