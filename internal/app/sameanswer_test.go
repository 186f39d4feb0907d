package app_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/sqlstore"
	"github.com/kehoach/kehoach/internal/summary"
)

// TestSameAnswer lives here; run it with
//
//	go test -count=1 -run TestSameAnswer ./internal/app/
//
// To cover another write, add a row to sameRows: the web path and form, the
// API method, path and JSON body (the same input), the API GETs that show
// the result, and bad inputs (missing, both or a badInput of its own).

// sameRow is one write that both doors offer: the web form and the API call
// with the same input, how to read the result back, and inputs both must
// refuse.
type sameRow struct {
	name string
	base string // "demo" (the issued plan, default) or "draft"
	user string
	// setup prepares the fresh copy through the store, before each run.
	setup func(t *testing.T, r *run, w *world)
	web   func(w *world) (path string, form url.Values)
	api   func(w *world) (method, path string, body map[string]any)
	// read lists the API GETs whose answers must be equal after either door
	// (ids and times removed, and the keys in ignore); store reads the
	// result from the store instead or as well.
	read   func(w *world) []string
	store  func(t *testing.T, r *run, w *world) any
	ignore []string
	// webNames maps the web form's controls to the API's fields where the
	// two inputs differ in shape (a date and a time for one timestamp).
	webNames [][2]string
	bad      []badInput
}

// badInput changes the good input into one both doors must refuse, naming
// field (the API's JSON name).
type badInput struct {
	name  string
	field string
	web   func(w *world, f url.Values)
	api   func(w *world, body map[string]any)
}

// missing empties a field on both doors.
func missing(field string) badInput {
	return badInput{name: "missing " + field, field: field,
		web: func(_ *world, f url.Values) { f.Set(field, "") },
		api: func(_ *world, b map[string]any) { b[field] = "" }}
}

// both sets a field to the same bad value on both doors.
func both(name, field, webValue string, apiValue any) badInput {
	return badInput{name: name, field: field,
		web: func(_ *world, f url.Values) { f.Set(field, webValue) },
		api: func(_ *world, b map[string]any) { b[field] = apiValue }}
}

func form(kv ...string) url.Values {
	f := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Add(kv[i], kv[i+1])
	}
	return f
}

const (
	longText = "Nội dung rất dài. "
	badID    = "khong-co-ma-nay"
)

// repeat returns a text of more than n characters.
func repeat(n int) string { return strings.Repeat(longText, n/utf8.RuneCountInString(longText)+1) }

