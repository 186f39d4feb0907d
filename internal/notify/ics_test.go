package notify

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
)

// icsProp is one property as a strict reader sees it.
type icsProp struct {
	Name   string
	Params map[string]string
	Value  string // unescaped for TEXT properties
}

// readICS is a small strict reader: it checks CRLF line ends, the 75-octet
// limit, whole UTF-8 characters on every physical line, BEGIN/END nesting,
// and returns the events' properties with text unescaped.
func readICS(t *testing.T, data []byte) (cal map[string]string, events []map[string]icsProp) {
	t.Helper()
	s := string(data)
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatal("does not end with CRLF")
	}
	phys := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	var logical []string
	for i, l := range phys {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("line %d splits a character: %q", i+1, l)
		}
		if strings.HasPrefix(l, " ") {
			if len(logical) == 0 {
				t.Fatal("continuation first")
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	cal = map[string]string{}
	var stack []string
	var cur map[string]icsProp
	for _, l := range logical {
		colon := strings.IndexByte(l, ':')
		if colon < 0 {
			t.Fatalf("no colon: %q", l)
		}
		head, value := l[:colon], l[colon+1:]
		parts := strings.Split(head, ";")
		p := icsProp{Name: parts[0], Params: map[string]string{}}
		for _, kv := range parts[1:] {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				t.Fatalf("bad parameter %q", kv)
			}
			p.Params[k] = v
		}
		switch p.Name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				cur = map[string]icsProp{}
			}
			continue
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, cur)
				cur = nil
			}
			continue
		}
		switch p.Name {
		case "SUMMARY", "DESCRIPTION", "LOCATION", "X-WR-CALNAME", "UID":
			v, err := unescapeText(value)
			if err != nil {
				t.Fatalf("%s: %v", p.Name, err)
			}
			p.Value = v
		default:
			p.Value = value
		}
		if cur != nil {
			if _, dup := cur[p.Name]; dup {
				t.Fatalf("%s twice in an event", p.Name)
			}
			cur[p.Name] = p
		} else if len(stack) == 1 {
			cal[p.Name] = p.Value
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %v", stack)
	}
	return cal, events
}

func unescapeText(s string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ',' || c == ';' {
			return "", fmt.Errorf("unescaped %q in %q", c, s)
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		i++
		if i == len(s) {
			return "", fmt.Errorf("trailing backslash in %q", s)
		}
		switch s[i] {
		case 'n', 'N':
			b.WriteByte('\n')
		case '\\', ';', ',':
			b.WriteByte(s[i])
		default:
			return "", fmt.Errorf("bad escape \\%c", s[i])
		}
	}
	return b.String(), nil
}

func TestWriteICS(t *testing.T) {
	long := "Tổ chức Lễ phát động Tháng hành động vì trẻ em năm 2023; tuyên truyền, phổ biến pháp luật về quyền trẻ em trên Trang thông tin điện tử của Sở Giao thông vận tải tỉnh Sơn La"
	desc := "Chủ trì: Văn phòng Sở.\nPhối hợp: Phòng Kế hoạch - Tài chính, Công đoàn Sở; \\ các đơn vị trực thuộc."
	start := time.Date(2023, 6, 1, 8, 30, 0, 0, kehoach.Zone)
	cal := Calendar{
		Name:  "Kế hoạch 12/KH-SGTVT, Sơn La",
		Stamp: time.Date(2023, 5, 20, 3, 0, 0, 0, time.UTC),
		Items: []CalendarItem{
			{UID: "due-o1@kehoach", Summary: "Hạn báo cáo tiến độ: " + long, Date: time.Date(2023, 6, 15, 0, 0, 0, 0, kehoach.Zone), Description: desc, URL: "https://kehoach.example/plans/p1"},
			{UID: "event-p1-0@kehoach", Summary: "Lễ phát động", Location: "Hội trường UBND tỉnh, tầng 3", Start: start, End: start.Add(2 * time.Hour)},
		},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, cal); err != nil {
		t.Fatal(err)
	}
	head, events := readICS(t, buf.Bytes())
	if head["VERSION"] != "2.0" || head["PRODID"] == "" || head["X-WR-CALNAME"] != cal.Name {
		t.Fatalf("calendar properties %v", head)
	}
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	tests := []struct {
		event       int
		prop, param string
		want        string
	}{
		{0, "UID", "", "due-o1@kehoach"},
		{0, "DTSTAMP", "", "20230520T030000Z"},
		{0, "DTSTART", "", "20230615"},
		{0, "DTSTART", "VALUE", "DATE"},
		{0, "DTEND", "", "20230616"},
		{0, "SUMMARY", "", "Hạn báo cáo tiến độ: " + long},
		{0, "DESCRIPTION", "", desc},
		{0, "URL", "", "https://kehoach.example/plans/p1"},
		{1, "DTSTART", "", "20230601T083000"},
		{1, "DTSTART", "TZID", TZID},
		{1, "DTEND", "", "20230601T103000"},
		{1, "LOCATION", "", "Hội trường UBND tỉnh, tầng 3"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d %s %s", tt.event, tt.prop, tt.param), func(t *testing.T) {
			p, ok := events[tt.event][tt.prop]
			if !ok {
				t.Fatalf("no %s", tt.prop)
			}
			got := p.Value
			if tt.param != "" {
				got = p.Params[tt.param]
			}
			if got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
	out := buf.String()
	if !strings.Contains(out, "BEGIN:VTIMEZONE\r\nTZID:"+TZID) {
		t.Error("no VTIMEZONE for the timed event")
	}
	// The long summary was folded, and some fold fell next to a multi-byte
	// character without splitting it (checked line by line by the reader).
	if strings.Count(out, "\r\n ") < 3 {
		t.Errorf("long lines not folded:\n%s", out)
	}
}

func TestWriteICSEmptyAndBad(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteICS(&buf, Calendar{Name: "Trống", Stamp: time.Unix(0, 0)}); err != nil {
		t.Fatal(err)
	}
	if _, events := readICS(t, buf.Bytes()); len(events) != 0 {
		t.Fatal("events in an empty calendar")
	}
	if err := WriteICS(&bytes.Buffer{}, Calendar{Items: []CalendarItem{{Summary: "không có UID", Date: time.Now()}}}); err == nil {
		t.Fatal("an item without UID was written")
	}
}

func TestFoldKeepsCharacters(t *testing.T) {
	// Every prefix length, so that a fold falls at every offset of a
	// two- and three-byte character.
	for n := 60; n < 80; n++ {
		s := "SUMMARY:" + strings.Repeat("a", n) + strings.Repeat("ệữ", 40)
		var buf bytes.Buffer
		w := &icsWriter{w: &buf}
		w.line(s)
		for _, l := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
			if len(l) > 75 || !utf8.ValidString(l) {
				t.Fatalf("n=%d: bad physical line %q", n, l)
			}
		}
		if got := strings.ReplaceAll(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n ", ""); got != s {
			t.Fatalf("n=%d: unfolded %q", n, got)
		}
	}
}

func TestDueItems(t *testing.T) {
	items := DueItems([]Due{{ObligationID: "o1", PlanID: "p1", Kind: "final", Label: "Báo cáo kết quả", Due: time.Date(2023, 7, 5, 0, 0, 0, 0, kehoach.Zone), Done: true}}, "https://kh.example/")
	if len(items) != 1 || items[0].UID != "due-o1@kehoach" || items[0].URL != "https://kh.example/plans/p1" || !strings.Contains(items[0].Summary, "đã thực hiện") {
		t.Fatalf("%+v", items)
	}
}
