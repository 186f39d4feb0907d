package kehoach

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status and one kind of message.
const (
	ECONFLICT     = "conflict"
	EINTERNAL     = "internal"
	EINVALID      = "invalid"
	ENOTFOUND     = "not_found"
	EFORBIDDEN    = "forbidden"
	EUNAUTHORIZED = "unauthorized"
	ETOOMANY      = "too_many_requests"
	ETOOLARGE     = "too_large"
)

// Error is an error fit to show a person: a code from the list above, a
// message in Vietnamese, and for [EINVALID] the problem with each field.
type Error struct {
	Code    string
	Message string
	// Fields maps a field name to the problem with its value.
	Fields map[string]string
}

// Error returns the message.
func (e *Error) Error() string {
	return fmt.Sprintf("kehoach error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an [Error] with the code and a formatted message.
func Errorf(code string, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Invalid returns an [EINVALID] error with the problems of each field. The
// message lists the first problem so that it reads well alone.
func Invalid(fields map[string]string) *Error {
	msg := "Dữ liệu không hợp lệ."
	if len(fields) == 1 {
		for _, m := range fields {
			msg = m
		}
	}
	return &Error{Code: EINVALID, Message: msg, Fields: fields}
}

// internalError is what a person is shown of an error that is not an
// [Error], so that no internal detail leaks.
var internalError = &Error{Code: EINTERNAL, Message: "Lỗi hệ thống. Vui lòng thử lại sau."}

// errorOf returns the first [Error] in err's chain, [internalError] for any
// other error, and nil for nil.
func errorOf(err error) *Error {
	var e *Error
	if err == nil {
		return nil
	} else if errors.As(err, &e) {
		return e
	}
	return internalError
}

// ErrorCode returns the code of the first [Error] in err's chain,
// [EINTERNAL] for any other error, and "" for nil.
func ErrorCode(err error) string {
	if e := errorOf(err); e != nil {
		return e.Code
	}
	return ""
}

// ErrorMessage returns the message of the first [Error] in err's chain, or a
// generic message for an internal error, so that no internal detail leaks.
func ErrorMessage(err error) string {
	if e := errorOf(err); e != nil {
		return e.Message
	}
	return ""
}

// ErrorFields returns the field problems of an [EINVALID] error, or nil.
func ErrorFields(err error) map[string]string {
	if e := errorOf(err); e != nil {
		return e.Fields
	}
	return nil
}
