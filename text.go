package kehoach

import (
	"fmt"
	"math"
	"net/mail"
	"reflect"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// The text policy: every string kehoach stores passes [CheckTexts] first,
// whatever door it came through, so that SQLite and PostgreSQL store the
// same thing (PostgreSQL refuses NUL bytes and invalid UTF-8 that SQLite
// would keep). A text must be valid UTF-8; it is stored in NFC, with CR LF
// as LF; it holds no control character but tab and newline (and newline
// only in a field of several lines); a value made only of spaces and
// zero-width characters counts as empty; and it is no longer than its
// field's limit, which the form shows as maxlength.

// TextRule is the policy of one field.
type TextRule struct {
	// Max is the most characters the field takes.
	Max int
	// Lines tells whether the field takes several lines.
	Lines bool
	// Label names the field in a message.
	Label string
	// Date tells a date field (YYYY-MM-DD): its year must be sensible.
	Date bool
}

// IDMax is the longest id (of a unit, a task, a plan …) an input may name.
const IDMax = 64

// textRules are the rules by the field's JSON name (the last part of its
// path). A field ending in "Id" or "Ids" is an id: one line of at most
// [IDMax] characters.
var textRules = map[string]TextRule{
	// one line
	"kind": {30, false, "Loại", false}, "status": {30, false, "Trạng thái", false}, "aggregation": {30, false, "Cách tổng hợp", false},
	"sentVia": {30, false, "Hình thức gửi", false}, "scope": {30, false, "Phạm vi", false}, "roles": {30, false, "Vai trò", false},
	"name": {300, false, "Tên", false}, "abbrev": {30, false, "Tên viết tắt", false}, "place": {300, false, "Địa điểm", false},
	"email": {200, false, "Thư điện tử", false}, "phone": {20, false, "Điện thoại", false}, "address": {300, false, "Địa chỉ", false},
	"hours": {100, false, "Giờ làm việc", false}, "username": {100, false, "Tên đăng nhập", false}, "fullName": {100, false, "Họ và tên", false},
	"title": {500, false, "Tên, tiêu đề", false}, "password": {200, false, "Mật khẩu", false}, "url": {2000, false, "Đường dẫn", false},
	"links": {2000, false, "Đường dẫn", false}, "organiser": {300, false, "Đơn vị tổ chức", false}, "code": {40, false, "Mã", false},
	"indicatorCode": {40, false, "Mã chỉ tiêu", false}, "indicatorCodes": {40, false, "Mã chỉ tiêu", false}, "unit": {30, false, "Đơn vị tính", false},
	"source": {300, false, "Nguồn", false}, "section": {20, false, "Mục", false}, "group": {100, false, "Nhóm", false}, "sentTo": {500, false, "Nơi nhận", false},
	"key": {100, false, "Khóa", false}, "method": {200, false, "Hình thức", false}, "recordedBy": {100, false, "Người ghi", false},
	"label": {100, false, "Tên gọi", false}, "values": {100, false, "Giá trị", false}, "before": {30, false, "Giá trị cũ", false},
	"issuedOn": {30, false, "Ngày ban hành", true}, "date": {30, false, "Ngày", true}, "due": {30, false, "Thời hạn", true},
	"publishedOn": {30, false, "Ngày đăng", true}, "sentOn": {30, false, "Ngày gửi", true}, "number": {20, false, "Số", false}, "symbol": {50, false, "Ký hiệu", false},
	"q": {200, false, "Từ khóa", false}, "ip": {100, false, "Địa chỉ IP", false}, "validFrom": {30, false, "Ngày bắt đầu hiệu lực", true}, "validTo": {30, false, "Ngày hết hiệu lực", true},
	// several lines
	"text": {5000, true, "Nội dung", false}, "note": {2000, true, "Ghi chú", false}, "what": {2000, true, "Khó khăn, vướng mắc", false},
	"why": {4000, true, "Lý do", false}, "proposal": {4000, true, "Đề xuất", false}, "assessment": {4000, true, "Ý kiến đánh giá", false},
	"feedback": {4000, true, "Ý kiến phản hồi", false}, "opening": {20000, true, "Nội dung", false}, "results": {20000, true, "Nội dung", false},
	"shortcomings": {20000, true, "Nội dung", false}, "difficulties": {20000, true, "Nội dung", false},
	"proposals": {20000, true, "Nội dung", false}, "message": {4000, true, "Nội dung nhắc", false}, "reason": {2000, true, "Lý do", false},
	"expectedOutput": {1000, true, "Sản phẩm đầu ra", false}, "messages": {1000, true, "Thông điệp", false},
}

// defaultRule is the rule of a field the table does not name.
var defaultRule = TextRule{Max: 20000, Lines: true, Label: "Nội dung"}

// TextRuleFor returns the rule of the field named (its JSON name, or a path
// "contacts.1.name" whose last part is looked up).
func TextRuleFor(field string) TextRule {
	if i := strings.LastIndexByte(field, '.'); i >= 0 {
		if _, err := strconv.Atoi(field[i+1:]); err == nil {
			field = field[:i]
			if j := strings.LastIndexByte(field, '.'); j >= 0 {
				field = field[j+1:]
			}
		} else {
			field = field[i+1:]
		}
	}
	if r, ok := textRules[field]; ok {
		return r
	}
	if strings.HasSuffix(field, "Id") || strings.HasSuffix(field, "Ids") || field == "id" {
		return TextRule{Max: IDMax, Label: "Mã"}
	}
	return defaultRule
}

// TextMax returns the limit of a field, for a form's maxlength.
func TextMax(field string) int { return TextRuleFor(field).Max }

// zeroWidth tells the characters that show nothing.
func zeroWidth(r rune) bool {
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad':
		return true
	}
	return false
}

