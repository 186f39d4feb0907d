package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/ops"
)

// postForm is the news item form with what was typed and its problems.
type postForm struct {
	Plan     *kehoach.Plan
	ID       string
	UnitID   string
	TaskID   string
	Title    string
	URL      string
	Kind     string
	Date     string
	Minutes  string
	Problems map[string]string
	Units    []*kehoach.OrgUnit
	Tasks    []*kehoach.Task
	Kinds    []kehoach.PostKind
}

// postsData is the news items page: the list, the totals and the form.
type postsData struct {
	Plan      *kehoach.Plan
	Posts     []*kehoach.Post
	UnitNames map[string]string
	Editable  map[string]bool
	Count     int
	Minutes   string
	Form      *postForm
	CanEdit   bool
	Published bool
	Saved     string
	// Editing shows only the form, for one item.
	Editing bool
}

// postsPage shows the news items of the plan of the path with form f (a
// new item's when nil); editing shows the form alone.
func (s *server) postsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, f *postForm, editing bool, status int) error {
	v, err := s.Ops.PostsView(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	if f == nil {
		f = &postForm{Kind: string(kehoach.PostNews), Date: s.Ops.Now().In(kehoach.Zone).Format(time.DateOnly), UnitID: a.UnitID()}
	}
	f.Plan, f.Units, f.Tasks, f.Kinds = v.Plan, v.Units, v.Tasks, kehoach.PostKinds
	d := postsData{Plan: v.Plan, Form: f, Editing: editing}
	title := "Sửa tin, bài"
	if !editing {
		title = "Tin, bài tuyên truyền"
		d.Posts, d.UnitNames, d.Editable, d.Count, d.CanEdit, d.Published = v.Posts, v.UnitNames, v.Editable, len(v.Posts), v.CanEdit, v.Published
		d.Minutes, d.Saved = kehoach.FormatValue(v.Minutes, true), r.URL.Query().Get("saved")
	}
	s.render(w, r, status, "comms_posts", s.newPage(r, Translate(langOf(r), title), d))
	return nil
}

func (s *server) postList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.postsPage(w, r, a, nil, false, http.StatusOK)
}

// readPostForm decodes the form into what the page shows back and the
// input of the operation.
func readPostForm(r *http.Request) (*postForm, ops.PostInput) {
	f := &postForm{ID: r.PathValue("post"), UnitID: r.PostFormValue("unitId"), TaskID: r.PostFormValue("taskId"), Title: strings.TrimSpace(r.PostFormValue("title")),
		URL: strings.TrimSpace(r.PostFormValue("url")), Kind: r.PostFormValue("kind"), Date: strings.TrimSpace(r.PostFormValue("publishedOn")),
		Minutes: strings.TrimSpace(r.PostFormValue("minutes"))}
	in := ops.PostInput{UnitID: f.UnitID, TaskID: f.TaskID, Title: f.Title, URL: f.URL, Kind: kehoach.PostKind(f.Kind), PublishedOn: f.Date}
	in.SetMinutesText(f.Minutes)
	return f, in
}

// formProblems turns an error of an operation into problems beside the
// fields of a form, translated; other errors are not the form's.
func formProblems(r *http.Request, err error) (map[string]string, bool) {
	code := kehoach.ErrorCode(err)
	if code != kehoach.EINVALID && code != kehoach.ECONFLICT && code != kehoach.EFORBIDDEN {
		return nil, false
	}
	l := langOf(r)
	out := map[string]string{}
	for k, v := range kehoach.ErrorFields(err) {
		out[k] = Translate(l, v)
	}
	if len(out) == 0 {
		out["form"] = Translate(l, kehoach.ErrorMessage(err))
	}
	return out, true
}

