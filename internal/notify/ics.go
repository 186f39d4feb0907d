package notify

// The feed is written with the standard library. The one Go library for
// iCalendar in reach writes each property on a single line, without the
// folding at 75 octets that RFC 5545 asks for (long Vietnamese titles
// easily pass it), and refuses a calendar with no events, which a new plan's
// feed is; what a feed needs (escaping, folding, dates) fits in this file.

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
)

// TZID is the time zone named in feeds for timed events.
const TZID = "Asia/Ho_Chi_Minh"

// Calendar is an iCalendar feed.
type Calendar struct {
	// Name is shown by calendar programs (X-WR-CALNAME).
	Name string
	// ProdID names the program; a default is used when empty.
	ProdID string
	// Stamp is when the feed was made (DTSTAMP of every item).
	Stamp time.Time
	Items []CalendarItem
}

// CalendarItem is one event of a feed: all-day on Date when Start is zero,
// otherwise timed from Start to End (End may be zero).
type CalendarItem struct {
	// UID identifies the item across versions of the feed; it must not
	// change when the item does.
	UID         string
	Summary     string
	Location    string
	Description string
	URL         string
	Date        time.Time
	Start, End  time.Time
	// Status is TENTATIVE or CONFIRMED for an event, empty for a due date.
	Status string
}

// DueItems returns an all-day item for each due date, linked to its plan
// under baseURL when that is set.
func DueItems(dues []Due, baseURL string) []CalendarItem {
	out := make([]CalendarItem, 0, len(dues))
	for _, d := range dues {
		sum := "Hạn " + KindName(d.Kind)
		if d.Label != "" {
			sum += ": " + d.Label
		}
		if d.Done {
			sum += " (đã thực hiện)"
		}
		it := CalendarItem{UID: "due-" + d.ObligationID + "@kehoach", Summary: sum, Date: d.Due, Description: d.Label}
		if baseURL != "" && d.PlanID != "" {
			it.URL = strings.TrimRight(baseURL, "/") + "/plans/" + d.PlanID
		}
		out = append(out, it)
	}
	return out
}

// WriteICS writes cal as an RFC 5545 calendar: CRLF line ends, lines
// folded at 75 octets without splitting a character, text escaped. All-day
// items carry DTSTART;VALUE=DATE; timed ones carry their time in Vietnam
// with a VTIMEZONE for it.
func WriteICS(w io.Writer, cal Calendar) error {
	ew := &icsWriter{w: w}
	prodID := cal.ProdID
	if prodID == "" {
		prodID = "-//kehoach//Lich ke hoach " + kehoach.Version + "//VI"
	}
	stamp := cal.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	ew.line("BEGIN:VCALENDAR")
	ew.line("VERSION:2.0")
	ew.line("PRODID:" + escapeText(prodID))
	ew.line("CALSCALE:GREGORIAN")
	ew.line("METHOD:PUBLISH")
	if cal.Name != "" {
		ew.line("X-WR-CALNAME:" + escapeText(cal.Name))
	}
	ew.line("X-WR-TIMEZONE:" + TZID)
	timed := false
	for _, it := range cal.Items {
		if it.UID == "" {
			return errors.New("ics: an item has no UID")
		}
		if it.Start.IsZero() && it.Date.IsZero() {
			return fmt.Errorf("ics: item %s has no date", it.UID)
		}
		timed = timed || !it.Start.IsZero()
	}
	if timed {
		// Vietnam keeps UTC+7 all year.
		ew.line("BEGIN:VTIMEZONE")
		ew.line("TZID:" + TZID)
		ew.line("BEGIN:STANDARD")
		ew.line("DTSTART:19700101T000000")
		ew.line("TZOFFSETFROM:+0700")
		ew.line("TZOFFSETTO:+0700")
		ew.line("TZNAME:ICT")
		ew.line("END:STANDARD")
		ew.line("END:VTIMEZONE")
	}
	for _, it := range cal.Items {
		ew.line("BEGIN:VEVENT")
		ew.line("UID:" + escapeText(it.UID))
		ew.line("DTSTAMP:" + stamp.UTC().Format("20060102T150405Z"))
		if it.Start.IsZero() {
			y, m, d := it.Date.In(kehoach.Zone).Date()
			day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			ew.line("DTSTART;VALUE=DATE:" + day.Format("20060102"))
			ew.line("DTEND;VALUE=DATE:" + day.AddDate(0, 0, 1).Format("20060102"))
			ew.line("TRANSP:TRANSPARENT")
		} else {
			ew.line("DTSTART;TZID=" + TZID + ":" + it.Start.In(kehoach.Zone).Format("20060102T150405"))
			if !it.End.IsZero() {
				ew.line("DTEND;TZID=" + TZID + ":" + it.End.In(kehoach.Zone).Format("20060102T150405"))
			}
		}
		ew.line("SUMMARY:" + escapeText(it.Summary))
		if it.Location != "" {
			ew.line("LOCATION:" + escapeText(it.Location))
		}
		if it.Description != "" {
			ew.line("DESCRIPTION:" + escapeText(it.Description))
		}
		if it.URL != "" {
			ew.line("URL:" + it.URL)
		}
		if it.Status != "" {
			ew.line("STATUS:" + it.Status)
		}
		ew.line("END:VEVENT")
	}
	ew.line("END:VCALENDAR")
	return ew.err
}

// escapeText escapes a TEXT value (RFC 5545 §3.3.11).
func escapeText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
		default:
			if r < 0x20 && r != '\t' {
				continue // control characters are not allowed in TEXT
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsWriter writes content lines, folded, and keeps the first error.
type icsWriter struct {
	w   io.Writer
	err error
}

// line writes one content line folded at 75 octets (RFC 5545 §3.1): each
// continuation starts with a space, which counts in its 75, and a cut never
// falls inside a UTF-8 sequence.
func (e *icsWriter) line(s string) {
	if e.err != nil {
		return
	}
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	_, e.err = io.WriteString(e.w, b.String())
}