// CleanText applies the policy to the text v of a field with rule: it
// returns the text to store (NFC, CR LF as LF, "" when only blanks and
// zero-width characters), or a problem in Vietnamese.
func CleanText(v string, rule TextRule) (string, string) {
	label := rule.Label
	if label == "" {
		label = "Trường này"
	}
	if !utf8.ValidString(v) {
		return v, label + ": có byte không phải văn bản UTF-8 hợp lệ. Hãy gõ lại hoặc dán từ nguồn khác."
	}
	if strings.ContainsRune(v, '\r') {
		v = strings.ReplaceAll(strings.ReplaceAll(v, "\r\n", "\n"), "\r", "\n")
	}
	for _, r := range v {
		switch {
		case r == '\n' && !rule.Lines:
			return v, label + ": chỉ được nhập trên một dòng."
		case r == '\t' || r == '\n':
		case unicode.IsControl(r) || (r >= '\u202a' && r <= '\u202e') || (r >= '\u2066' && r <= '\u2069'):
			return v, fmt.Sprintf("%s: có ký tự điều khiển không được phép (U+%04X).", label, r)
		}
	}
	if strings.TrimFunc(v, func(r rune) bool { return unicode.IsSpace(r) || zeroWidth(r) }) == "" {
		return "", ""
	}
	if !norm.NFC.IsNormalString(v) {
		v = norm.NFC.String(v)
	}
	if n := utf8.RuneCountInString(v); n > rule.Max {
		return v, fmt.Sprintf("%s dài quá %s ký tự. Đã nhập %s ký tự.", label, thousands(rule.Max), thousands(n))
	}
	if rule.Date {
		if d, err := time.Parse(time.DateOnly, strings.TrimSpace(v)); err == nil && !SensibleDate(d) {
			return v, DateRangeProblem(label)
		}
	}
	return v, ""
}