var sameRows = []sameRow{
	// --- organisation ---
	{name: "units create", user: "quantri",
		web: func(w *world) (string, url.Values) {
			return "/org", form("name", "Phòng Pháp chế", "abbrev", "PPC", "kind", "division", "parentId", demo.UnitAgency,
				"email", "phapche@sogtvt.demo.kehoach.vn", "phone", "0212 3850 111", "sortOrder", "50")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/units", map[string]any{"name": "Phòng Pháp chế", "abbrev": "PPC", "kind": "division", "parentId": demo.UnitAgency,
				"email": "phapche@sogtvt.demo.kehoach.vn", "phone": "0212 3850 111", "sortOrder": 50}
		},
		read: func(w *world) []string { return []string{"/api/v1/units"} },
		bad:  []badInput{missing("name"), both("unknown parent", "parentId", badID, badID), both("unknown kind", "kind", "xyz", "xyz")}},
	{name: "units update", user: "quantri",
		web: func(w *world) (string, url.Values) {
			return "/org/" + demo.UnitFinance, form("name", "Phòng Kế hoạch - Tài chính - Tổng hợp", "abbrev", "PKHTCTH", "kind", "division", "parentId", demo.UnitAgency,
				"phone", "0212 3852 222", "sortOrder", "3", "organId", "000.03.14.H49.1")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/units/" + demo.UnitFinance, map[string]any{"name": "Phòng Kế hoạch - Tài chính - Tổng hợp", "abbrev": "PKHTCTH", "kind": "division",
				"parentId": demo.UnitAgency, "phone": "0212 3852 222", "sortOrder": 3, "organId": "000.03.14.H49.1"}
		},
		read: func(w *world) []string { return []string{"/api/v1/units"} },
		bad: []badInput{missing("name"), both("unknown parent", "parentId", badID, badID),
			both("organId too long", "organId", strings.Repeat("000.", 20), strings.Repeat("000.", 20))}},
	{name: "people create", user: "quantri",
		web: func(w *world) (string, url.Values) {
			return "/people", form("username", "nv3", "fullName", "Lò Văn Ba", "title", "Chuyên viên", "unitId", demo.UnitFinance, "roles", "staff",
				"email", "nv3@sogtvt.demo.kehoach.vn", "phone", "0912345678", "password", "mat-khau-moi-1", "active", "on")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/people", map[string]any{"username": "nv3", "fullName": "Lò Văn Ba", "title": "Chuyên viên", "unitId": demo.UnitFinance,
				"roles": []string{"staff"}, "email": "nv3@sogtvt.demo.kehoach.vn", "phone": "0912345678", "password": "mat-khau-moi-1"}
		},
		read: func(w *world) []string { return []string{"/api/v1/people"} },
		bad:  []badInput{missing("fullName"), both("unknown unit", "unitId", badID, badID), both("short password", "password", "123", "123")}},
	{name: "people update", user: "quantri",
		web: func(w *world) (string, url.Values) {
			return "/people/" + w.Person, form("username", "nhanvien", "fullName", "Hà Văn Long", "title", "Phó Trưởng phòng", "unitId", demo.UnitFinance,
				"roles", "staff", "email", "long@sogtvt.demo.kehoach.vn", "phone", "0987654321", "active", "on")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/people/" + w.Person, map[string]any{"username": "nhanvien", "fullName": "Hà Văn Long", "title": "Phó Trưởng phòng",
				"unitId": demo.UnitFinance, "roles": []string{"staff"}, "email": "long@sogtvt.demo.kehoach.vn", "phone": "0987654321", "active": true}
		},
		read: func(w *world) []string { return []string{"/api/v1/people"} },
		bad:  []badInput{missing("fullName"), both("unknown unit", "unitId", badID, badID)}},

	// --- tasks and issuing (the draft plan) ---
	{name: "tasks create", base: "draft", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			f := form("section", "II.5", "title", "Tuyên truyền phòng, chống đuối nước cho trẻ em", "text", "Phối hợp tuyên truyền trong dịp hè.",
				"leadUnitId", demo.UnitInfra, "supportUnitIds", demo.UnitOffice, "due", "2023-06-25", "expectedOutput", "Báo cáo kết quả",
				"indicatorCodes", kehoach.IndStaffReached)
			return "/plans/" + w.Draft + "/tasks", f
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Draft + "/tasks", map[string]any{"section": "II.5", "title": "Tuyên truyền phòng, chống đuối nước cho trẻ em",
				"text": "Phối hợp tuyên truyền trong dịp hè.", "leadUnitId": demo.UnitInfra, "supportUnitIds": []string{demo.UnitOffice}, "due": "2023-06-25",
				"expectedOutput": "Báo cáo kết quả", "indicatorCodes": []string{kehoach.IndStaffReached}}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Draft + "/tasks"} },
		bad: []badInput{missing("title"), both("unknown lead unit", "leadUnitId", badID, badID), both("impossible due date", "due", "2023-02-30", "2023-02-30"),
			{name: "unknown indicator", field: "indicatorCodes",
				web: func(_ *world, f url.Values) { f["indicatorCodes"] = []string{"khong_co"} },
				api: func(_ *world, b map[string]any) { b["indicatorCodes"] = []string{"khong_co"} }}}},
	{name: "tasks update", base: "draft", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/tasks/" + w.DraftTask, form("section", "II.1", "title", "Nhiệm vụ đã sửa", "text", "Nội dung mới.", "leadUnitId", demo.UnitTransport,
				"due", "2023-06-20", "expectedOutput", "Tin, bài", "indicatorCodes", kehoach.IndNewsItems)
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/tasks/" + w.DraftTask, map[string]any{"section": "II.1", "title": "Nhiệm vụ đã sửa", "text": "Nội dung mới.",
				"leadUnitId": demo.UnitTransport, "supportUnitIds": []string{}, "due": "2023-06-20", "expectedOutput": "Tin, bài",
				"indicatorCodes": []string{kehoach.IndNewsItems}}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Draft + "/tasks"} },
		bad:  []badInput{missing("title"), both("unknown lead unit", "leadUnitId", badID, badID), both("impossible due date", "due", "2023-02-30", "2023-02-30")}},
	{name: "issue plan", base: "draft", user: "vanphong", webNames: [][2]string{{"recipients", "recipientUnitIds"}},
		web: func(w *world) (string, url.Values) {
			f := form("ackDays", "3", "briefDays", "10", "issuedOn", "2023-05-22", "confirm", "yes")
			f["recipients"] = []string{demo.UnitOffice, demo.UnitFinance, demo.UnitTransport}
			return "/plans/" + w.Draft + "/issue", f
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Draft + "/issue", map[string]any{"recipientUnitIds": []string{demo.UnitOffice, demo.UnitFinance, demo.UnitTransport},
				"ackDays": 3, "briefDays": 10, "issuedOn": "2023-05-22"}
		},
		read: func(w *world) []string {
			return []string{"/api/v1/plans/" + w.Draft, "/api/v1/plans/" + w.Draft + "/obligations", "/api/v1/plans/" + w.Draft + "/tasks"}
		},
		ignore: []string{"taskId"},
		bad: []badInput{both("ack days out of range", "ackDays", "61", 61), both("brief days out of range", "briefDays", "500", 500),
			both("impossible issue date", "issuedOn", "2023-02-30", "2023-02-30"),
			{name: "no recipients", field: "recipientUnitIds",
				web: func(_ *world, f url.Values) { delete(f, "recipients") },
				api: func(_ *world, b map[string]any) { b["recipientUnitIds"] = []string{} }},
			{name: "unknown recipient", field: "recipientUnitIds",
				web: func(_ *world, f url.Values) { f["recipients"] = []string{badID} },
				api: func(_ *world, b map[string]any) { b["recipientUnitIds"] = []string{badID} }}}},

	// --- execution (the issued plan) ---
	{name: "acknowledge", user: "thanhtra", webNames: [][2]string{{"unit", "unitId"}},
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/acknowledge", form("unit", demo.UnitInspect)
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/acknowledgements", map[string]any{"unitId": demo.UnitInspect}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/obligations"} },
		bad: []badInput{{name: "unknown unit", field: "unitId",
			web: func(_ *world, f url.Values) { f.Set("unit", badID) },
			api: func(_ *world, b map[string]any) { b["unitId"] = badID }}}},
	{name: "briefing", user: "thanhtra", webNames: [][2]string{{"unit", "unitId"}},
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/briefing", form("unit", demo.UnitInspect, "date", "2023-05-30", "method", "Họp giao ban", "participants", "6", "note", "Đủ thành phần.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/briefings", map[string]any{"unitId": demo.UnitInspect, "date": "2023-05-30", "method": "Họp giao ban",
				"participants": 6, "note": "Đủ thành phần."}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/obligations"} },
		bad: []badInput{missing("method"), both("negative participants", "participants", "-3", -3), both("impossible date", "date", "2023-02-30", "2023-02-30"),
			{name: "unknown unit", field: "unitId",
				web: func(_ *world, f url.Values) { f.Set("unit", badID) },
				api: func(_ *world, b map[string]any) { b["unitId"] = badID }}}},
	reportRow("report save", false),
	reportRow("report submit", true),
	{name: "review", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/obligations/" + w.OblReview + "/review", form("decision", "return", "reason", "Đề nghị bổ sung số lượt con em tham gia.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obligations/" + w.OblReview + "/review", map[string]any{"accept": false, "reason": "Đề nghị bổ sung số lượt con em tham gia."}
		},
		read: func(w *world) []string {
			return []string{"/api/v1/obligations/" + w.OblReview + "/report", "/api/v1/plans/" + w.Plan + "/obligations"}
		},
		bad: []badInput{missing("reason")}},
	{name: "accept agency report", base: "final", user: "sldtbxh",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Parent + "/rollup/" + demo.UnitAgency + "/accept", form()
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Parent + "/rollup/" + demo.UnitAgency + "/accept", nil
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Parent + "/rollup"} }},
	{name: "return agency report", user: "sldtbxh",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Parent + "/rollup/" + demo.UnitEducation + "/return", form("reason", "Đề nghị bổ sung số liệu lớp kỹ năng sống.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Parent + "/rollup/" + demo.UnitEducation + "/return", map[string]any{"reason": "Đề nghị bổ sung số liệu lớp kỹ năng sống."}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Parent + "/rollup"} },
		bad:  []badInput{missing("reason"), both("short reason", "reason", "ab", "ab")}},
	{name: "indicator save", user: "quantri",
		web: func(w *world) (string, url.Values) {
			return "/indicators", form("code", "posters", "name", "Số pa nô, áp phích", "unit", "cái", "aggregation", "sum", "min", "0")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/indicators", map[string]any{"code": "posters", "name": "Số pa nô, áp phích", "unit": "cái", "aggregation": "sum", "min": 0, "decimal": false}
		},
		read: func(w *world) []string { return []string{"/api/v1/indicators"} },
		bad:  []badInput{missing("name"), both("unknown aggregation", "aggregation", "xyz", "xyz"), both("bad code", "code", "Mã Sai!", "Mã Sai!")}},
	{name: "targets", user: "vanphong", webNames: [][2]string{{"target_*", "*"}},
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/targets", form("target_"+kehoach.IndNewsItems, "12", "target_"+kehoach.IndNewsMinutes, "60",
				"target_"+kehoach.IndStaffReached, "400", "target_"+kehoach.IndChildClasses, "50")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/plans/" + w.Plan + "/targets", map[string]any{kehoach.IndNewsItems: 12, kehoach.IndNewsMinutes: 60,
				kehoach.IndStaffReached: 400, kehoach.IndChildClasses: 50}
		},
		store: func(t *testing.T, r *run, w *world) any {
			v, err := r.db.FindTargets(context.Background(), w.Plan)
			if err != nil {
				t.Fatal(err)
			}
			return v
		},
		bad: []badInput{
			{name: "negative target", field: kehoach.IndNewsItems,
				web: func(_ *world, f url.Values) { f.Set("target_"+kehoach.IndNewsItems, "-5") },
				api: func(_ *world, b map[string]any) { b[kehoach.IndNewsItems] = -5 }}}},
	{name: "reminder rule", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/reminder-rule", form("daysBefore", "7, 3", "onDueDay", "on", "repeatLateEvery", "2", "escalateAfter", "5",
				"flagOfficeAfter", "7", "hour", "8")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/plans/" + w.Plan + "/reminder-rule", map[string]any{"daysBefore": []int{7, 3}, "onDueDay": true, "repeatLateEvery": 2,
				"escalateAfter": 5, "flagOfficeAfter": 7, "hour": 8}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/reminder-rule"} },
		bad: []badInput{both("hour out of range", "hour", "25", 25), both("negative repeat", "repeatLateEvery", "-1", -1),
			{name: "days before out of range", field: "daysBefore",
				web: func(_ *world, f url.Values) { f.Set("daysBefore", "500") },
				api: func(_ *world, b map[string]any) { b["daysBefore"] = []int{500} }}}},

	// --- result report ---
	{name: "summary edits", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/summary", form("opening", "Thực hiện Kế hoạch, Sở báo cáo như sau.", "results", "Các phòng, đơn vị đã triển khai đầy đủ.",
				"shortcomings", "Một số đơn vị báo cáo chậm.", "difficulties", "Mùa mưa lũ.", "proposals", "Đề nghị cung cấp tài liệu.",
				"section.direction", "Sở đã quán triệt Kế hoạch.", "closing", "Trên đây là báo cáo của Sở./.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/plans/" + w.Plan + "/summary", map[string]any{"opening": "Thực hiện Kế hoạch, Sở báo cáo như sau.",
				"results": "Các phòng, đơn vị đã triển khai đầy đủ.", "shortcomings": "Một số đơn vị báo cáo chậm.", "difficulties": "Mùa mưa lũ.",
				"proposals": "Đề nghị cung cấp tài liệu.", "sections": map[string]any{"direction": "Sở đã quán triệt Kế hoạch."}, "closing": "Trên đây là báo cáo của Sở./."}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/summary"} },
		bad:  []badInput{both("results too long", "results", repeat(30000), repeat(30000)), both("closing too long", "closing", repeat(3000), repeat(3000))}},
	{name: "summary finalise", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/summary/finalise", form("number", "45", "issuedOn", "2023-07-05")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/summary/finalise", map[string]any{"number": 45, "issuedOn": "2023-07-05"}
		},
		read:   func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/summary"} },
		ignore: []string{"documentId"},
		bad:    []badInput{both("negative number", "number", "-3", -3), both("impossible date", "issuedOn", "2023-02-30", "2023-02-30")}},
	{name: "summary sending", base: "final", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/summary/sending", form("sentOn", "2023-07-06", "sentVia", "system", "sentTo", "Sở Lao động - Thương binh và Xã hội")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/summary/sending", map[string]any{"sentOn": "2023-07-06", "sentVia": "system",
				"sentTo": "Sở Lao động - Thương binh và Xã hội"}
		},
		read:   func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/summary"} },
		ignore: []string{"documentId"},
		bad:    []badInput{both("unknown method", "sentVia", "fax", "fax"), both("in the future", "sentOn", "2023-08-01", "2023-08-01"), both("before the document", "sentOn", "2023-07-01", "2023-07-01")}},

	// --- communication ---
	{name: "posts create", user: "bientap",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/posts", form("unitId", demo.UnitWebsite, "taskId", "", "title", "Hưởng ứng Tháng hành động vì trẻ em",
				"url", "https://sogtvt.sonla.gov.vn/tin/thang-hanh-dong", "kind", "news", "publishedOn", "2023-06-15", "minutes", "")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/posts", map[string]any{"unitId": demo.UnitWebsite, "taskId": "", "title": "Hưởng ứng Tháng hành động vì trẻ em",
				"url": "https://sogtvt.sonla.gov.vn/tin/thang-hanh-dong", "kind": "news", "publishedOn": "2023-06-15", "minutes": nil}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/posts"} },
		bad: []badInput{missing("title"), both("unknown kind", "kind", "xyz", "xyz"), both("in the future", "publishedOn", "2023-08-01", "2023-08-01"),
			both("unknown task", "taskId", badID, badID), both("negative minutes", "minutes", "-4", -4)}},
	{name: "posts update", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/posts/" + w.Post, form("unitId", demo.UnitOffice, "taskId", "", "title", "Tin đã sửa",
				"url", "https://sogtvt.sonla.gov.vn/tin/da-sua", "kind", "article", "publishedOn", "2023-06-10", "minutes", "")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/posts/" + w.Post, map[string]any{"unitId": demo.UnitOffice, "taskId": "", "title": "Tin đã sửa",
				"url": "https://sogtvt.sonla.gov.vn/tin/da-sua", "kind": "article", "publishedOn": "2023-06-10", "minutes": nil}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/posts"} },
		bad:  []badInput{missing("title"), both("unknown kind", "kind", "xyz", "xyz"), both("unknown unit", "unitId", badID, badID)}},
	{name: "posts delete", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/posts/" + w.Post + "/delete", url.Values{}
		},
		api: func(w *world) (string, string, map[string]any) {
			return "DELETE", "/api/v1/posts/" + w.Post, nil
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/posts"} }},
	{name: "publicity", user: "vanphong", webNames: [][2]string{{"slogans", "messages"}, {"contact.*", "contacts.*"}},
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/publicity", form("messages", "Hãy lắng nghe trẻ em\nBảo vệ trẻ em là trách nhiệm của toàn xã hội", "slogans", "Vì trẻ em",
				"contact.0.name", "Tổng đài quốc gia bảo vệ trẻ em", "contact.0.phone", "111", "contact.0.hours", "24/7", "contact.0.national", "on",
				"contact.1.name", "Văn phòng Sở", "contact.1.phone", "0212 3852 000", "contact.1.address", "Số 1 đường Tô Hiệu")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/plans/" + w.Plan + "/publicity", map[string]any{
				"messages": []map[string]any{{"kind": "message", "text": "Hãy lắng nghe trẻ em"}, {"kind": "message", "text": "Bảo vệ trẻ em là trách nhiệm của toàn xã hội"},
					{"kind": "slogan", "text": "Vì trẻ em"}},
				"contacts": []map[string]any{{"name": "Tổng đài quốc gia bảo vệ trẻ em", "phone": "111", "hours": "24/7", "national": true},
					{"name": "Văn phòng Sở", "phone": "0212 3852 000", "address": "Số 1 đường Tô Hiệu", "national": false}}}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/publicity"} },
		bad: []badInput{{name: "contact without phone", field: "contacts.1.phone",
			web: func(_ *world, f url.Values) { f.Set("contact.1.phone", "") },
			api: func(_ *world, b map[string]any) { b["contacts"].([]any)[1].(map[string]any)["phone"] = "" }}}},
	eventRow("events create", true),
	eventRow("events update", false),
	{name: "publication", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/publish", form("published", "0")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/plans/" + w.Plan + "/publication", map[string]any{"published": false}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/publication"} },
		bad: []badInput{{name: "missing published", field: "published",
			web: func(_ *world, f url.Values) { f.Del("published") },
			api: func(_ *world, b map[string]any) { delete(b, "published") }},
			both("neither true nor false", "published", "maybe", "maybe")}},

	// --- obstacles ---
	{name: "obstacles raise", user: "pkhtc",
		web: func(w *world) (string, url.Values) {
			return "/plans/" + w.Plan + "/obstacles", form("taskId", w.Task, "forUnit", "on", "what", "Chưa có kinh phí in tài liệu",
				"why", "Dự toán năm nay của Phòng không có khoản chi này.", "proposal", "Đề nghị Văn phòng Sở hỗ trợ.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/obstacles", map[string]any{"taskId": w.Task, "forUnit": true, "what": "Chưa có kinh phí in tài liệu",
				"why": "Dự toán năm nay của Phòng không có khoản chi này.", "proposal": "Đề nghị Văn phòng Sở hỗ trợ."}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/obstacles"} },
		bad:  []badInput{missing("what"), both("unknown task", "taskId", badID, badID), both("what too long", "what", repeat(5000), repeat(5000))}},
	{name: "obstacles merge", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsOpen + "/merge", form("primaryId", w.ObsPrimary)
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsOpen + "/merge", map[string]any{"primaryId": w.ObsPrimary}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/obstacles"} },
		bad:  []badInput{missing("primaryId"), both("unknown primary", "primaryId", badID, badID)}},
	{name: "obstacles assess", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsOpen + "/assess", form("assessment", "Văn phòng sẽ hỗ trợ đơn vị.", "proposal", "Gửi tài liệu.", "group", "Tài liệu", "shared", "on")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsOpen + "/assess", map[string]any{"assessment": "Văn phòng sẽ hỗ trợ đơn vị.", "proposal": "Gửi tài liệu.",
				"group": "Tài liệu", "shared": true}
		},
		read: func(w *world) []string { return []string{"/api/v1/obstacles/" + w.ObsOpen} },
		bad:  []badInput{both("assessment too long", "assessment", repeat(4100), repeat(4100))}},
	{name: "obstacles escalate", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsOpen + "/escalate", form("assessment", "Lý do chính đáng, trình Giám đốc.", "proposal", "Đồng ý gia hạn.", "group", "Nhân lực")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsOpen + "/escalate", map[string]any{"assessment": "Lý do chính đáng, trình Giám đốc.", "proposal": "Đồng ý gia hạn.",
				"group": "Nhân lực", "shared": false}
		},
		read: func(w *world) []string { return []string{"/api/v1/obstacles/" + w.ObsOpen} },
		bad:  []badInput{missing("assessment")}},
	{name: "obstacles answer", user: "vanphong",
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsOpen + "/answer", form("text", "Văn phòng Sở đã bố trí cán bộ hỗ trợ đơn vị.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsOpen + "/answer", map[string]any{"text": "Văn phòng Sở đã bố trí cán bộ hỗ trợ đơn vị.", "notActionable": false}
		},
		read: func(w *world) []string { return []string{"/api/v1/obstacles/" + w.ObsOpen} },
		bad:  []badInput{missing("text")}},
	{name: "obstacles decide", user: "giamdoc", webNames: [][2]string{{"extendTask", "effects.0.taskId"}, {"extendDue", "effects.0.due"}},
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsEscal + "/decide", form("text", "Đồng ý gia hạn đến ngày 20/7/2023.", "extendTask", w.TaskMaint, "extendDue", "2023-07-20")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsEscal + "/decide", map[string]any{"text": "Đồng ý gia hạn đến ngày 20/7/2023.", "notActionable": false,
				"effects": []map[string]any{{"kind": "extend_due", "taskId": w.TaskMaint, "due": "2023-07-20"}}}
		},
		read: func(w *world) []string {
			return []string{"/api/v1/obstacles/" + w.ObsEscal, "/api/v1/plans/" + w.Plan + "/tasks"}
		},
		bad: []badInput{missing("text"),
			{name: "impossible new due date", field: "effects.0.due",
				web: func(_ *world, f url.Values) { f.Set("extendDue", "2023-02-30") },
				api: func(_ *world, b map[string]any) { b["effects"].([]any)[0].(map[string]any)["due"] = "2023-02-30" }},
			{name: "unknown task", field: "effects.0.taskId",
				web: func(_ *world, f url.Values) { f.Set("extendTask", badID) },
				api: func(_ *world, b map[string]any) { b["effects"].([]any)[0].(map[string]any)["taskId"] = badID }}}},
	{name: "obstacles confirm", user: "pqlcl",
		web: func(w *world) (string, url.Values) {
			return "/obstacles/" + w.ObsAnswered + "/confirm", form("resolved", "yes", "feedback", "Đã nhận tài liệu.")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/obstacles/" + w.ObsAnswered + "/confirm", map[string]any{"resolved": true, "feedback": "Đã nhận tài liệu."}
		},
		read: func(w *world) []string { return []string{"/api/v1/obstacles/" + w.ObsAnswered} },
		bad: []badInput{{name: "not resolved without feedback", field: "feedback",
			web: func(_ *world, f url.Values) { f.Set("resolved", "no"); f.Set("feedback", "") },
			api: func(_ *world, b map[string]any) { b["resolved"] = false; b["feedback"] = "" }}}},

	// --- organisation history and next year ---
	{name: "unit successors", user: "quantri", webNames: [][2]string{{"successorId", "successors[0].successorId"}, {"kind", "successors[0].kind"},
		{"onDate", "successors[0].onDate"}, {"note", "successors[0].note"}},
		web: func(w *world) (string, url.Values) {
			return "/org/" + demo.UnitLabour + "/successors", form("successorId", demo.UnitHealth, "kind", "rename", "onDate", "2025-07-01",
				"note", "Công tác trẻ em chuyển sang Sở Y tế")
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/units/" + demo.UnitLabour + "/successors", map[string]any{"successors": []map[string]any{{"successorId": demo.UnitHealth,
				"kind": "rename", "onDate": "2025-07-01", "note": "Công tác trẻ em chuyển sang Sở Y tế"}}}
		},
		read: func(w *world) []string {
			return []string{"/api/v1/units/" + demo.UnitLabour + "/successors", "/api/v1/units?on=2025-08-01"}
		},
		bad: []badInput{
			{name: "unknown successor", field: "successors[0].successorId",
				web: func(_ *world, f url.Values) { f.Set("successorId", badID) },
				api: func(_ *world, b map[string]any) { b["successors"].([]any)[0].(map[string]any)["successorId"] = badID }},
			{name: "unknown kind", field: "successors[0].kind",
				web: func(_ *world, f url.Values) { f.Set("kind", "xyz") },
				api: func(_ *world, b map[string]any) { b["successors"].([]any)[0].(map[string]any)["kind"] = "xyz" }},
			{name: "impossible date", field: "successors[0].onDate",
				web: func(_ *world, f url.Values) { f.Set("onDate", "2025-02-30") },
				api: func(_ *world, b map[string]any) { b["successors"].([]any)[0].(map[string]any)["onDate"] = "2025-02-30" }}}},
	{name: "next year", user: "vanphong",
		web: func(w *world) (string, url.Values) { return "/plans/" + w.Plan + "/next-year", form("year", "2024") },
		api: func(w *world) (string, string, map[string]any) {
			return "POST", "/api/v1/plans/" + w.Plan + "/next-year", map[string]any{"year": 2024}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans"} },
		store: func(t *testing.T, r *run, w *world) any {
			return copiesOf(t, r.db, w.Plan, 2024)
		},
		ignore: []string{"predecessorId", "planId"},
		bad:    []badInput{both("year not later", "year", "2023", 2023), both("year out of range", "year", "2300", 2300)}},
}

