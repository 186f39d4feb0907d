package app_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/docparse"
	"github.com/kehoach/kehoach/internal/demo"
	"github.com/kehoach/kehoach/internal/kehoachtest"
	"github.com/kehoach/kehoach/internal/notify"
	"github.com/kehoach/kehoach/internal/sqlstore"
)

// The rights matrix: every route of the pages and the API, called by people
// who must not read or change what the path names — the anonymous visitor,
// the head of another unit (pkhtc), a staff member of that unit (nhanvien),
// the superior agency (sldtbxh), and the Office and the Director of a second
// agency (vpxd, gdxd) — then by the rightful owner to prove the ids are real.
// The resources named in paths belong to the inspectorate (u-thanhtra), to
// other units of the demo agency, or to the Office.

// rightsMarker is written into every resource that only its owner may read;
// no response to someone else may contain it.
const rightsMarker = "DAU-HIEU-RIENG"

// rightsRoles are the callers that are not the owner.
var rightsRoles = []string{"", "pkhtc", "nhanvien", "sldtbxh", "vpxd", "gdxd"}

// rightsRow says what each caller gets from one route.
type rightsRow struct {
	// path holds placeholders such as {plan} filled by rightsIDs.
	path string
	// form is the body: url-encoded form for pages (multipart when files is
	// set), JSON for the API.
	form  string
	files map[string]string // form field → file name
	// public routes need no login: anon is what the anonymous caller gets.
	public bool
	anon   []int
	// allow gives the statuses of the callers that may legitimately use the
	// route on their own scope; any other caller must get 403 or 404.
	allow map[string][]int
	// owner proves the ids are valid; ownerPath replaces path for them.
	owner     string
	ownerPath string
	ownerForm string
	ownerWant []int
}

func st(codes ...int) []int { return codes }

// all returns the same statuses for every logged-in caller of rightsRoles.
func all(codes ...int) map[string][]int {
	m := map[string][]int{}
	for _, r := range rightsRoles[1:] {
		m[r] = codes
	}
	return m
}

func plus(m map[string][]int, role string, codes ...int) map[string][]int {
	out := map[string][]int{}
	for k, v := range m {
		out[k] = v
	}
	out[role] = codes
	return out
}

// readers may read the issued demo plan: its units and the superior.
var readers = map[string][]int{"pkhtc": {200}, "nhanvien": {200}, "sldtbxh": {200}}