// CheckTexts applies the policy to every string reachable from ptr (a
// pointer to an input: struct fields by their JSON names, slices, maps),
// cleaning them in place. It returns the problems by field path as the API
// names them ("title", "contacts.1.name", "values.code"), or nil.
func CheckTexts(ptr any) map[string]string {
	f := map[string]string{}
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	walkText(v.Elem(), "", "", f, TextRuleFor)
	if len(f) == 0 {
		return nil
	}
	return f
}

// CheckDocumentTexts is [CheckTexts] for a document read from a file (a
// plan and its parsed parts), whose fields hold whatever the document
// says: each is held to the policy with the rule of a text of several
// lines, but the title.
func CheckDocumentTexts(ptr any) map[string]string {
	f := map[string]string{}
	v := reflect.ValueOf(ptr)
	if v.Kind() != reflect.Pointer || v.IsNil() {
		return nil
	}
	walkText(v.Elem(), "", "", f, func(name string) TextRule {
		switch name {
		case "title":
			return TextRule{Max: 1000, Lines: true, Label: "Tên kế hoạch"}
		case "Source", "source":
			// The whole text of the document imported, bounded by the
			// upload limits rather than by a field's.
			return TextRule{Max: MaxSourceChars, Lines: true, Label: "Văn bản nguồn"}
		}
		return TextRule{Max: 100000, Lines: true, Label: "Nội dung"}
	})
	if len(f) == 0 {
		return nil
	}
	return f
}

// CheckText applies the policy to one named value, for inputs that are not
// structs; it returns the cleaned text and the problems (nil when none).
func CheckText(field string, v *string) map[string]string {
	s, p := CleanText(*v, TextRuleFor(field))
	*v = s
	if p != "" {
		return map[string]string{field: p}
	}
	return nil
}

// MaxSourceChars bounds the text of an imported document (a 20 MB upload
// holds at most this many characters).
const MaxSourceChars = 20 << 20

var timeType = reflect.TypeOf(time.Time{})

// walkText cleans the strings of v, found at path; name is the JSON name of
// the field it belongs to (for its rule).
func walkText(v reflect.Value, path, name string, f map[string]string, ruleOf func(string) TextRule) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			walkText(v.Elem(), path, name, f, ruleOf)
		}
	case reflect.String:
		if !v.CanSet() {
			return
		}
		rule := ruleOf(name)
		s, p := CleanText(v.String(), rule)
		if p != "" {
			if _, ok := f[path]; !ok {
				f[path] = p
			}
			return
		}
		if s != v.String() && name != "password" {
			v.SetString(s)
		}
	case reflect.Float32, reflect.Float64:
		if x := v.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
			if _, ok := f[path]; !ok {
				f[path] = NotFiniteProblem
			}
		}
	case reflect.Struct:
		if v.Type() == timeType {
			if t := v.Interface().(time.Time); !t.IsZero() && !SensibleDate(t) {
				if _, ok := f[path]; !ok {
					f[path] = DateRangeProblem(ruleOf(name).Label)
				}
			}
			return
		}
		t := v.Type()
		for i := range t.NumField() {
			sf := t.Field(i)
			if !sf.IsExported() {
				continue
			}
			jn, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
			if jn == "-" {
				continue
			}
			if sf.Anonymous && jn == "" {
				walkText(v.Field(i), path, name, f, ruleOf)
				continue
			}
			if jn == "" {
				jn = strings.ToLower(sf.Name[:1]) + sf.Name[1:]
			}
			p := jn
			if path != "" {
				p = path + "." + jn
			}
			walkText(v.Field(i), p, jn, f, ruleOf)
		}
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return // file contents
		}
		structs := v.Type().Elem().Kind() == reflect.Struct || v.Type().Elem().Kind() == reflect.Pointer
		for i := range v.Len() {
			p := path
			if structs {
				p = path + "." + strconv.Itoa(i)
			}
			walkText(v.Index(i), p, name, f, ruleOf)
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return
		}
		iter := v.MapRange()
		type kv struct{ k, v reflect.Value }
		var changed []kv
		for iter.Next() {
			k := iter.Key().String()
			if ck, p := CleanText(k, TextRule{Max: IDMax, Label: ruleOf(name).Label}); p != "" || ck != k {
				f[path] = cmpOr(p, ruleOf(name).Label+": mã không hợp lệ.")
				return
			}
			e := iter.Value()
			if e.Kind() == reflect.Float64 || e.Kind() == reflect.Float32 {
				if x := e.Float(); math.IsNaN(x) || math.IsInf(x, 0) {
					f[path+"."+k] = NotFiniteProblem
				}
				continue
			}
			if e.Kind() == reflect.String {
				s, p := CleanText(e.String(), ruleOf(name))
				if p != "" {
					f[path+"."+k] = p
					continue
				}
				if s != e.String() {
					nv := reflect.New(e.Type()).Elem()
					nv.SetString(s)
					changed = append(changed, kv{iter.Key(), nv})
				}
				continue
			}
			if e.Kind() == reflect.Slice || e.Kind() == reflect.Pointer || e.Kind() == reflect.Struct {
				c := reflect.New(e.Type()).Elem()
				c.Set(e)
				walkText(c, path+"."+k, name, f, ruleOf)
				changed = append(changed, kv{iter.Key(), c})
			}
		}
		for _, c := range changed {
			v.SetMapIndex(c.k, c.v)
		}
	}
}