// copiesOf returns the plans copied from plan id into year, with their
// tasks.
func copiesOf(t *testing.T, db *sqlstore.DB, id string, year int) any {
	t.Helper()
	ctx := context.Background()
	plans, _, err := db.FindPlans(ctx, kehoach.PlanFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []any
	for _, p := range plans {
		if p.PredecessorID == nil || *p.PredecessorID != id || p.Year == nil || *p.Year != year {
			continue
		}
		tasks, err := db.FindTasks(ctx, kehoach.TaskFilter{PlanID: &p.ID})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, map[string]any{"plan": p, "tasks": tasks})
	}
	if len(out) != 1 {
		t.Errorf("%d copies of the plan, want 1", len(out))
	}
	return out
}

// reportRow saves (or saves and submits) the Quality division's result report.
func reportRow(name string, submit bool) sameRow {
	action, confirm := "save", ""
	if submit {
		action, confirm = "submit", "yes"
	}
	r := sameRow{name: name, user: "pqlcl", webNames: [][2]string{{"value_*", "values.*"}},
		web: func(w *world) (string, url.Values) {
			return "/obligations/" + w.OblReport + "/report", form("value_"+kehoach.IndStaffReached, "12", "value_"+kehoach.IndChildClasses, "3",
				"results", "Phòng đã quán triệt kế hoạch đến toàn thể công chức.", "shortcomings", "Chưa có.", "proposals", "Không.",
				"links", "https://sogtvt.sonla.gov.vn/tin/pqlcl", "action", action, "confirm", confirm)
		},
		api: func(w *world) (string, string, map[string]any) {
			return "PUT", "/api/v1/obligations/" + w.OblReport + "/report", map[string]any{
				"values":  map[string]any{kehoach.IndStaffReached: 12, kehoach.IndChildClasses: 3},
				"results": "Phòng đã quán triệt kế hoạch đến toàn thể công chức.", "shortcomings": "Chưa có.", "proposals": "Không.",
				"links": []string{"https://sogtvt.sonla.gov.vn/tin/pqlcl"}, "submit": submit}
		},
		read: func(w *world) []string {
			return []string{"/api/v1/obligations/" + w.OblReport + "/report", "/api/v1/plans/" + w.Plan + "/obligations"}
		},
		ignore: []string{"reportId"},
		bad: []badInput{
			{name: "negative value", field: "values." + kehoach.IndStaffReached,
				web: func(_ *world, f url.Values) { f.Set("value_"+kehoach.IndStaffReached, "-12") },
				api: func(_ *world, b map[string]any) { b["values"].(map[string]any)[kehoach.IndStaffReached] = -12 }},
			{name: "indicator the task does not feed", field: "values." + kehoach.IndNewsItems,
				web: func(_ *world, f url.Values) { f.Set("value_"+kehoach.IndNewsItems, "4") },
				api: func(_ *world, b map[string]any) { b["values"].(map[string]any)[kehoach.IndNewsItems] = 4 }},
			{name: "bad link", field: "links",
				web: func(_ *world, f url.Values) { f.Set("links", "khong phai duong dan") },
				api: func(_ *world, b map[string]any) { b["links"] = []string{"khong phai duong dan"} }},
		},
	}
	if submit {
		r.bad = append(r.bad, missing("results"))
	}
	return r
}

