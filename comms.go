package kehoach

import (
	"context"
	"math"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// IndEventAttendance is the indicator fed by the attendance recorded for a
// plan's events.
const IndEventAttendance = "event_attendance"

// CommsIndicators are the catalogue entries that communications add.
var CommsIndicators = []Indicator{
	{Code: IndEventAttendance, Name: "Lượt người tham dự sự kiện, lễ phát động", Unit: "lượt người", Aggregation: AggSum, Source: "events"},
}

// PostKind is the form of a news item.
type PostKind string

// The kinds of news item.
const (
	PostNews    PostKind = "news"    // tin
	PostArticle PostKind = "article" // bài
	PostVideo   PostKind = "video"   // phóng sự, video
	PostAudio   PostKind = "audio"   // phát thanh
	PostPoster  PostKind = "poster"  // pa-nô, áp phích
	PostSocial  PostKind = "social"  // bài trên mạng xã hội
)

// PostKinds lists the kinds in the order forms show them.
var PostKinds = []PostKind{PostNews, PostArticle, PostVideo, PostAudio, PostPoster, PostSocial}

// Name returns the kind in Vietnamese.
func (k PostKind) Name() string {
	switch k {
	case PostNews:
		return "Tin"
	case PostArticle:
		return "Bài viết"
	case PostVideo:
		return "Video, phóng sự"
	case PostAudio:
		return "Âm thanh, phát thanh"
	case PostPoster:
		return "Pa-nô, áp phích"
	case PostSocial:
		return "Bài trên mạng xã hội"
	}
	return string(k)
}

// Timed reports whether items of the kind have a length in minutes.
func (k PostKind) Timed() bool { return k == PostVideo || k == PostAudio }

// Post is a news item ("tin, bài") a unit published for a plan. Its count
// and minutes feed the indicators [IndNewsItems] and [IndNewsMinutes].
type Post struct {
	ID     string   `json:"id"`
	PlanID string   `json:"planId"`
	UnitID string   `json:"unitId"`
	TaskID string   `json:"taskId,omitempty"`
	Title  string   `json:"title"`
	URL    string   `json:"url"`
	Kind   PostKind `json:"kind"`
	// PublishedOn is the day it was published, YYYY-MM-DD.
	PublishedOn string `json:"publishedOn"`
	// Minutes is the length or airtime, for audio and video.
	Minutes   *float64  `json:"minutes,omitempty"`
	CreatedBy string    `json:"createdBy"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// NormalizeURL returns the form of a link used to find duplicates: scheme
// and host in lower case, no default port, no fragment, no utm_* tracking
// parameters, remaining parameters sorted, and no trailing slash.
func NormalizeURL(s string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", err
	}
	u.Scheme = strings.ToLower(u.Scheme)
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host += ":" + port
	}
	u.Host, u.Fragment, u.RawFragment, u.User = host, "", "", nil
	q := u.Query()
	keys := make([]string, 0, len(q))
	for k := range q {
		if !strings.HasPrefix(strings.ToLower(k), "utm_") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		for _, v := range q[k] {
			parts = append(parts, url.QueryEscape(k)+"="+url.QueryEscape(v))
		}
	}
	u.RawQuery = strings.Join(parts, "&")
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u.String(), nil
}

// checkLink reports the problem with a link, or "".
func checkLink(s string) string {
	if s == "" {
		return "Nhập đường dẫn (link) của tin, bài."
	}
	if utf8.RuneCountInString(s) > 2000 {
		return "Đường dẫn dài quá 2000 ký tự."
	}
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "Đường dẫn phải là địa chỉ web bắt đầu bằng http:// hoặc https://."
	}
	return ""
}

// Validate checks a news item against its plan at time now: a title, a web
// link, a publication day not before the year before the plan and not in
// the future, a known kind, and minutes only for audio and video, never
// negative.
func (p *Post) Validate(plan *Plan, now time.Time) error {
	f := problems{}
	p.Title, p.URL = strings.TrimSpace(p.Title), strings.TrimSpace(p.URL)
	f.required("title", p.Title, 500, "Nhập tiêu đề tin, bài.", "Tiêu đề dài quá 500 ký tự.")
	if m := checkLink(p.URL); m != "" {
		f["url"] = m
	}
	if p.UnitID == "" {
		f["unitId"] = "Chọn đơn vị đăng tin, bài."
	}
	if !validPostKind(p.Kind) {
		f["kind"] = "Chọn loại tin, bài."
	}
	if d, err := time.ParseInLocation(time.DateOnly, p.PublishedOn, Zone); err != nil {
		f["publishedOn"] = "Ngày đăng không hợp lệ (định dạng YYYY-MM-DD)."
	} else {
		earliest := time.Date(2000, 1, 1, 0, 0, 0, 0, Zone)
		if plan != nil && plan.Year != nil {
			earliest = time.Date(*plan.Year-1, 1, 1, 0, 0, 0, 0, Zone)
		}
		today := now.In(Zone)
		switch {
		case d.Before(earliest):
			f["publishedOn"] = "Ngày đăng quá xa so với kế hoạch (trước ngày " + earliest.Format("02/01/2006") + ")."
		case d.After(time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, Zone)):
			f["publishedOn"] = "Ngày đăng không được sau ngày hôm nay."
		}
	}
	if p.Minutes != nil {
		v := *p.Minutes
		switch {
		case math.IsNaN(v) || math.IsInf(v, 0):
			f["minutes"] = "Thời lượng không hợp lệ."
		case v < 0:
			f["minutes"] = "Thời lượng không được âm."
		case v > 24*60:
			f["minutes"] = "Thời lượng quá 1.440 phút (24 giờ)."
		case v > 0 && !p.Kind.Timed() && validPostKind(p.Kind):
			f["minutes"] = "Thời lượng chỉ ghi cho video hoặc âm thanh."
		}
	}
	return f.err()
}

func validPostKind(k PostKind) bool { return slices.Contains(PostKinds, k) }

// PostFilter selects news items; empty fields are not filtered on.
type PostFilter struct {
	PlanID string
	UnitID string
	Limit  int
}

// MessageKind tells a message from a slogan.
type MessageKind string

// The kinds of message.
const (
	KindMessage MessageKind = "message" // thông điệp
	KindSlogan  MessageKind = "slogan"  // khẩu hiệu
)

// Message is a message or slogan ("thông điệp, khẩu hiệu") a plan
// publicises.
type Message struct {
	Kind MessageKind `json:"kind"`
	Text string      `json:"text"`
}

// Contact is a service the plan publicises: the national child-protection
// hotline 111 and provincial services.
type Contact struct {
	Name    string `json:"name"`
	Phone   string `json:"phone"`
	Address string `json:"address,omitempty"`
	// Hours says when it answers, such as "24/7, miễn phí".
	Hours string `json:"hours,omitempty"`
	// National marks a service for the whole country.
	National bool `json:"national"`
}

// Hotline is the national child-protection hotline.
const Hotline = "111"

// Publicity is what a plan publicises: its messages and contacts.
type Publicity struct {
	PlanID   string    `json:"planId"`
	Messages []Message `json:"messages"`
	Contacts []Contact `json:"contacts"`
}

// Validate checks every message and contact.
func (p *Publicity) Validate() error {
	f := problems{}
	var ms []Message
	for _, m := range p.Messages {
		m.Text = strings.TrimSpace(m.Text)
		if m.Text == "" {
			continue
		}
		if m.Kind != KindMessage && m.Kind != KindSlogan {
			m.Kind = KindMessage
		}
		f.maxLen("messages", m.Text, 1000, "Mỗi thông điệp, khẩu hiệu không quá 1000 ký tự.")
		ms = append(ms, m)
	}
	var cs []Contact
	for i, c := range p.Contacts {
		c.Name, c.Phone, c.Address, c.Hours = strings.TrimSpace(c.Name), strings.TrimSpace(c.Phone), strings.TrimSpace(c.Address), strings.TrimSpace(c.Hours)
		if c.Name == "" && c.Phone == "" && c.Address == "" {
			continue
		}
		// Each problem is named by the contact's place in the list sent
		// and its field, as the API names them: contacts.1.phone.
		at := "contacts." + itoa64(int64(i)) + "."
		if c.Name == "" {
			f[at+"name"] = "Nhập tên cơ quan, dịch vụ."
		}
		if !ValidPhone(c.Phone) {
			f[at+"phone"] = "Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang (3–20 ký tự)."
		}
		f.maxLen(at+"name", c.Name, 300, "Tên cơ quan, dịch vụ không quá 300 ký tự.")
		f.maxLen(at+"address", c.Address, 300, "Địa chỉ không quá 300 ký tự.")
		f.maxLen(at+"hours", c.Hours, 100, "Giờ làm việc không quá 100 ký tự.")
		cs = append(cs, c)
	}
	p.Messages, p.Contacts = ms, cs
	if p.Messages == nil {
		p.Messages = []Message{}
	}
	if p.Contacts == nil {
		p.Contacts = []Contact{}
	}
	return f.err()
}

// TelURI returns the tel: link of a phone number.
func TelURI(phone string) string {
	var b strings.Builder
	for _, r := range phone {
		if (r >= '0' && r <= '9') || r == '+' {
			b.WriteRune(r)
		}
	}
	return "tel:" + b.String()
}

// EventStatus tells whether an event is sure to happen.
type EventStatus string

// The statuses of an event.
const (
	EventTentative EventStatus = "tentative" // dự kiến
	EventConfirmed EventStatus = "confirmed" // chính thức
	EventCancelled EventStatus = "cancelled" // đã hủy
)

// CampaignEvent is an event of a plan, such as the launch ceremony ("Lễ
// phát động"), with the attendance recorded afterwards and photos as
// evidence. The attendance feeds [IndEventAttendance] for UnitID.
type CampaignEvent struct {
	ID     string `json:"id"`
	PlanID string `json:"planId"`
	EventFields
	Photos    []EventPhoto `json:"photos"`
	UpdatedAt time.Time    `json:"updatedAt"`
}

// EventFields are what is typed for an event: shared by the record and the
// Office's input.
type EventFields struct {
	// UnitID is the unit of the agency that takes part and reports the
	// attendance.
	UnitID    string      `json:"unitId"`
	Name      string      `json:"name"`
	Start     time.Time   `json:"start"`
	End       *time.Time  `json:"end,omitempty"`
	Place     string      `json:"place"`
	Organiser string      `json:"organiser"`
	Status    EventStatus `json:"status"`
	// Attendance is how many people took part, recorded afterwards.
	Attendance *int `json:"attendance,omitempty"`
}

// EventPhoto is a photo kept as evidence of an event.
type EventPhoto struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"contentType"`
	Size        int    `json:"size"`
}

// Validate checks an event at time now: attendance only once it started.
func (e *CampaignEvent) Validate(now time.Time) error {
	f := problems{}
	e.Name, e.Place, e.Organiser = strings.TrimSpace(e.Name), strings.TrimSpace(e.Place), strings.TrimSpace(e.Organiser)
	f.required("name", e.Name, 300, "Nhập tên sự kiện.", "Tên sự kiện dài quá 300 ký tự.")
	f.maxLen("place", e.Place, 300, "Địa điểm dài quá 300 ký tự.")
	f.maxLen("organiser", e.Organiser, 300, "Đơn vị tổ chức dài quá 300 ký tự.")
	if e.UnitID == "" {
		f["unitId"] = "Chọn đơn vị tham gia."
	}
	if e.Start.IsZero() || e.Start.Year() < 2000 || e.Start.Year() > 2100 {
		f["start"] = "Thời gian bắt đầu không hợp lệ."
	}
	if e.End != nil && !e.Start.IsZero() && e.End.Before(e.Start) {
		f["end"] = "Thời gian kết thúc trước thời gian bắt đầu."
	}
	switch e.Status {
	case EventTentative, EventConfirmed, EventCancelled:
	default:
		f["status"] = "Chọn trạng thái sự kiện."
	}
	if e.Attendance != nil {
		switch {
		case *e.Attendance < 0:
			f["attendance"] = "Số người tham dự không được âm."
		case *e.Attendance > 1000000:
			f["attendance"] = "Số người tham dự quá lớn."
		case !e.Start.IsZero() && e.Start.After(now):
			f["attendance"] = "Chỉ ghi số người tham dự sau khi sự kiện đã diễn ra."
		case e.Status == EventCancelled:
			f["attendance"] = "Sự kiện đã hủy không có người tham dự."
		}
	}
	return f.err()
}

// StatusName returns the status in Vietnamese.
func (e *CampaignEvent) StatusName() string {
	switch e.Status {
	case EventTentative:
		return "Dự kiến"
	case EventConfirmed:
		return "Chính thức"
	case EventCancelled:
		return "Đã hủy"
	}
	return string(e.Status)
}

// Publication says whether a plan's public campaign page is published.
type Publication struct {
	PlanID    string     `json:"planId"`
	Published bool       `json:"published"`
	ChangedAt *time.Time `json:"changedAt,omitempty"`
}

// CommsService records a plan's communications: news items, messages and
// contacts, events, and the public campaign page.
type CommsService interface {
	CreatePost(ctx context.Context, p *Post) error
	UpdatePost(ctx context.Context, p *Post) error
	DeletePost(ctx context.Context, id string) error
	FindPostByID(ctx context.Context, id string) (*Post, error)
	FindPosts(ctx context.Context, f PostFilter) ([]*Post, error)
	FindPublicity(ctx context.Context, planID string) (*Publicity, error)
	SavePublicity(ctx context.Context, p *Publicity) error
	CreateEvent(ctx context.Context, e *CampaignEvent) error
	UpdateEvent(ctx context.Context, e *CampaignEvent) error
	FindEvents(ctx context.Context, planID string) ([]*CampaignEvent, error)
	SetPublished(ctx context.Context, planID string, published bool) error
	FindPublication(ctx context.Context, planID string) (*Publication, error)
}