// saved ends a form's POST after the operation: on success it redirects to
// next; when err is the form's, it shows the form again through again,
// with the problems and the status of err; other errors, and a refusal of
// the whole action (whose form the actor may not see either), go on to the
// error page.
func (s *server) saved(w http.ResponseWriter, r *http.Request, err error, next string, again func(problems map[string]string, status int) error) error {
	if err != nil {
		probs, ok := formProblems(r, err)
		if !ok || kehoach.ErrorCode(err) == kehoach.EFORBIDDEN {
			return err
		}
		return again(probs, statusOf(kehoach.ErrorCode(err)))
	}
	http.Redirect(w, r, next, http.StatusSeeOther)
	return nil
}

// createOrUpdate adds a record to the plan when id is empty, else changes
// the record id; a form needs only to know whether it worked.
func createOrUpdate[In, Out any](ctx context.Context, a *kehoach.Actor, planID, id string, in In,
	create func(context.Context, *kehoach.Actor, string, In) (Out, error),
	update func(context.Context, *kehoach.Actor, string, string, In) (Out, error)) error {
	var err error
	if id == "" {
		_, err = create(ctx, a, planID, in)
	} else {
		_, err = update(ctx, a, planID, id, in)
	}
	return err
}

func (s *server) savePost(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := readForm(w, r, 64<<10); err != nil {
		return err
	}
	f, in := readPostForm(r)
	planID := r.PathValue("id")
	err := createOrUpdate(r.Context(), a, planID, f.ID, in, s.Ops.CreatePost, s.Ops.UpdatePost)
	return s.saved(w, r, err, "/plans/"+planID+"/posts?saved=1", func(problems map[string]string, status int) error {
		f.Problems = problems
		return s.postsPage(w, r, a, f, f.ID != "", status)
	})
}

func (s *server) postCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.savePost(w, r, a)
}

func (s *server) postUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.savePost(w, r, a)
}

func (s *server) postEdit(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	post, err := s.Ops.EditablePost(r.Context(), a, r.PathValue("id"), r.PathValue("post"))
	if err != nil {
		return err
	}
	f := &postForm{ID: post.ID, UnitID: post.UnitID, TaskID: post.TaskID, Title: post.Title, URL: post.URL, Kind: string(post.Kind), Date: post.PublishedOn}
	if post.Minutes != nil {
		f.Minutes = strings.ReplaceAll(strconv.FormatFloat(*post.Minutes, 'f', -1, 64), ".", ",")
	}
	return s.postsPage(w, r, a, f, true, http.StatusOK)
}

func (s *server) postDelete(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	post, err := s.Ops.DeletePost(r.Context(), a, r.PathValue("id"), r.PathValue("post"))
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+post.PlanID+"/posts?saved=deleted", http.StatusSeeOther)
	return nil
}

// contactRow is one contact of the editor.
type contactRow struct {
	Index int
	kehoach.Contact
}

// publicityForm is the messages and contacts editor.
type publicityForm struct {
	Plan      *kehoach.Plan
	Messages  string
	Slogans   string
	Contacts  []contactRow
	Problems  map[string]string
	Saved     bool
	Published bool
	CanEdit   bool
}

func contactRows(cs []kehoach.Contact) []contactRow {
	var out []contactRow
	for i, c := range cs {
		out = append(out, contactRow{Index: i, Contact: c})
	}
	// Room for two more.
	for i := 0; i < 2; i++ {
		out = append(out, contactRow{Index: len(out)})
	}
	return out
}

func (s *server) publicityPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.renderPublicity(w, r, a, nil, nil, http.StatusOK)
}