// eventRow creates an event, or updates the demo's first one.
func eventRow(name string, create bool) sameRow {
	r := sameRow{name: name, user: "vanphong", webNames: [][2]string{{"date", "start"}, {"startTime", "start"}, {"endTime", "end"}},
		web: func(w *world) (string, url.Values) {
			path := "/plans/" + w.Plan + "/events"
			if !create {
				path += "/" + w.Event
			}
			return path, form("unitId", demo.UnitYouth, "name", "Tọa đàm kỹ năng sống cho con em cán bộ", "date", "2023-06-20", "startTime", "08:00",
				"endTime", "10:30", "place", "Hội trường Sở", "organiser", "Chi đoàn thanh niên Sở", "status", "confirmed", "attendance", "40")
		},
		api: func(w *world) (string, string, map[string]any) {
			method, path := "POST", "/api/v1/plans/"+w.Plan+"/events"
			if !create {
				method, path = "PUT", "/api/v1/events/"+w.Event
			}
			return method, path, map[string]any{"unitId": demo.UnitYouth, "name": "Tọa đàm kỹ năng sống cho con em cán bộ",
				"start": "2023-06-20T08:00:00+07:00", "end": "2023-06-20T10:30:00+07:00", "place": "Hội trường Sở", "organiser": "Chi đoàn thanh niên Sở",
				"status": "confirmed", "attendance": 40}
		},
		read: func(w *world) []string { return []string{"/api/v1/plans/" + w.Plan + "/events"} },
		bad: []badInput{missing("name"), both("unknown status", "status", "xyz", "xyz"), both("negative attendance", "attendance", "-5", -5),
			both("unknown unit", "unitId", badID, badID),
			{name: "ends before it starts", field: "end",
				web: func(_ *world, f url.Values) { f.Set("endTime", "07:00") },
				api: func(_ *world, b map[string]any) { b["end"] = "2023-06-20T07:00:00+07:00" }}},
	}
	return r
}

