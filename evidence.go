package kehoach

import (
	"archive/zip"
	"bytes"
	"net/http"
	"path/filepath"
	"strings"
)

// Content types accepted as evidence.
const (
	TypePNG  = "image/png"
	TypeJPEG = "image/jpeg"
	TypeGIF  = "image/gif"
	TypeWebP = "image/webp"
	TypePDF  = "application/pdf"
	TypeDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	TypeXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// SniffEvidence returns the content type of an evidence file judged by its
// content, not its name: images, PDF, .docx and .xlsx are accepted, anything
// else (and anything over [MaxEvidenceSize]) is refused with a message.
func SniffEvidence(name string, data []byte) (string, error) {
	if len(data) == 0 {
		return "", Invalid(map[string]string{"evidence": "Tệp “" + filepath.Base(name) + "” rỗng."})
	}
	if len(data) > MaxEvidenceSize {
		return "", Invalid(map[string]string{"evidence": "Tệp “" + filepath.Base(name) + "” lớn quá 20 MB."})
	}
	if ct := sniffFile(data); ct != "" {
		return ct, nil
	}
	return "", Invalid(map[string]string{"evidence": "Tệp “" + filepath.Base(name) + "” không phải ảnh, PDF, .docx hoặc .xlsx (kiểm tra theo nội dung tệp)."})
}

// sniffFile judges a file by its content, not its name: images, PDF, and
// the Office formats told apart by the parts inside the zip. It returns ""
// for anything else.
func sniffFile(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	switch ct := http.DetectContentType(data); ct {
	case TypePNG, TypeJPEG, TypeGIF, TypeWebP, TypePDF:
		return ct
	case "application/zip":
		return officeType(data)
	}
	return ""
}

// officeType tells a .docx from an .xlsx by the parts inside the zip.
func officeType(data []byte) string {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return ""
	}
	hasTypes, word, xl := false, false, false
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			hasTypes = true
		case strings.HasPrefix(f.Name, "word/document"):
			word = true
		case strings.HasPrefix(f.Name, "xl/workbook"):
			xl = true
		}
	}
	switch {
	case hasTypes && word:
		return TypeDOCX
	case hasTypes && xl:
		return TypeXLSX
	}
	return ""
}