// NotFiniteProblem is the message for a number that is not one (NaN,
// infinity): refused wherever numbers are read.
const NotFiniteProblem = "Giá trị phải là một số (không nhận NaN hay vô cực)."

// thousands writes n with dots between groups of three digits, as
// Vietnamese does (20.000).
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// ValidEmail tells whether s is one plain e-mail address (no display name,
// no list, no line break): what a reminder may be sent to.
func ValidEmail(s string) bool {
	if s == "" || strings.ContainsAny(s, "\r\n,;<>\"") || len(s) > 200 {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	return at > 0 && strings.Contains(s[at+1:], ".")
}

// ValidPhone tells whether s is a phone number: digits and the signs
// written between them (space . - + ( )), with 3 to 15 digits, at most 20
// characters (a hotline such as 111 is one).
func ValidPhone(s string) bool {
	digits := 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '.' || r == '-' || r == '+' || r == '(' || r == ')':
		default:
			return false
		}
	}
	return digits >= 3 && digits <= 15 && len(s) <= 20
}

// The sensible years of a date typed anywhere: a year outside them is a
// typing error (0001, 9999).
const (
	MinYear = 1945
	MaxYear = 2100
)

// SensibleDate tells whether t falls within [MinYear, MaxYear].
func SensibleDate(t time.Time) bool { return t.Year() >= MinYear && t.Year() <= MaxYear }

// DateRangeProblem is the message for a date outside the sensible years.
func DateRangeProblem(label string) string {
	return fmt.Sprintf("%s phải trong khoảng năm %d–%d.", label, MinYear, MaxYear)
}

// SpreadsheetCell returns s as a cell a spreadsheet shows as text rather
// than runs: a text starting with = + - @, a tab or a carriage return gets
// a leading apostrophe; a plain number ("-12,5") stays as it is.
func SpreadsheetCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if s[0] == '-' || s[0] == '+' {
		if strings.Trim(s[1:], "0123456789.,") == "" && len(s) > 1 {
			return s
		}
	}
	return "'" + s
}

// FoldUsername is how a username is compared, at login and when stored:
// without surrounding spaces or zero-width characters, in lower case,
// NFC. "GIAMDOC" and " giamdoc " are the account "giamdoc".
func FoldUsername(s string) string {
	s = strings.Map(func(r rune) rune {
		if zeroWidth(r) {
			return -1
		}
		return r
	}, s)
	return norm.NFC.String(strings.ToLower(strings.TrimSpace(s)))
}