// TestSameAnswer runs every write that both the web pages and the API offer
// with the same input on the two doors, on SQLite and on PostgreSQL, and
// requires the same stored result and audit entries for a good input, and
// for a bad one the same refusal naming the same field with nothing changed.
//
// Each row gets a fresh copy of its base for the web's good input, and one
// shared copy for its bad inputs (taken anew whenever a bad input changed
// something) on which, once clean, the API's good input runs: a refused
// request that changed no table leaves the same database as a fresh copy.
func TestSameAnswer(t *testing.T) {
	eachSameRow(t, func(t *testing.T, b *base, row sameRow) {
		t.Run(strings.ReplaceAll(row.name, " ", "_"), func(t *testing.T) {
			t.Parallel()
			shared := fresh(t, b, row)
			for _, bad := range row.bad {
				t.Run(strings.ReplaceAll(bad.name, " ", "_"), func(t *testing.T) {
					if changed := sameBad(t, shared, row, bad); changed {
						shared = nil
					}
				})
				if shared == nil {
					shared = fresh(t, b, row)
				}
			}
			t.Run("good", func(t *testing.T) { sameGood(t, fresh(t, b, row), shared, row) })
		})
	})
}

// eachSameRow runs fn, on each engine in parallel, for every row of
// sameRows with the base it acts on.
func eachSameRow(t *testing.T, fn func(t *testing.T, b *base, row sameRow)) {
	for _, engine := range []string{"sqlite", "postgres"} {
		t.Run(engine, func(t *testing.T) {
			t.Parallel()
			demoBase := newBase(t, engine, "demo")
			bases := map[string]*base{"demo": demoBase, "draft": newBase(t, engine, "draft"), "final": demoBase.derive(t, finalise)}
			for _, row := range sameRows {
				b := bases[row.base]
				if b == nil {
					b = bases["demo"]
				}
				fn(t, b, row)
			}
		})
	}
}