// renderPublicity shows the editor: what was typed when typed is set, the
// stored messages and contacts otherwise, with problems (of the editor or
// of the publication choice).
func (s *server) renderPublicity(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, typed *publicityForm, problems map[string]string, status int) error {
	v, err := s.Ops.PublicityView(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	f := typed
	if f == nil {
		f = &publicityForm{Contacts: contactRows(v.Publicity.Contacts), Saved: r.URL.Query().Get("saved") == "1"}
		var ms, ss []string
		for _, m := range v.Publicity.Messages {
			if m.Kind == kehoach.KindSlogan {
				ss = append(ss, m.Text)
			} else {
				ms = append(ms, m.Text)
			}
		}
		f.Messages, f.Slogans = strings.Join(ms, "\n"), strings.Join(ss, "\n")
	}
	f.Plan, f.Published, f.CanEdit, f.Problems = v.Plan, v.Published, v.CanEdit, problems
	s.render(w, r, status, "comms_publicity", s.newPage(r, Translate(langOf(r), "Thông điệp và thông tin liên hệ"), f))
	return nil
}

// readPublicityForm decodes the editor: a list the form does not carry at
// all stays missing, for the operation to refuse.
func readPublicityForm(r *http.Request) (*publicityForm, ops.PublicityInput) {
	f := &publicityForm{Messages: r.PostFormValue("messages"), Slogans: r.PostFormValue("slogans")}
	var in ops.PublicityInput
	_, hasM := r.PostForm["messages"]
	_, hasS := r.PostForm["slogans"]
	if hasM || hasS {
		in.Messages = []kehoach.Message{}
	}
	for _, kind := range []struct {
		text string
		kind kehoach.MessageKind
	}{{f.Messages, kehoach.KindMessage}, {f.Slogans, kehoach.KindSlogan}} {
		for _, line := range strings.Split(kind.text, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				in.Messages = append(in.Messages, kehoach.Message{Kind: kind.kind, Text: line})
			}
		}
	}
	var typed []kehoach.Contact
	for i := 0; i < 50; i++ {
		k := "contact." + strconv.Itoa(i) + "."
		if _, ok := r.PostForm[k+"name"]; !ok {
			break
		}
		typed = append(typed, kehoach.Contact{Name: r.PostFormValue(k + "name"), Phone: r.PostFormValue(k + "phone"),
			Address: r.PostFormValue(k + "address"), Hours: r.PostFormValue(k + "hours"), National: r.PostFormValue(k+"national") == "on"})
	}
	if typed != nil {
		in.Contacts = append([]kehoach.Contact{}, typed...)
	}
	f.Contacts = contactRows(typed)
	return f, in
}

func (s *server) publicitySave(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := readForm(w, r, 256<<10); err != nil {
		return err
	}
	f, in := readPublicityForm(r)
	_, err := s.Ops.SavePublicity(r.Context(), a, r.PathValue("id"), in)
	return s.saved(w, r, err, "/plans/"+r.PathValue("id")+"/publicity?saved=1", func(problems map[string]string, status int) error {
		return s.renderPublicity(w, r, a, f, problems, status)
	})
}

func (s *server) publish(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := parseForm(r); err != nil {
		return err
	}
	var in ops.PublicationInput
	in.SetPublishedText(r.PostFormValue("published"))
	_, err := s.Ops.SetPublished(r.Context(), a, r.PathValue("id"), in)
	return s.saved(w, r, err, "/plans/"+r.PathValue("id")+"/publicity", func(problems map[string]string, status int) error {
		return s.renderPublicity(w, r, a, nil, problems, status)
	})
}

// eventForm is an event's form with what was typed and its problems.
type eventForm struct {
	ID, UnitID, Name, Place, Organiser, Status string
	Date, StartTime, EndTime, Attendance       string
	Photos                                     []kehoach.EventPhoto
	When                                       string
	Problems                                   map[string]string
	// PlanID, Units and Page let the form template stand alone.
	PlanID string
	Units  []*kehoach.OrgUnit
	Page   *page
	// photo marks the problems of a photo upload, shown on the event's
	// form as it is.
	photo bool
}

// eventsData is the events page.
type eventsData struct {
	Plan     *kehoach.Plan
	Events   []*eventForm
	New      *eventForm
	Units    []*kehoach.OrgUnit
	CanEdit  bool
	FromPlan int
}

