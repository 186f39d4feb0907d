package docparse

import (
	"archive/zip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// docxError is a .docx that cannot be read: its message is in Vietnamese,
// and it unwraps to [ErrBadDocx] and to the cause.
type docxError struct {
	detail string
	cause  error
}

func (e *docxError) Error() string   { return ErrBadDocx.Error() + ": " + e.detail }
func (e *docxError) Unwrap() []error { return []error{ErrBadDocx, e.cause} }

// badDocx names in Vietnamese why the zip or XML reader refused a .docx.
func badDocx(err error) error {
	var syn *xml.SyntaxError
	detail := "nội dung không đúng cấu trúc"
	switch {
	case errors.As(err, &syn):
		detail = fmt.Sprintf("phần nội dung XML sai cú pháp ở dòng %d", syn.Line)
	case errors.Is(err, zip.ErrFormat):
		detail = "không phải tệp nén .zip hợp lệ (có thể tệp bị cắt cụt hoặc đổi tên từ định dạng khác)"
	case errors.Is(err, zip.ErrChecksum):
		detail = "sai mã kiểm tra, tệp bị hỏng khi sao chép hoặc tải lên"
	case errors.Is(err, zip.ErrAlgorithm):
		detail = "dùng kiểu nén không được hỗ trợ"
	case errors.Is(err, zip.ErrInsecurePath):
		detail = "có tệp con với đường dẫn không an toàn"
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		detail = "tệp bị cắt cụt"
	}
	return &docxError{detail: detail, cause: err}
}

// Message is the Vietnamese message of an error of [Parse] or of a reader
// built on it: the error's text, without the raw error of a failed read
// (the errors of a broken .docx are named in Vietnamese, see badDocx).
func Message(err error) string {
	if err == nil {
		return ""
	}
	for _, known := range []error{ErrEmpty, ErrBinary, ErrNotDocx, ErrTooLarge, ErrZipBomb, ErrBadDocx, ErrRTF, ErrDuplicatePart} {
		if errors.Is(err, known) {
			return strings.TrimSuffix(err.Error(), ".")
		}
	}
	if strings.HasPrefix(err.Error(), "không đọc được tệp:") {
		return "không đọc được tệp"
	}
	return strings.TrimSuffix(err.Error(), ".")
}

// Errors for inputs that look like a document but are not one kehoach reads.
var (
	ErrRTF           = errors.New("đây là tệp RTF (có thể bị đổi tên thành .docx hay .txt), không phải .docx: hãy mở bằng Word rồi lưu lại thành .docx")
	ErrDuplicatePart = errors.New("tệp .docx có hai phần nội dung chính (word/document.xml) khác nhau, không rõ phần nào là văn bản: không mở")
)