// finalise finalises the plan's result report, as number 45.
func finalise(t *testing.T, db *sqlstore.DB, w *world) {
	if _, _, err := summary.Finalise(kehoachtest.ActorCtx(t, db, "vanphong"), db, w.Plan, 45, "2023-07-05"); err != nil {
		t.Fatal(err)
	}
}

// fresh returns a fresh copy of the base for row, set up and logged in.
func fresh(t *testing.T, b *base, row sameRow) *run {
	t.Helper()
	r := b.copyOf(t)
	if row.setup != nil {
		row.setup(t, r, &b.w)
	}
	r.as(row.user)
	return r
}

// outcome is what one door's run left.
type outcome struct {
	status int
	body   string
	read   string
	audit  []auditLine
}

// act runs one door's good input on r.
func act(t *testing.T, r *run, row sameRow, door string) outcome {
	t.Helper()
	r.t = t
	w := &r.b.w
	seq := r.lastSeq()
	var o outcome
	if door == "web" {
		path, f := row.web(w)
		o.status, o.body = r.postForm(row.user, path, f)
	} else {
		method, path, body := row.api(w)
		if body == nil {
			o.status, o.body = r.send(row.user, method, path, "", nil)
		} else {
			o.status, o.body = r.callJSON(row.user, method, path, body)
		}
	}
	if row.read != nil {
		o.read = r.readBack(row.user, row.read(w), row.ignore)
	}
	if row.store != nil {
		v, _ := json.MarshalIndent(normalise(copyJSON(row.store(t, r, w)), row.ignore), "", " ")
		o.read += "store:\n" + string(v)
	}
	o.audit = r.auditSince(seq)
	return o
}