func eventToForm(e *kehoach.CampaignEvent) *eventForm {
	f := &eventForm{ID: e.ID, UnitID: e.UnitID, Name: e.Name, Place: e.Place, Organiser: e.Organiser, Status: string(e.Status),
		Photos: e.Photos, When: ops.EventWhen(e)}
	st := e.Start.In(kehoach.Zone)
	f.Date, f.StartTime = st.Format(time.DateOnly), st.Format("15:04")
	if e.End != nil {
		f.EndTime = e.End.In(kehoach.Zone).Format("15:04")
	}
	if e.Attendance != nil {
		f.Attendance = strconv.Itoa(*e.Attendance)
	}
	return f
}

// eventsPage shows the events of the plan of the path; failed is a form
// sent back with its problems.
func (s *server) eventsPage(w http.ResponseWriter, r *http.Request, a *kehoach.Actor, failed *eventForm, status int) error {
	v, err := s.Ops.EventsView(r.Context(), a, r.PathValue("id"))
	if err != nil {
		return err
	}
	d := eventsData{Plan: v.Plan, Units: v.Units, CanEdit: v.CanEdit, FromPlan: v.FromPlan}
	for _, e := range v.Events {
		f := eventToForm(e)
		switch {
		case failed == nil || failed.ID != e.ID:
		case failed.photo:
			f.Problems = failed.Problems
		default:
			failed.Photos, failed.When = e.Photos, f.When
			f = failed
		}
		d.Events = append(d.Events, f)
	}
	d.New = &eventForm{Status: string(kehoach.EventTentative), StartTime: "07:30", UnitID: a.UnitID()}
	if failed != nil && failed.ID == "" {
		d.New = failed
	}
	pg := s.newPage(r, Translate(langOf(r), "Sự kiện"), &d)
	for _, f := range append(d.Events, d.New) {
		f.PlanID, f.Units, f.Page = v.Plan.ID, d.Units, pg
	}
	s.render(w, r, status, "comms_events", pg)
	return nil
}

func (s *server) eventList(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.eventsPage(w, r, a, nil, http.StatusOK)
}

// readEventForm decodes an event form into what the page shows back and
// the input of the operation.
func readEventForm(r *http.Request) (*eventForm, ops.EventInput) {
	f := &eventForm{ID: r.PathValue("event"), UnitID: r.PostFormValue("unitId"), Name: strings.TrimSpace(r.PostFormValue("name")), Place: strings.TrimSpace(r.PostFormValue("place")),
		Organiser: strings.TrimSpace(r.PostFormValue("organiser")), Status: r.PostFormValue("status"), Date: strings.TrimSpace(r.PostFormValue("date")),
		StartTime: strings.TrimSpace(r.PostFormValue("startTime")), EndTime: strings.TrimSpace(r.PostFormValue("endTime")),
		Attendance: strings.TrimSpace(r.PostFormValue("attendance"))}
	in := ops.EventInput{EventFields: kehoach.EventFields{UnitID: f.UnitID, Name: f.Name, Place: f.Place, Organiser: f.Organiser, Status: kehoach.EventStatus(f.Status)}}
	in.SetTimesText(f.Date, f.StartTime, f.EndTime)
	in.SetAttendanceText(f.Attendance)
	return f, in
}

func (s *server) saveEvent(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if err := readForm(w, r, 64<<10); err != nil {
		return err
	}
	f, in := readEventForm(r)
	planID := r.PathValue("id")
	err := createOrUpdate(r.Context(), a, planID, f.ID, in, s.Ops.CreateEvent, s.Ops.UpdateEvent)
	return s.saved(w, r, err, "/plans/"+planID+"/events", func(problems map[string]string, status int) error {
		f.Problems = problems
		return s.eventsPage(w, r, a, f, status)
	})
}

func (s *server) eventCreate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.saveEvent(w, r, a)
}

func (s *server) eventUpdate(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	return s.saveEvent(w, r, a)
}

// eventsFromPlan records, as tentative, the events the plan names.
func (s *server) eventsFromPlan(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	if _, err := s.Ops.CreatePlanEvents(r.Context(), a, r.PathValue("id")); err != nil {
		return err
	}
	http.Redirect(w, r, "/plans/"+r.PathValue("id")+"/events", http.StatusSeeOther)
	return nil
}

