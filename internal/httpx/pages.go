package httpx

import (
	"crypto/sha256"
	"encoding/hex"
	"time"
)

// AssetHash is the checksum of a static file that goes in its address, so
// that the file may be cached for good under it.
func AssetHash(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:6])
}

// FormatDate shows a date as Vietnamese documents write it (02/01/2006): a
// YYYY-MM-DD string or *string, or a time.Time or *time.Time. A nil pointer
// is empty; a string that is no date is shown as it is.
func FormatDate(v any) string {
	var s string
	switch x := v.(type) {
	case string:
		s = x
	case *string:
		if x == nil {
			return ""
		}
		s = *x
	case time.Time:
		return x.Format("02/01/2006")
	case *time.Time:
		if x == nil {
			return ""
		}
		return x.Format("02/01/2006")
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Format("02/01/2006")
	}
	return s
}