func sameGood(t *testing.T, webRun, apiRun *run, row sameRow) {
	web, api := act(t, webRun, row, "web"), act(t, apiRun, row, "api")
	ok := true
	if web.status != 303 {
		ok = false
		t.Errorf("web refused the good input: status %d, problems %v", web.status, webProblems(web.body))
	}
	if api.status < 200 || api.status > 299 {
		ok = false
		t.Errorf("API refused the good input: status %d: %s", api.status, apiMessages(api.body))
	}
	if !ok {
		return
	}
	if web.read != api.read {
		t.Errorf("stored results differ:\n%s", lineDiff(web.read, api.read))
	}
	if !slices.Equal(web.audit, api.audit) {
		t.Errorf("audit entries differ:\nweb: %s\napi: %s", fmtAudit(web.audit), fmtAudit(api.audit))
	}
	if len(web.audit) == 0 {
		t.Errorf("no audit entry written")
	}
}

// sameBad sends a bad input through both doors on r; it reports whether
// either changed anything, so that r is not used again.
func sameBad(t *testing.T, r *run, row sameRow, bad badInput) (changed bool) {
	r.t = t
	w := &r.b.w
	seq := r.lastSeq()
	before := r.dump()

	path, f := row.web(w)
	f = copyForm(f)
	bad.web(w, f)
	webStatus, webBody := r.postForm(row.user, path, f)
	webProbs := webProblems(webBody)
	changed = r.refused(t, "web", webStatus, seq, before)
	if changed {
		// Start the API from the same database as the web.
		r = fresh(t, r.b, row)
		r.t = t
		seq, before = r.lastSeq(), r.dump()
	}

	method, apath, body := row.api(w)
	body = copyJSON(body).(map[string]any)
	bad.api(w, body)
	apiStatus, apiBody := r.callJSON(row.user, method, apath, body)
	if r.refused(t, "API", apiStatus, seq, before) {
		changed = true
	}

	if webStatus != apiStatus {
		t.Errorf("the doors answer with different statuses: web %d, API %d", webStatus, apiStatus)
	}
	wf, af := webFields(webProbs, row.webNames), apiFields(apiBody)
	if !slices.Equal(wf, af) {
		t.Errorf("the doors name different fields: web %v (status %d) %q; API %v (status %d) %s", wf, webStatus, webProbs, af, apiStatus, apiMessages(apiBody))
	} else if !slices.Contains(af, bad.field) {
		t.Errorf("both doors name %v, want %q: web %q; API %s", af, bad.field, webProbs, apiMessages(apiBody))
	}
	return changed
}