func (s *server) eventPhotoUpload(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	r.Body = http.MaxBytesReader(w, r.Body, ops.MaxPhotoSize+1<<20)
	var name string
	var data []byte
	// An upload that cannot be read reaches the operation empty, which
	// names the problem.
	if file, hdr, err := r.FormFile("photo"); err == nil {
		name = hdr.Filename
		data, _ = io.ReadAll(file)
		file.Close()
	}
	planID, eventID := r.PathValue("id"), r.PathValue("event")
	_, err := s.Ops.AddEventPhoto(r.Context(), a, planID, eventID, name, data)
	return s.saved(w, r, err, "/plans/"+planID+"/events", func(problems map[string]string, status int) error {
		return s.eventsPage(w, r, a, &eventForm{ID: eventID, Problems: problems, photo: true}, status)
	})
}

func (s *server) eventPhoto(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	ph, data, err := s.Ops.EventPhoto(r.Context(), a, r.PathValue("id"), r.PathValue("photo"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", ph.ContentType)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	_, _ = w.Write(data)
	return nil
}

// commsEnglish holds the English of the communications pages. It is merged
// into the shared table at start-up rather than written there, so that two
// files never define the same key (a compile error in a map literal).
var commsEnglish = map[string]string{
	"Truyền thông": "Communications", "Tin, bài": "News items", "Sự kiện": "Events", "Thông điệp, liên hệ": "Messages, contacts",
	"Tin, bài tuyên truyền": "News items", "Sửa tin, bài": "Edit news item", "Thêm tin, bài": "Add a news item",
	"Số tin, bài": "News items", "Tổng thời lượng": "Total length", "phút": "minutes",
	"tự động đưa vào chỉ tiêu của kế hoạch": "counted in the plan's indicators automatically",
	"Ngày đăng": "Published on", "Tiêu đề": "Title", "Loại": "Kind", "Thời lượng": "Length", "Đơn vị": "Unit",
	"Sửa": "Edit", "Xóa": "Delete", "Đã xóa.": "Deleted.", "Chưa có tin, bài nào.": "No news items yet.",
	"Đường dẫn (link)": "Link", "Thời lượng (phút, cho video, âm thanh)": "Length (minutes, for video and audio)",
	"Nhiệm vụ": "Task", "Bạn không có quyền ghi nhận tin, bài.": "You may not record news items.",
	"Tin": "News", "Bài viết": "Article", "Video, phóng sự": "Video, report", "Âm thanh, phát thanh": "Audio, radio",
	"Pa-nô, áp phích": "Poster", "Bài trên mạng xã hội": "Social media post",
	"Thông điệp và thông tin liên hệ": "Messages and contacts", "Trang tuyên truyền công khai": "Public campaign page",
	"Đã công bố": "Published", "Chưa công bố.": "Not published.",
	"Kế hoạch còn là dự thảo: ban hành trước khi công bố trang tuyên truyền.": "The plan is still a draft: issue it before publishing the campaign page.",
	"Thông điệp, khẩu hiệu":                "Messages and slogans",
	"Thông điệp (mỗi dòng một thông điệp)": "Messages (one per line)", "Khẩu hiệu (mỗi dòng một khẩu hiệu)": "Slogans (one per line)",
	"Thông tin liên hệ": "Contacts", "Tổng đài 111 luôn hiện đầu trang công khai.": "Hotline 111 always leads the public page.",
	"Liên hệ": "Contact", "Tên cơ quan, dịch vụ": "Agency or service", "Địa chỉ": "Address", "Toàn quốc": "National",
	"Tạo sự kiện nêu trong kế hoạch": "Create the events the plan names", "Ảnh minh chứng": "Photo as evidence", "Tải ảnh lên": "Upload photo",
	"Chưa có sự kiện nào.": "No events yet.", "Thêm sự kiện": "Add an event", "Tên sự kiện": "Event name", "Ngày": "Date",
	"Giờ bắt đầu": "Start time", "Giờ kết thúc": "End time", "Địa điểm": "Place", "Đơn vị tổ chức": "Organiser",
	"Đơn vị tham gia, báo cáo số người": "Unit taking part (reports attendance)", "Trạng thái": "Status", "Dự kiến": "Tentative",
	"Chính thức": "Confirmed", "Đã hủy": "Cancelled", "Số người tham dự (ghi sau sự kiện)": "Attendance (after the event)",
	"Đường dẫn này đã được ghi nhận.":                                   "This link is already recorded.",
	"Thời lượng không được âm.":                                         "The length cannot be negative.",
	"Đường dẫn phải là địa chỉ web bắt đầu bằng http:// hoặc https://.": "The link must be a web address starting with http:// or https://.",
	"Ngày đăng không được sau ngày hôm nay.":                            "The publication date cannot be after today.",
	"Nhập tiêu đề tin, bài.":                                            "Enter the title.", "Nhập đường dẫn (link) của tin, bài.": "Enter the link.",
	// Problems named by the operations (internal/ops/comms.go).
	"Thiếu danh sách thông điệp, khẩu hiệu (gửi danh sách rỗng nếu muốn xóa hết).": "The list of messages and slogans is missing (send an empty list to clear it).",
	"Thiếu danh sách thông tin liên hệ (gửi danh sách rỗng nếu muốn xóa hết).":     "The list of contacts is missing (send an empty list to clear it).",
	"Đơn vị không tồn tại hoặc không thuộc cơ quan của kế hoạch.":                  "The unit does not exist or is not part of the plan's agency.",
	"Bạn chỉ sửa, xóa tin, bài của đơn vị mình.":                                   "You may change or delete only your unit's news items.",
	"Bạn chỉ ghi nhận tin, bài cho đơn vị của mình.":                               "You may record news items only for your unit.",
	"Thời lượng phải là một số phút, ví dụ 12 hoặc 12,5.":                          "The length must be a number of minutes, such as 12 or 12.5.",
	"Chọn một tệp ảnh (tối đa 10 MB).":                                             "Choose an image file (10 MB at most).",
	"Ảnh lớn quá 10 MB.": "The photo is larger than 10 MB.",
	"Tệp không phải ảnh PNG, JPEG, GIF hoặc WebP (kiểm tra theo nội dung tệp).":      "The file is not a PNG, JPEG, GIF or WebP image (judged by its content).",
	"Chỉ Văn phòng lập và sửa sự kiện; đơn vị ghi số người tham dự.":                 "Only the Office plans and changes events; units record the attendance.",
	"Bạn không có quyền thêm ảnh cho sự kiện này.":                                   "You may not add photos to this event.",
	"Thiếu trường published (true hoặc false).":                                      "The field published is missing (true or false).",
	"Trường published phải là true hoặc false.":                                      "The field published must be true or false.",
	"Nhập tên cơ quan, dịch vụ.":                                                     "Enter the agency or service.",
	"Số điện thoại chỉ gồm chữ số, dấu cách, dấu chấm hoặc gạch ngang (3–20 ký tự).": "A phone number holds only digits, spaces, dots or hyphens (3–20 characters).",
	"Tên cơ quan, dịch vụ không quá 300 ký tự.":                                      "The agency or service is at most 300 characters.",
	"Địa chỉ không quá 300 ký tự.":                                                   "The address is at most 300 characters.",
	"Giờ làm việc không quá 100 ký tự.":                                              "The opening hours are at most 100 characters.",
	"Công bố": "Publish", "Không công bố": "Do not publish",
	"Ngày, giờ bắt đầu không hợp lệ (ngày YYYY-MM-DD, giờ HH:MM).": "Invalid start date or time (date YYYY-MM-DD, time HH:MM).",
	"Giờ kết thúc không hợp lệ (HH:MM).":                           "Invalid end time (HH:MM).",
	"Số người tham dự phải là số nguyên.":                          "The attendance must be a whole number.",
	"Nhiệm vụ không thuộc kế hoạch này.":                           "The task is not part of this plan.",
}

func init() { addEnglish(commsEnglish) }
