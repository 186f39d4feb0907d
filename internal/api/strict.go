package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"unicode/utf8"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"

	"github.com/kehoach/kehoach"
)

// MaxBody is the largest JSON body the API reads.
const MaxBody = 1 << 20

// The request bodies are checked against the schemas of the OpenAPI
// document for their shape: which fields are required, which may be null,
// their JSON types, and that no other field is sent. The document is the one
// statement of the wire format. What a value may be (bounds, known codes,
// dates in range) is a rule of the operations, the same for every door; the
// document repeats those bounds for readers, but the API does not check them
// a second time, so that a bad value gets the operation's answer, named as
// the web form names it.
var (
	schemasOnce sync.Once
	schemas     map[string]*jsonschema.Schema // "PUT /api/v1/units/{id}" → body schema
	schemasErr  error
)

func loadSchemas() (map[string]*jsonschema.Schema, error) {
	schemasOnce.Do(func() {
		var doc struct {
			Paths map[string]map[string]json.RawMessage `json:"paths"`
		}
		type operation struct {
			RequestBody *struct {
				Content map[string]struct {
					Schema struct {
						Ref string `json:"$ref"`
					} `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		}
		if schemasErr = json.Unmarshal(openAPIDoc, &doc); schemasErr != nil {
			return
		}
		raw, err := jsonschema.UnmarshalJSON(bytes.NewReader(openAPIDoc))
		if err != nil {
			schemasErr = err
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if schemasErr = c.AddResource("file:///openapi.json", raw); schemasErr != nil {
			return
		}
		schemas = map[string]*jsonschema.Schema{}
		for path, methods := range doc.Paths {
			for method, rawOp := range methods {
				var op operation
				if method == "parameters" || json.Unmarshal(rawOp, &op) != nil || op.RequestBody == nil {
					continue
				}
				ct, ok := op.RequestBody.Content["application/json"]
				if !ok || ct.Schema.Ref == "" {
					continue
				}
				sch, err := c.Compile("file:///openapi.json" + ct.Schema.Ref)
				if err != nil {
					schemasErr = fmt.Errorf("openapi %s %s: %w", method, path, err)
					return
				}
				schemas[strings.ToUpper(method)+" /api/v1"+path] = sch
			}
		}
	})
	return schemas, schemasErr
}

// decode reads the JSON body of r into v, strictly: the body must be one
// JSON object of at most [MaxBody] bytes, with no duplicated key, no key
// that is not in v's type (names match case-sensitively), and it must match
// the request schema that the OpenAPI document gives for the route (required
// fields present and not null, types, bounds). Each problem is an
// [kehoach.EINVALID] error naming the field; an oversize body is
// [kehoach.ETOOLARGE].
func decode(r *http.Request, v any) error {
	body, err := readBody(r, MaxBody)
	if err != nil {
		return err
	}
	return decodeBody(r.Pattern, body, v)
}

// readBody reads r's body of at most limit bytes; a larger one is
// [kehoach.ETOOLARGE].
func readBody(r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return nil, kehoach.Errorf(kehoach.ETOOLARGE, "Nội dung quá lớn: tối đa %d MiB.", limit>>20)
		}
		return nil, kehoach.Errorf(kehoach.EINVALID, "Không đọc được nội dung gửi lên.")
	}
	return body, nil
}

// decodeBody is [decode] for a body already read; route is the pattern of
// the route ("PUT /api/v1/units/{id}") whose schema applies.
func decodeBody(route string, body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return kehoach.Errorf(kehoach.EINVALID, "Thiếu nội dung JSON.")
	}
	// Bytes that are no UTF-8, named by the field that holds them.
	if !utf8.Valid(body) {
		return invalidUTF8Problem(body)
	}
	// Syntax and duplicated names, before anything reads a value.
	check := jsontext.Value(bytes.Clone(body))
	if err := check.Format(); err != nil {
		return syntaxProblem(err)
	}
	if k := jsontext.Value(bytes.TrimSpace(body)).Kind(); k != '{' {
		return kehoach.Invalid(map[string]string{"": "Nội dung phải là một đối tượng JSON, không phải " + kindName(k) + "."})
	}
	all, err := loadSchemas()
	if err != nil {
		return fmt.Errorf("openapi schemas: %w", err)
	}
	if sch := all[route]; sch != nil {
		inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
		if err != nil {
			return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ.")
		}
		if err := sch.Validate(inst); err != nil {
			var ve *jsonschema.ValidationError
			if !errors.As(err, &ve) {
				return err
			}
			if p := schemaProblems(ve); len(p) > 0 {
				return kehoach.Invalid(p)
			}
		}
	}
	if err := jsonv2.Unmarshal(body, v, jsonv2.RejectUnknownMembers(true)); err != nil {
		return semanticProblem(err)
	}
	return nil
}

// invalidUTF8Problem names the field of body whose text is not UTF-8
// (the text policy's message), or the body when none can be found.
func invalidUTF8Problem(body []byte) error {
	dec := jsontext.NewDecoder(bytes.NewReader(body), jsontext.AllowInvalidUTF8(true))
	for {
		before := dec.InputOffset()
		tok, err := dec.ReadToken()
		if err != nil {
			break
		}
		if tok.Kind() == '"' && !utf8.Valid(body[before:dec.InputOffset()]) {
			name := fieldOf(dec.StackPointer())
			_, msg := kehoach.CleanText("\xff", kehoach.TextRuleFor(name))
			return kehoach.Invalid(map[string]string{name: msg})
		}
	}
	return kehoach.Errorf(kehoach.EINVALID, "Nội dung có byte không phải văn bản UTF-8 hợp lệ.")
}

func syntaxProblem(err error) error {
	var se *jsontext.SyntacticError
	if errors.As(err, &se) {
		if errors.Is(se.Err, jsontext.ErrDuplicateName) {
			name := fieldOf(se.JSONPointer)
			return kehoach.Invalid(map[string]string{name: fmt.Sprintf("Trường %q xuất hiện hai lần.", name)})
		}
		return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ ở vị trí %d.", se.ByteOffset)
	}
	return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ.")
}

func semanticProblem(err error) error {
	var se *jsonv2.SemanticError
	if errors.As(err, &se) {
		name := fieldOf(se.JSONPointer)
		if se.Err != nil && strings.Contains(se.Err.Error(), "unknown object member") {
			return kehoach.Invalid(map[string]string{name: fmt.Sprintf("Trường không được hỗ trợ: %q.", name)})
		}
		if name == "" {
			return kehoach.Invalid(map[string]string{"": "Nội dung phải là một đối tượng JSON."})
		}
		return kehoach.Invalid(map[string]string{name: fmt.Sprintf("Trường %q có giá trị không đúng kiểu.", name)})
	}
	var syn *jsontext.SyntacticError
	if errors.As(err, &syn) {
		return syntaxProblem(err)
	}
	return kehoach.Errorf(kehoach.EINVALID, "JSON không hợp lệ.")
}

// fieldOf turns a JSON pointer ("/messages/0/text") into the dotted field
// name the problems use ("messages.0.text").
func fieldOf(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	return strings.Join(parts, ".")
}

func kindName(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case '"':
		return "một chuỗi"
	case '0':
		return "một số"
	case 't', 'f':
		return "true/false"
	case '[':
		return "một danh sách"
	}
	return "giá trị này"
}

var typeNames = map[string]string{
	"string": "chuỗi", "integer": "số nguyên", "number": "số", "boolean": "true hoặc false",
	"array": "danh sách", "object": "đối tượng", "null": "null",
}

// schemaProblems names, field by field, what the schema refused in the
// body's shape: missing or unknown fields, null or another JSON type. Value
// rules (bounds, enumerations, formats) are left to the operation.
func schemaProblems(ve *jsonschema.ValidationError) map[string]string {
	out := map[string]string{}
	var walk func(e *jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		field := strings.Join(e.InstanceLocation, ".")
		add := func(f, msg string) {
			if _, ok := out[f]; !ok {
				out[f] = msg
			}
		}
		switch k := e.ErrorKind.(type) {
		case *kind.Required:
			for _, m := range k.Missing {
				f := joinField(field, m)
				add(f, fmt.Sprintf("Thiếu trường bắt buộc %q.", f))
			}
		case *kind.AdditionalProperties:
			for _, p := range k.Properties {
				f := joinField(field, p)
				add(f, fmt.Sprintf("Trường không được hỗ trợ: %q.", f))
			}
		case *kind.Type:
			var want []string
			for _, w := range k.Want {
				want = append(want, typeNames[w])
			}
			if field == "" {
				add(field, "Nội dung phải là một đối tượng JSON.")
			} else if k.Got == "null" {
				add(field, fmt.Sprintf("Trường %q không được để null.", field))
			} else {
				add(field, fmt.Sprintf("Trường %q phải là %s.", field, strings.Join(want, " hoặc ")))
			}
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

func joinField(parent, name string) string {
	if parent == "" {
		return name
	}
	return parent + "." + name
}