// refused checks that a door answered a bad input with a 4xx and changed
// nothing since seq and before; it reports whether something changed.
func (r *run) refused(t *testing.T, door string, status int, seq int64, before map[string][]string) (changed bool) {
	t.Helper()
	if status < 400 || status > 499 {
		t.Errorf("%s: status %d, want 4xx", door, status)
	}
	if d := diffDump(before, r.dump()); len(d) > 0 {
		changed = true
		t.Errorf("%s changed %v", door, d)
	}
	if a := r.auditSince(seq); len(a) > 0 {
		changed = true
		t.Errorf("%s wrote audit entries: %s", door, fmtAudit(a))
	}
	return changed
}

func fmtAudit(a []auditLine) string {
	if len(a) == 0 {
		return "(none)"
	}
	var parts []string
	for _, l := range a {
		parts = append(parts, fmt.Sprintf("{%s %s %s %q by %s}", l.Action, l.Entity, l.EntityID, l.Summary, l.Actor))
	}
	return strings.Join(parts, " ")
}

// lineDiff shows the lines of a and b that differ, in order.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for len(al) < len(bl) {
		al = append(al, "")
	}
	for len(bl) < len(al) {
		bl = append(bl, "")
	}
	var sb strings.Builder
	shown := 0
	for i := range al {
		if al[i] != bl[i] && shown < 20 {
			fmt.Fprintf(&sb, "  web: %s\n  api: %s\n", al[i], bl[i])
			shown++
		}
	}
	return sb.String()
}