// rightsTable maps every route pattern to its row. A route added without a
// row makes TestRightsEveryRoute fail.
var rightsTable = map[string]rightsRow{
	// --- health and public pages ---
	"GET /healthz":                      {path: "/healthz", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /static/{hash}/{name}":         {path: "{static}", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /favicon.ico":                  {path: "/favicon.ico", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /login":                        {path: "/login", public: true, anon: st(200), allow: all(200, 303), owner: "", ownerWant: st(200)},
	"POST /login":                       {path: "/login", form: "username=khong-co-ai&password=sai-mat-khau", public: true, anon: st(401, 429), allow: all(401, 429), owner: "", ownerWant: st(401, 429)},
	"POST /logout":                      {path: "/logout", public: true, anon: st(303), allow: all(303), owner: "", ownerWant: st(303)},
	"GET /lang/{lang}":                  {path: "/lang/en?next=/login", public: true, anon: st(303), allow: all(303), owner: "", ownerWant: st(303)},
	"GET /calendar/{file}":              {path: "/calendar/khong-phai-ma-that.ics", public: true, anon: st(404), allow: all(404), owner: "", ownerPath: "/calendar/{feedToken}.ics", ownerWant: st(200)},
	"GET /public/plans/{id}":            {path: "/public/plans/{plan}", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /public/plans/{id}/feed.atom":  {path: "/public/plans/{plan}/feed.atom", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /public/plans/{id}/events.ics": {path: "/public/plans/{plan}/events.ics", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"GET /public/static/{hash}/{name}":  {path: "/public/static/0/public.css", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"/public/":                          {path: "/public/khong-co", public: true, anon: st(404), allow: all(404), owner: "", ownerWant: st(404)},
	"GET /api/v1/openapi.json":          {path: "/api/v1/openapi.json", public: true, anon: st(200), allow: all(200), owner: "", ownerWant: st(200)},
	"/":                                 {path: "/khong-co-trang-nay", public: true, anon: st(404), allow: all(404), owner: "vanphong", ownerWant: st(404)},
	"/api/v1/":                          {path: "/api/v1/khong-co", allow: all(404), owner: "vanphong", ownerWant: st(404)},

	// --- pages: the caller's own scope ---
	"GET /{$}":           {path: "/", allow: all(200), owner: "thanhtra", ownerWant: st(200)},
	"GET /plans":         {path: "/plans", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /search":        {path: "/search?q=tre%20em", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /notifications": {path: "/notifications", allow: all(200), owner: "thanhtra", ownerWant: st(200)},
	"GET /obstacles":     {path: "/obstacles", allow: all(200), owner: "thanhtra", ownerWant: st(200)},
	"POST /notices/read": {path: "/notices/read", allow: all(303), owner: "thanhtra", ownerWant: st(303)},
	"GET /org":           {path: "/org", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	// A calendar for a plan one may read is one's own feed; another
	// agency's plan is refused as an invalid choice.
	"POST /calendar": {path: "/calendar", form: "scope=plan&plan={plan}", allow: map[string][]int{"pkhtc": {303}, "nhanvien": {303}, "sldtbxh": {303}, "vpxd": {400}, "gdxd": {400}},
		owner: "thanhtra", ownerWant: st(303)},
	"POST /calendar/{id}/revoke":    {path: "/calendar/{feed}/revoke", owner: "thanhtra", ownerWant: st(303)},
	"POST /notifications/{id}/read": {path: "/notifications/{notification}/read", owner: "thanhtra", ownerWant: st(303)},
	// Read-all and the API's list touch only the caller's own notifications.
	"POST /notifications/read-all": {path: "/notifications/read-all", allow: all(303), owner: "thanhtra", ownerWant: st(303)},
	"GET /api/v1/notifications":    {path: "/api/v1/notifications", allow: all(200), owner: "thanhtra", ownerWant: st(200)},

	// --- pages: plans, import, issue, tasks ---
	"GET /plans/import":  {path: "/plans/import", allow: map[string][]int{"vpxd": {200}}, owner: "vanphong", ownerWant: st(200)},
	"POST /plans/import": {path: "/plans/import", form: "text={seed}", allow: map[string][]int{"vpxd": {303}}, owner: "vanphong", ownerWant: st(303)},
	// An import under review is its person's own: another Office does not find it.
	"GET /plans/import/review/{id}": {path: "/plans/import/review/{importDraft}", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/import/review/{id}": {path: "/plans/import/review/{importDraft}", form: "title=Kế hoạch chen ngang",
		ownerForm: "title=", owner: "vanphong", ownerWant: st(400)},
	"POST /plans/import/review/{id}/discard": {path: "/plans/import/review/{importDraft}/discard",
		ownerPath: "/plans/import/review/{importDraft2}/discard", owner: "vanphong", ownerWant: st(303)},
	// A plan under review cannot be attached to a plan: it is saved as a draft.
	"POST /plans/import/review/{id}/attach": {path: "/plans/import/review/{importDraft}/attach", form: "plan={plan}", owner: "vanphong", ownerWant: st(400)},
	// Proposals are given a lead only while the plan is a draft.
	"POST /plans/{id}/proposals/{n}/assign": {path: "/plans/{plan}/proposals/0/assign", form: "leadUnitId=u-thanhtra&text=x", owner: "vanphong", ownerWant: st(409)},
	"GET /plans/{id}":                       {path: "/plans/{plan}", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/history":               {path: "/plans/{plan}/history", owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/issue":                 {path: "/plans/{plan}/issue", owner: "vanphong", ownerWant: st(409)},
	"POST /plans/{id}/issue":                {path: "/plans/{plan}/issue", form: "recipients=u-thanhtra&ackDays=3&briefDays=5&issuedOn=2023-05-22", owner: "vanphong", ownerWant: st(400, 409)},
	"GET /plans/{id}/next-year":             {path: "/plans/{plan}/next-year", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/next-year":            {path: "/plans/{plan}/next-year", form: "year=2024", owner: "vanphong", ownerWant: st(303)},
	"POST /org/{id}/successors":             {path: "/org/u-thanhtra/successors", form: "successorId=u-vp&kind=merger&onDate=2030-01-01", owner: "quantri", ownerWant: st(303)},
	"GET /plans/{id}/tasks/new":             {path: "/plans/{plan}/tasks/new", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/tasks":                {path: "/plans/{plan}/tasks", form: "title=Nhiệm vụ chen ngang&leadUnitId=u-thanhtra&due=2023-06-20", owner: "vanphong", ownerWant: st(303)},
	"GET /tasks/{id}":                       {path: "/tasks/{task}", owner: "vanphong", ownerWant: st(200)},
	"POST /tasks/{id}": {path: "/tasks/{task}", form: "action=save&title=Nhiệm vụ bị đổi&leadUnitId=u-pkhtc&due=2023-07-30",
		ownerForm: "action=save&title=Nhiệm vụ của Thanh tra&leadUnitId=u-thanhtra&due=2023-06-30&indicatorCodes=staff_reached&indicatorCodes=child_classes", owner: "vanphong", ownerWant: st(303)},

	// --- pages: plan settings (the Office's) ---
	"GET /plans/{id}/targets":        {path: "/plans/{plan}/targets", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/targets":       {path: "/plans/{plan}/targets", form: "target_staff_reached=1", owner: "vanphong", ownerWant: st(303)},
	"GET /plans/{id}/reminder-rule":  {path: "/plans/{plan}/reminder-rule", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/reminder-rule": {path: "/plans/{plan}/reminder-rule", form: "daysBefore=1&repeatLateEvery=30&escalateAfter=30&flagOfficeAfter=30&hour=3", owner: "vanphong", ownerWant: st(303)},

	// --- pages: the indicator catalogue (everyone reads, the admin edits) ---
	"GET /indicators":  {path: "/indicators", allow: all(200), owner: "quantri", ownerWant: st(200)},
	"POST /indicators": {path: "/indicators", form: "code=staff_reached&name=Chỉ tiêu bị đổi&unit=người&aggregation=sum&min=0&editing=1", owner: "quantri", ownerWant: st(303, 400)},

	// --- pages: organisation (the admin's) ---
	"GET /org/new":   {path: "/org/new", owner: "quantri", ownerWant: st(200)},
	"POST /org":      {path: "/org", form: "name=Phòng chen ngang&abbrev=CN&kind=division&parentId=u-sgtvt&sortOrder=30", owner: "quantri", ownerWant: st(303)},
	"GET /org/{id}":  {path: "/org/u-thanhtra", owner: "quantri", ownerWant: st(200)},
	"POST /org/{id}": {path: "/org/u-thanhtra", form: "name=Thanh tra bị đổi&abbrev=TTr&kind=division&parentId=u-sgtvt&sortOrder=8", owner: "quantri", ownerWant: st(303)},

	// --- pages: a unit's work ---
	"POST /plans/{id}/acknowledge": {path: "/plans/{plan}/acknowledge", form: "unit=u-thanhtra", owner: "thanhtra", ownerWant: st(303, 409)},
	"GET /plans/{id}/briefing":     {path: "/plans/{plan}/briefing?unit=u-thanhtra", owner: "thanhtra", ownerWant: st(200)},
	"POST /plans/{id}/briefing":    {path: "/plans/{plan}/briefing", form: "unit=u-thanhtra&date=2023-05-30&method=Họp chen ngang&participants=5", owner: "thanhtra", ownerWant: st(303)},
	"GET /plans/{id}/monitoring":   {path: "/plans/{plan}/monitoring", owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/rollup":       {path: "/plans/{plan}/rollup", allow: map[string][]int{"sldtbxh": {200}}, owner: "vanphong", ownerWant: st(200)},
	"GET /obligations/{id}/report": {path: "/obligations/{obligation}/report", owner: "thanhtra", ownerWant: st(200)},
	"POST /obligations/{id}/report": {path: "/obligations/{obligation}/report", form: "value_staff_reached=99&results=Sửa chen ngang&action=submit&confirm=yes",
		files: map[string]string{"evidence": "chen-ngang.png"}, owner: "thanhtra", ownerWant: st(303)},
	"POST /obligations/{id}/review": {path: "/obligations/{waiting}/review", form: "decision=return&reason=Trả lại chen ngang", owner: "vanphong", ownerWant: st(303, 409)},
	"GET /evidence/{id}":            {path: "/evidence/{evidence}", owner: "thanhtra", ownerWant: st(200)},
	// Only the unit's head removes a file from its own report being written;
	// deletions run after the owner submitted the report, so it is too late
	// (a conflict, not a refusal).
	"POST /evidence/{id}/delete": {path: "/evidence/{evidence}/delete", owner: "thanhtra", ownerWant: st(409)},
	"POST /plans/{id}/reminders": {path: "/plans/{plan}/reminders", form: "unit=u-thanhtra&message=Nhắc chen ngang", owner: "vanphong", ownerWant: st(409)},

	// --- pages: obstacles ---
	// Anyone of the agency may raise a difficulty as themselves (for their
	// own unit); raising for another unit is refused by the store.
	"GET /plans/{id}/obstacles":     {path: "/plans/{plan}/obstacles", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/obstacles":    {path: "/plans/{plan}/obstacles", form: "taskId={task}&forUnit=on&what=Khó khăn chen ngang&why=Lý do chen ngang", allow: map[string][]int{"pkhtc": {303}}, owner: "thanhtra", ownerWant: st(303)},
	"GET /obstacles/{id}":           {path: "/obstacles/{obstacle}", owner: "thanhtra", ownerWant: st(200)},
	"POST /obstacles/{id}/merge":    {path: "/obstacles/{obstacle}/merge", form: "primaryId={otherObstacle}", owner: "vanphong", ownerWant: st(303, 409)},
	"POST /obstacles/{id}/assess":   {path: "/obstacles/{obstacle}/assess", form: "assessment=Đánh giá chen ngang&group=X&shared=on", owner: "vanphong", ownerWant: st(303)},
	"POST /obstacles/{id}/escalate": {path: "/obstacles/{obstacle}/escalate", form: "assessment=Đánh giá chen ngang&proposal=Đề xuất", owner: "vanphong", ownerWant: st(303, 409)},
	"POST /obstacles/{id}/answer":   {path: "/obstacles/{obstacle}/answer", form: "text=Trả lời chen ngang", owner: "vanphong", ownerWant: st(303, 409)},
	"POST /obstacles/{id}/decide":   {path: "/obstacles/{obstacle}/decide", form: "text=Quyết định chen ngang", owner: "giamdoc", ownerWant: st(303, 400, 409)},
	"POST /obstacles/{id}/confirm":  {path: "/obstacles/{obstacle}/confirm", form: "resolved=yes&feedback=Xác nhận chen ngang", owner: "thanhtra", ownerWant: st(303, 409)},
	"GET /obstacle-files/{id}":      {path: "/obstacle-files/{obstacleFile}", owner: "thanhtra", ownerWant: st(200)},

	// --- pages: people ---
	"GET /people":                 {path: "/people", allow: map[string][]int{"vpxd": {200}, "gdxd": {200}}, owner: "quantri", ownerWant: st(200)},
	"GET /people/new":             {path: "/people/new", owner: "quantri", ownerWant: st(200)},
	"POST /people":                {path: "/people", form: "username=chenngang&fullName=Người Chen Ngang&unitId=u-thanhtra&roles=unit_head&password=12345678&active=on", owner: "quantri", ownerWant: st(303)},
	"GET /people/{id}":            {path: "/people/{person}", owner: "quantri", ownerWant: st(200)},
	"POST /people/{id}":           {path: "/people/{person}", form: "username=thanhtra&fullName=Tên Bị Đổi&unitId=u-thanhtra&roles=unit_head&active=on", owner: "quantri", ownerWant: st(303)},
	"GET /admin/throttles":        {path: "/admin/throttles", owner: "quantri", ownerWant: st(200)},
	"POST /admin/throttles/clear": {path: "/admin/throttles/clear", form: "username=giamdoc&ip=10.0.0.1", owner: "quantri", ownerWant: st(303)},

	// --- pages: communications ---
	"GET /plans/{id}/posts":                  {path: "/plans/{plan}/posts", allow: readers, owner: "bientap", ownerWant: st(200)},
	"POST /plans/{id}/posts":                 {path: "/plans/{plan}/posts", form: "unitId=u-website&title=Tin chen ngang&url=https://example.vn/chen-ngang&kind=news&publishedOn=2023-06-20", owner: "bientap", ownerWant: st(303)},
	"GET /plans/{id}/posts/{post}":           {path: "/plans/{plan}/posts/{post}", owner: "bientap", ownerWant: st(200)},
	"POST /plans/{id}/posts/{post}":          {path: "/plans/{plan}/posts/{post}", form: "unitId=u-website&title=Tin bị đổi&url=https://example.vn/bi-doi&kind=news&publishedOn=2023-06-20", owner: "bientap", ownerWant: st(303)},
	"POST /plans/{id}/posts/{post}/delete":   {path: "/plans/{plan}/posts/{post}/delete", owner: "bientap", ownerWant: st(303, 404)},
	"GET /plans/{id}/publicity":              {path: "/plans/{plan}/publicity", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/publicity":             {path: "/plans/{plan}/publicity", form: "messages=Thông điệp chen ngang&slogans=Khẩu hiệu chen ngang&contact.0.name=", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/publish":               {path: "/plans/{plan}/publish", form: "published=false", owner: "vanphong", ownerWant: st(303)},
	"GET /plans/{id}/events":                 {path: "/plans/{plan}/events", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/events":                {path: "/plans/{plan}/events", form: "unitId=u-thanhtra&name=Sự kiện chen ngang&status=confirmed&date=2023-06-20&startTime=08:00", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/events/from-plan":      {path: "/plans/{plan}/events/from-plan", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/events/{event}":        {path: "/plans/{plan}/events/{event}", form: "unitId=u-chidoan&name=Sự kiện bị đổi&status=confirmed&date=2023-06-01&startTime=07:30&attendance=1", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/events/{event}/photos": {path: "/plans/{plan}/events/{event}/photos", files: map[string]string{"photo": "chen-ngang.png"}, owner: "chidoan", ownerWant: st(303)},
	"GET /plans/{id}/photos/{photo}":         {path: "/plans/{plan}/photos/{photo}", allow: readers, owner: "chidoan", ownerWant: st(200)},

	// --- pages: summary and register (the Office's; the Director reads) ---
	"GET /plans/{id}/summary":           {path: "/plans/{plan}/summary", owner: "vanphong", ownerWant: st(200)},
	"POST /plans/{id}/summary":          {path: "/plans/{plan}/summary", form: "results=Kết quả chen ngang&proposals=Đề xuất chen ngang", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/summary/finalise": {path: "/plans/{plan}/summary/finalise", form: "number=99&issuedOn=2023-07-05", owner: "vanphong", ownerWant: st(303)},
	"POST /plans/{id}/summary/sending":  {path: "/plans/{plan}/summary/sending", form: "sentOn=2023-07-05&sentVia=email&sentTo=Sở LĐTBXH", owner: "vanphong", ownerWant: st(303, 400)},
	"POST /plans/{id}/summary/scan":     {path: "/plans/{plan}/summary/scan", files: map[string]string{"scan": "ban-ky.pdf"}, owner: "vanphong", ownerWant: st(303, 400)},
	"GET /plans/{id}/summary/scan":      {path: "/plans/{plan}/summary/scan", owner: "vanphong", ownerWant: st(200, 404, 409)},
	"GET /plans/{id}/summary.docx":      {path: "/plans/{plan}/summary.docx", owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/summary.xlsx":      {path: "/plans/{plan}/summary.xlsx", owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/summary.pdf":       {path: "/plans/{plan}/summary.pdf", owner: "vanphong", ownerWant: st(200)},
	"GET /plans/{id}/summary.edxml":     {path: "/plans/{plan}/summary.edxml", owner: "vanphong", ownerWant: st(200, 409)},
	"GET /plans/{id}/plan.docx":         {path: "/plans/{plan}/plan.docx", allow: readers, owner: "vanphong", ownerWant: st(200)},
	// The register lists the caller's own agency's documents.
	"GET /register": {path: "/register", allow: map[string][]int{"vpxd": {200}, "gdxd": {200}}, owner: "vanphong", ownerWant: st(200)},
	// A report received from an agency's own kehoach, for who sees the roll-up.
	"GET /plans/{id}/received/{rid}/{kind}": {path: "/plans/{plan}/received/khong-co/docx", owner: "vanphong", ownerWant: st(404)},

	// --- API: own scope ---
	"GET /api/v1/me":         {path: "/api/v1/me", allow: all(200), owner: "thanhtra", ownerWant: st(200)},
	"GET /api/v1/plans":      {path: "/api/v1/plans", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/me/queue":   {path: "/api/v1/me/queue", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/indicators": {path: "/api/v1/indicators", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"PUT /api/v1/indicators": {path: "/api/v1/indicators", form: `{"code":"staff_reached","name":"Chỉ tiêu bị đổi","unit":"người","aggregation":"sum","decimal":false,"min":0}`, owner: "quantri", ownerWant: st(200)},
	"GET /api/v1/units":      {path: "/api/v1/units", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/search":     {path: "/api/v1/search?q=tre%20em", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/people":     {path: "/api/v1/people", allow: map[string][]int{"vpxd": {200}, "gdxd": {200}}, owner: "quantri", ownerWant: st(200)},
	"POST /api/v1/people":    {path: "/api/v1/people", form: `{"username":"chenngang2","fullName":"Người Chen Ngang","unitId":"u-thanhtra","roles":["unit_head"],"password":"12345678"}`, owner: "quantri", ownerWant: st(201)},
	"GET /api/v1/register":   {path: "/api/v1/register", allow: map[string][]int{"vpxd": {200}, "gdxd": {200}}, owner: "vanphong", ownerWant: st(200)},

	// --- API: plans, tasks, a unit's work ---
	"GET /api/v1/plans/{id}":             {path: "/api/v1/plans/{plan}", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/audit":       {path: "/api/v1/plans/{plan}/audit", owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/obligations": {path: "/api/v1/plans/{plan}/obligations", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/tasks":       {path: "/api/v1/plans/{plan}/tasks", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/next-year":  {path: "/api/v1/plans/{plan}/next-year", form: `{"year":2024}`, owner: "vanphong", ownerWant: st(201)},
	"GET /api/v1/units/{id}/successors":  {path: "/api/v1/units/u-sgtvt/successors", allow: all(200), owner: "vanphong", ownerWant: st(200)},
	"PUT /api/v1/units/{id}/successors":  {path: "/api/v1/units/u-thanhtra/successors", form: `{"successors":[{"successorId":"u-vp","kind":"merger","onDate":"2030-01-01"}]}`, owner: "quantri", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/tasks":      {path: "/api/v1/plans/{plan}/tasks", form: `{"title":"Nhiệm vụ chen ngang","leadUnitId":"u-thanhtra","due":"2023-06-20"}`, owner: "vanphong", ownerWant: st(201)},
	"PUT /api/v1/tasks/{id}": {path: "/api/v1/tasks/{task}", form: `{"title":"Nhiệm vụ bị đổi","leadUnitId":"u-pkhtc","due":"2023-07-30"}`,
		ownerForm: `{"title":"Nhiệm vụ của Thanh tra","leadUnitId":"u-thanhtra","due":"2023-06-30","indicatorCodes":["staff_reached","child_classes"]}`, owner: "vanphong", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/issue":            {path: "/api/v1/plans/{plan}/issue", form: issueBody, owner: "vanphong", ownerWant: st(409)},
	"POST /api/v1/plans/{id}/acknowledgements": {path: "/api/v1/plans/{plan}/acknowledgements", form: `{"unitId":"u-thanhtra"}`, owner: "thanhtra", ownerWant: st(201, 200, 204)},
	"POST /api/v1/plans/{id}/briefings":        {path: "/api/v1/plans/{plan}/briefings", form: `{"unitId":"u-thanhtra","date":"2023-05-30","method":"Họp chen ngang","participants":5}`, owner: "thanhtra", ownerWant: st(201, 200)},
	"GET /api/v1/plans/{id}/monitoring":        {path: "/api/v1/plans/{plan}/monitoring", owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/indicator-values":  {path: "/api/v1/plans/{plan}/indicator-values", owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/rollup":            {path: "/api/v1/plans/{plan}/rollup", allow: map[string][]int{"sldtbxh": {200}}, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/obligations/{id}/report":      {path: "/api/v1/obligations/{obligation}/report", owner: "thanhtra", ownerWant: st(200)},
	"DELETE /api/v1/evidence/{id}":             {path: "/api/v1/evidence/{evidence}", owner: "thanhtra", ownerWant: st(409)},
	"PUT /api/v1/obligations/{id}/report":      {path: "/api/v1/obligations/{obligation}/report", form: `{"values":{"staff_reached":99},"results":"Sửa chen ngang","submit":true}`, owner: "thanhtra", ownerWant: st(200, 409)},
	"POST /api/v1/obligations/{id}/review":     {path: "/api/v1/obligations/{waiting}/review", form: `{"accept":false,"reason":"Trả lại chen ngang"}`, owner: "vanphong", ownerWant: st(200)},

	// --- API: plan settings and organisation ---
	"PUT /api/v1/plans/{id}/targets":       {path: "/api/v1/plans/{plan}/targets", form: `{"staff_reached":1}`, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/reminder-rule": {path: "/api/v1/plans/{plan}/reminder-rule", owner: "vanphong", ownerWant: st(200)},
	"PUT /api/v1/plans/{id}/reminder-rule": {path: "/api/v1/plans/{plan}/reminder-rule", form: `{"daysBefore":[1],"onDueDay":false,"repeatLateEvery":30,"escalateAfter":30,"flagOfficeAfter":30,"hour":3}`, owner: "vanphong", ownerWant: st(200)},
	"POST /api/v1/units":                   {path: "/api/v1/units", form: `{"kind":"division","name":"Phòng chen ngang","abbrev":"CN2","parentId":"u-sgtvt","sortOrder":31}`, owner: "quantri", ownerWant: st(201)},
	"PUT /api/v1/units/{id}":               {path: "/api/v1/units/u-thanhtra", form: `{"kind":"division","name":"Thanh tra bị đổi","abbrev":"TTr","parentId":"u-sgtvt","sortOrder":8}`, owner: "quantri", ownerWant: st(200)},
	"PUT /api/v1/people/{id}":              {path: "/api/v1/people/{person}", form: `{"username":"thanhtra","fullName":"Tên Bị Đổi","unitId":"u-thanhtra","roles":["unit_head"],"active":true}`, owner: "quantri", ownerWant: st(200)},

	// --- API: obstacles ---
	"GET /api/v1/plans/{id}/obstacles":     {path: "/api/v1/plans/{plan}/obstacles", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/obstacles":    {path: "/api/v1/plans/{plan}/obstacles", form: `{"taskId":"{task}","forUnit":true,"what":"Khó khăn chen ngang","why":"Lý do chen ngang"}`, allow: map[string][]int{"pkhtc": {201}, "nhanvien": {403}}, owner: "thanhtra", ownerWant: st(201)},
	"GET /api/v1/obstacles/{id}":           {path: "/api/v1/obstacles/{obstacle}", owner: "thanhtra", ownerWant: st(200)},
	"POST /api/v1/obstacles/{id}/merge":    {path: "/api/v1/obstacles/{obstacle}/merge", form: `{"primaryId":"{otherObstacle}"}`, owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/obstacles/{id}/assess":   {path: "/api/v1/obstacles/{obstacle}/assess", form: `{"assessment":"Đánh giá chen ngang","group":"X","shared":true}`, owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/obstacles/{id}/escalate": {path: "/api/v1/obstacles/{obstacle}/escalate", form: `{"assessment":"Đánh giá chen ngang","proposal":"Đề xuất"}`, owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/obstacles/{id}/answer":   {path: "/api/v1/obstacles/{obstacle}/answer", form: `{"text":"Trả lời chen ngang"}`, owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/obstacles/{id}/decide":   {path: "/api/v1/obstacles/{obstacle}/decide", form: `{"text":"Quyết định chen ngang"}`, owner: "giamdoc", ownerWant: st(200, 400, 409)},
	"POST /api/v1/obstacles/{id}/confirm":  {path: "/api/v1/obstacles/{obstacle}/confirm", form: `{"resolved":true,"feedback":"Xác nhận chen ngang"}`, owner: "thanhtra", ownerWant: st(200, 409)},

	// --- API: summary ---
	"GET /api/v1/plans/{id}/summary":           {path: "/api/v1/plans/{plan}/summary", owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/summary.edxml":     {path: "/api/v1/plans/{plan}/summary.edxml", owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/exchange/reports":            {path: "/api/v1/exchange/reports", form: `{}`, public: true, anon: st(401), allow: all(401), owner: "", ownerWant: st(401)},
	"POST /api/v1/exchange/tokens":             {path: "/api/v1/exchange/tokens", form: `{"agencyId":"u-sxd","planId":"{plan}"}`, owner: "vanphong", ownerWant: st(201)},
	"PUT /api/v1/plans/{id}/summary":           {path: "/api/v1/plans/{plan}/summary", form: `{"results":"Kết quả chen ngang"}`, owner: "vanphong", ownerWant: st(200, 409)},
	"POST /api/v1/plans/{id}/summary/finalise": {path: "/api/v1/plans/{plan}/summary/finalise", form: `{"number":98,"issuedOn":"2023-07-05"}`, owner: "vanphong", ownerWant: st(200, 201, 409)},
	"POST /api/v1/plans/{id}/summary/sending":  {path: "/api/v1/plans/{plan}/summary/sending", form: `{"sentOn":"2023-07-05","sentVia":"email","sentTo":"Sở LĐTBXH"}`, owner: "vanphong", ownerWant: st(200, 409)},

	// --- API: communications ---
	"GET /api/v1/plans/{id}/posts":       {path: "/api/v1/plans/{plan}/posts", allow: readers, owner: "bientap", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/posts":      {path: "/api/v1/plans/{plan}/posts", form: `{"unitId":"u-website","title":"Tin chen ngang","url":"https://example.vn/chen-ngang-api","kind":"news","publishedOn":"2023-06-20"}`, owner: "bientap", ownerWant: st(201)},
	"PUT /api/v1/posts/{id}":             {path: "/api/v1/posts/{post}", form: `{"unitId":"u-website","title":"Tin bị đổi","url":"https://example.vn/bi-doi-api","kind":"news","publishedOn":"2023-06-20"}`, owner: "bientap", ownerWant: st(200, 404)},
	"DELETE /api/v1/posts/{id}":          {path: "/api/v1/posts/{post}", owner: "bientap", ownerWant: st(204, 404)},
	"GET /api/v1/plans/{id}/publicity":   {path: "/api/v1/plans/{plan}/publicity", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"PUT /api/v1/plans/{id}/publicity":   {path: "/api/v1/plans/{plan}/publicity", form: `{"messages":[{"kind":"message","text":"Thông điệp chen ngang"}],"contacts":[]}`, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/events":      {path: "/api/v1/plans/{plan}/events", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"POST /api/v1/plans/{id}/events":     {path: "/api/v1/plans/{plan}/events", form: `{"unitId":"u-thanhtra","name":"Sự kiện chen ngang","start":"2023-06-20T08:00:00+07:00","status":"confirmed"}`, owner: "vanphong", ownerWant: st(201)},
	"PUT /api/v1/events/{id}":            {path: "/api/v1/events/{event}", form: `{"unitId":"u-chidoan","name":"Sự kiện bị đổi","start":"2023-06-01T07:30:00+07:00","status":"confirmed","attendance":1}`, owner: "vanphong", ownerWant: st(200)},
	"GET /api/v1/plans/{id}/publication": {path: "/api/v1/plans/{plan}/publication", allow: readers, owner: "vanphong", ownerWant: st(200)},
	"PUT /api/v1/plans/{id}/publication": {path: "/api/v1/plans/{plan}/publication", form: `{"published":false}`, owner: "vanphong", ownerWant: st(200)},

	// --- the superior's decisions on implementing agencies' reports ---
	// Only the superior of the province's plan decides; the demo plan has
	// no implementing agencies, so the superior finds none there.
	"POST /plans/{id}/rollup/{agency}/accept":          {path: "/plans/{plan}/rollup/u-sgddt/accept", owner: "sldtbxh", ownerPath: "/plans/{parent}/rollup/u-sgddt/accept", ownerWant: st(303, 409)},
	"POST /plans/{id}/rollup/{agency}/return":          {path: "/plans/{plan}/rollup/u-sgddt/return", form: "reason=Trả lại chen ngang", owner: "sldtbxh", ownerPath: "/plans/{parent}/rollup/u-sgddt/return", ownerWant: st(303, 409)},
	"POST /api/v1/plans/{id}/rollup/{agencyId}/accept": {path: "/api/v1/plans/{plan}/rollup/u-sgddt/accept", owner: "sldtbxh", ownerPath: "/api/v1/plans/{parent}/rollup/u-sgddt/accept", ownerWant: st(200, 409)},
	"POST /api/v1/plans/{id}/rollup/{agencyId}/return": {path: "/api/v1/plans/{plan}/rollup/u-sgddt/return", form: `{"reason":"Trả lại chen ngang"}`, owner: "sldtbxh", ownerPath: "/api/v1/plans/{parent}/rollup/u-sgddt/return", ownerWant: st(200, 409)},
}

var routeRE = regexp.MustCompile(`mux\.Handle(?:Func)?\("([^"]+)"`)

// registeredRoutes reads the route patterns from the sources of the pages,
// the API and the application mux.
func registeredRoutes(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, glob := range []string{"../web/*.go", "../api/*.go", "../public/*.go", "app.go"} {
		m, err := filepath.Glob(glob)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	seen := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range routeRE.FindAllStringSubmatch(string(b), -1) {
			seen[m[1]] = true
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	sort.Strings(out)
	if len(out) < 100 {
		t.Fatalf("found only %d routes in the sources: has the registration changed?", len(out))
	}
	return out
}

// rightsIDs are the real ids of the demo's resources the callers aim at.
type rightsIDs map[string]string

func (ids rightsIDs) fill(s string) string {
	for k, v := range ids {
		s = strings.ReplaceAll(s, "{"+k+"}", v)
	}
	return s
}

// rightsSetup adds to the demo what the matrix aims at: a draft report of
// the inspectorate with evidence, an obstacle it raised with a file (not
// shared), a notification and a calendar feed of its head, and a second
// agency with its own Office and Director.
func rightsSetup(t *testing.T, f *fixture) rightsIDs {
	t.Helper()
	ctx := t.Context()
	sys := kehoach.NewContextWithActor(ctx, kehoach.SystemActor("kiểm thử"))
	ttr := kehoachtest.ActorCtx(t, f.db, "thanhtra")
	ids := rightsIDs{"plan": f.plan.ID, "seed": url.QueryEscape(string(demo.SeedPlan()))}
	if stored, err := f.db.FindPlanByID(ctx, f.plan.ID); err != nil || stored.ParentPlanID == nil {
		t.Fatalf("the demo plan implements no plan: %v", err)
	} else {
		ids["parent"] = *stored.ParentPlanID
	}

	obl := f.obligationOf("u-thanhtra", kehoach.KindFinal)
	ids["obligation"], ids["task"] = obl.ID, obl.TaskID
	ids["waiting"] = f.obligationOf("u-pkcht", kehoach.KindFinal).ID
	task, err := f.db.FindTaskByID(ctx, obl.TaskID)
	if err != nil {
		t.Fatal(err)
	}
	inds, err := f.db.FindIndicators(ctx)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := f.db.SaveReportDraft(ttr, obl.ID, &kehoach.Report{ReportContent: kehoach.ReportContent{Values: map[string]float64{kehoach.IndStaffReached: 7}, Results: "Kết quả " + rightsMarker}}, demo.AllowedIndicators(inds, task))
	if err != nil {
		t.Fatal(err)
	}
	ev, err := f.db.AddEvidence(ttr, rep.ID, "minh-chung-"+rightsMarker+".png", "image/png", rightsPNG())
	if err != nil {
		t.Fatal(err)
	}
	ids["evidence"] = ev.ID

	o := &kehoach.Obstacle{PlanID: f.plan.ID, TaskID: obl.TaskID, ForUnit: true, What: "Khó khăn " + rightsMarker, Why: "Lý do riêng của Thanh tra"}
	if err := f.db.RaiseObstacle(ttr, o, []kehoach.Upload{{Name: "tep-" + rightsMarker + ".png", Data: rightsPNG()}}); err != nil {
		t.Fatal(err)
	}
	ids["obstacle"], ids["obstacleFile"] = o.ID, o.Files[0].ID
	// Another open obstacle of another unit, as the target of a merge.
	obs, err := f.db.FindObstacles(sys, kehoach.ObstacleFilter{PlanID: &f.plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range obs {
		if x.ID != o.ID && x.UnitID == "u-ttdk" {
			ids["otherObstacle"] = x.ID
		}
	}

	ttrPerson, err := f.db.FindPersonByUsername(ctx, "thanhtra")
	if err != nil {
		t.Fatal(err)
	}
	ids["person"] = ttrPerson.ID
	n := &notify.Notification{PersonID: ttrPerson.ID, PlanID: f.plan.ID, Title: "Nhắc việc " + rightsMarker, Body: "Nội dung riêng", Link: "/plans/" + f.plan.ID}
	if err := f.db.CreateNotification(sys, n); err != nil {
		t.Fatal(err)
	}
	ids["notification"] = n.ID
	feed := &notify.CalendarFeed{PersonID: ttrPerson.ID, Scope: notify.ScopeUnit, ScopeID: "u-thanhtra"}
	tok, err := f.db.CreateCalendarFeed(ttr, feed)
	if err != nil {
		t.Fatal(err)
	}
	ids["feed"], ids["feedToken"] = feed.ID, tok

	posts, err := f.db.FindPosts(ctx, kehoach.PostFilter{PlanID: f.plan.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range posts {
		if p.UnitID == "u-website" {
			ids["post"] = p.ID
		}
	}
	events, err := f.db.FindEvents(ctx, f.plan.ID)
	if err != nil || len(events) == 0 || len(events[0].Photos) == 0 {
		t.Fatalf("demo events: %v", err)
	}
	ids["event"], ids["photo"] = events[0].ID, events[0].Photos[0].ID

	// Two imports under review of the Office.
	office, err := f.db.FindPersonByUsername(ctx, "vanphong")
	if err != nil {
		t.Fatal(err)
	}
	seedDoc, err := docparse.Parse(bytes.NewReader(demo.SeedPlan()), "seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	rawDoc, _ := json.Marshal(seedDoc)
	for _, k := range []string{"importDraft", "importDraft2"} {
		d := &sqlstore.ImportDraft{PersonID: office.ID, AgencyID: "u-sgtvt", Source: string(demo.SeedPlan()), Doc: string(rawDoc)}
		if err := f.db.CreateImportDraft(sys, d); err != nil {
			t.Fatal(err)
		}
		ids[k] = d.ID
	}

	// A second agency of the province, with its Office and Director (not
	// the demo's Sở Xây dựng, which succeeded the demo agency).
	for _, u := range []*kehoach.OrgUnit{
		{ID: "u-sct", Kind: kehoach.UnitAgency, Name: "Sở Công Thương", Abbrev: "SCT", ParentID: demo.UnitProvince, Place: "Sơn La", SortOrder: 20},
		{ID: "u-sct-vp", Kind: kehoach.UnitOffice, Name: "Văn phòng Sở Công Thương", Abbrev: "VP", ParentID: "u-sct", SortOrder: 21},
		{ID: "u-sct-bgd", Kind: kehoach.UnitOffice, Name: "Ban Giám đốc Sở Công Thương", Abbrev: "BGĐ", ParentID: "u-sct", SortOrder: 22},
	} {
		if err := f.db.CreateUnit(sys, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range []*kehoach.Person{
		{Username: "vpxd", FullName: "Văn Phòng Xây Dựng", UnitID: "u-sct-vp", Roles: []kehoach.Role{kehoach.RoleOffice, kehoach.RoleUnitHead}, Active: true},
		{Username: "gdxd", FullName: "Giám Đốc Xây Dựng", UnitID: "u-sct-bgd", Roles: []kehoach.Role{kehoach.RoleDirector}, Active: true},
	} {
		if err := f.db.CreatePerson(sys, p, kehoachtest.DemoPassword); err != nil {
			t.Fatal(err)
		}
	}

	// A static file the login page links to.
	_, _, page := f.do("", "GET", "/login", "", nil, nil)
	m := regexp.MustCompile(`/static/[^"'?]+`).FindString(page)
	if m == "" {
		t.Fatal("the login page links no static file")
	}
	ids["static"] = m
	return ids
}

func rightsPNG() []byte {
	return []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
}

// request builds the body of a row.
func (row rightsRow) request(t *testing.T, ids rightsIDs, pattern string) (string, io.Reader) {
	t.Helper()
	body := ids.fill(row.form)
	if row.files != nil {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		vals, _ := url.ParseQuery(body)
		for k, vs := range vals {
			for _, v := range vs {
				_ = mw.WriteField(k, v)
			}
		}
		for field, name := range row.files {
			w, err := mw.CreateFormFile(field, name)
			if err != nil {
				t.Fatal(err)
			}
			if strings.HasSuffix(name, ".pdf") {
				_, _ = w.Write([]byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"))
			} else {
				_, _ = w.Write(rightsPNG())
			}
		}
		mw.Close()
		return mw.FormDataContentType(), &buf
	}
	if body == "" {
		return "", strings.NewReader("")
	}
	if strings.Contains(pattern, "/api/") {
		return "application/json", strings.NewReader(body)
	}
	// Forms are written readably above; encode them as a browser would.
	vals, err := url.ParseQuery(body)
	if err != nil {
		t.Fatalf("%s: form %q: %v", pattern, body, err)
	}
	return "application/x-www-form-urlencoded", strings.NewReader(vals.Encode())
}

// rightsState is what must not change when the callers are refused.
type rightsState map[string]string

func snapshot(t *testing.T, f *fixture) rightsState {
	t.Helper()
	sys := kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("kiểm thử"))
	id := f.plan.ID
	s := rightsState{}
	put := func(name string, v any, err error) {
		if err != nil {
			t.Fatalf("snapshot %s: %v", name, err)
		}
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		s[name] = string(b)
	}
	plan, err := f.db.FindPlanByID(sys, id)
	put("plan", plan, err)
	plans, _, err := f.db.FindPlans(sys, kehoach.PlanFilter{})
	put("plans", plans, err)
	tasks, err := f.db.FindTasks(sys, kehoach.TaskFilter{PlanID: &id})
	put("tasks", tasks, err)
	reports, err := f.db.FindReports(sys, id)
	put("reports", reports, err)
	obls, err := f.db.FindObligations(sys, kehoach.ObligationFilter{PlanID: &id})
	put("obligations", obls, err)
	acks, err := f.db.FindAcknowledgements(sys, id)
	put("acknowledgements", acks, err)
	briefings, err := f.db.FindBriefings(sys, id)
	put("briefings", briefings, err)
	posts, err := f.db.FindPosts(sys, kehoach.PostFilter{PlanID: id})
	put("posts", posts, err)
	events, err := f.db.FindEvents(sys, id)
	put("events", events, err)
	pub, err := f.db.FindPublicity(sys, id)
	put("publicity", pub, err)
	publ, err := f.db.FindPublication(sys, id)
	put("publication", publ, err)
	sums, err := f.db.FindSummaries(sys, id)
	put("summaries", sums, err)
	docs, err := f.db.FindDocuments(sys, kehoach.DocumentFilter{})
	put("register", docs, err)
	units, err := f.db.FindUnits(sys)
	put("units", units, err)
	inds, err := f.db.FindIndicators(sys)
	put("indicators", inds, err)
	targets, err := f.db.FindTargets(sys, id)
	put("targets", targets, err)
	people, err := f.db.FindPeople(sys, kehoach.PersonFilter{})
	put("people", people, err)
	ttr, err := f.db.FindPersonByUsername(sys, "thanhtra")
	if err != nil {
		t.Fatal(err)
	}
	notes, err := f.db.FindNotifications(sys, ttr.ID, false, 100)
	put("thanhtra notifications", notes, err)
	feeds, err := f.db.FindCalendarFeeds(sys, ttr.ID)
	put("thanhtra feeds", feeds, err)
	// Obstacles that exist now; a caller may raise a new one of their own.
	obs, err := f.db.FindObstacles(sys, kehoach.ObstacleFilter{PlanID: &id})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range obs {
		put("obstacle "+o.ID, o, nil)
	}
	return s
}

// TestRightsEveryRoute calls every registered route as callers who must not
// read or change what it names, and checks that nothing of another unit or
// agency changed.
func TestRightsEveryRoute(t *testing.T) {
	f := newDemoFixture(t, "sqlite")
	ids := rightsSetup(t, f)
	routes := registeredRoutes(t)
	for _, p := range routes {
		if _, ok := rightsTable[p]; !ok {
			t.Errorf("route %q has no row in rightsTable: say who may use it", p)
		}
	}
	for p := range rightsTable {
		if !slices.Contains(routes, p) {
			t.Errorf("rightsTable row %q names no registered route", p)
		}
	}
	if t.Failed() {
		t.FailNow()
	}
	ctx := t.Context()
	before := snapshot(t, f)
	audit, err := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{Limit: 1})
	if err != nil || len(audit) == 0 {
		t.Fatal(err)
	}
	lastSeq := audit[0].Seq
	demoTitle := f.plan.Title

	// Refused callers first, so that nothing they do is hidden by the owners.
	for _, pattern := range routes {
		row := rightsTable[pattern]
		method, _, ok := strings.Cut(pattern, " ")
		if !ok {
			method = "GET"
		}
		path := ids.fill(row.path)
		for _, user := range rightsRoles {
			want := row.allow[user]
			if user == "" {
				switch {
				case row.public:
					want = row.anon
				case strings.HasPrefix(path, "/api/"):
					want = st(http.StatusUnauthorized)
				case method == "GET":
					want = st(http.StatusSeeOther)
				default:
					want = st(http.StatusUnauthorized)
				}
			}
			if want == nil {
				want = st(http.StatusForbidden, http.StatusNotFound)
			}
			ct, body := row.request(t, ids, pattern)
			status, hdr, got := f.do(user, method, path, ct, body, nil)
			if pattern == "POST /logout" {
				delete(f.client, user) // log in again for the next route
			}
			if !slices.Contains(want, status) {
				t.Errorf("%s as %q (%s %s): status %d, want one of %v\n%.300s", pattern, user, method, path, status, want, got)
			}
			if strings.Contains(got, rightsMarker) || strings.Contains(hdr.Get("Content-Disposition"), rightsMarker) {
				t.Errorf("%s as %q: the response shows another unit's data (%s)", pattern, user, rightsMarker)
			}
			if (user == "vpxd" || user == "gdxd") && !row.public && !strings.Contains(row.form, "{seed}") && strings.Contains(got, demoTitle) {
				t.Errorf("%s as %q: the response shows the other agency's plan", pattern, user)
			}
			if user == "" && !row.public && strings.HasPrefix(path, "/plans/") && method == "GET" && !strings.HasPrefix(hdr.Get("Location"), "/login") {
				t.Errorf("%s anonymous: redirected to %q, not to the login page", pattern, hdr.Get("Location"))
			}
		}
	}

	// Nothing that belongs to another unit or agency changed.
	after := snapshot(t, f)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed while every caller was refused:\nbefore %.600s\nafter  %.600s", k, v, after[k])
		}
	}
	entries, err := f.db.FindAuditEntries(ctx, kehoach.AuditFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Seq <= lastSeq {
			continue
		}
		// Callers may change their own things: their sessions, calendar feeds, the
		// notices they read, and obstacles they raise as themselves for
		// their own unit (checked below).
		if strings.HasPrefix(e.Action, "calendar") || strings.HasPrefix(e.Action, "notice") || strings.HasPrefix(e.Action, "session") ||
			e.Action == "notification.read_all" && e.Entity == "person" && e.ActorID == e.EntityID {
			continue
		}
		if e.Action == "obstacle.raise" {
			o, err := f.db.FindObstacleByID(kehoach.NewContextWithActor(ctx, kehoach.SystemActor("kiểm thử")), e.EntityID)
			if err == nil && o.UnitID == "u-pkhtc" {
				continue
			}
		}
		t.Errorf("audit entry made while callers were refused: %s by %s on %s %s: %s", e.Action, e.ActorName, e.Entity, e.EntityID, e.Summary)
	}

	// The owners reach the same ids: they are real. Reads go first and
	// deletions last, so that each id still exists when it is read.
	phase := func(p string) int {
		switch {
		case strings.HasPrefix(p, "DELETE ") || strings.HasSuffix(p, "/delete"):
			return 2
		case strings.HasPrefix(p, "GET ") || !strings.Contains(p, " "):
			return 0
		}
		return 1
	}
	ordered := slices.Clone(routes)
	slices.SortStableFunc(ordered, func(a, b string) int { return phase(a) - phase(b) })
	for _, pattern := range ordered {
		row := rightsTable[pattern]
		method, _, ok := strings.Cut(pattern, " ")
		if !ok {
			method = "GET"
		}
		path := row.path
		if row.ownerPath != "" {
			path = row.ownerPath
		}
		path = ids.fill(path)
		if row.ownerForm != "" {
			row.form = row.ownerForm
		}
		ct, body := row.request(t, ids, pattern)
		status, _, got := f.do(row.owner, method, path, ct, body, nil)
		if pattern == "POST /logout" {
			delete(f.client, row.owner)
		}
		if !slices.Contains(row.ownerWant, status) {
			t.Errorf("%s as its owner %q (%s %s): status %d, want one of %v\n%.300s", pattern, row.owner, method, path, status, row.ownerWant, got)
		}
	}
}

// issueBody is a well-formed issue request: the API refuses a body that does
// not match its schema before it looks at who sends it.
const issueBody = `{"recipientUnitIds":["u-pkhtc"],"ackDays":5,"briefDays":10,"issuedOn":"2023-05-22"}`
