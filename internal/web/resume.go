package web

import (
	"net/http"
	"slices"
	"strings"
)

// A form posted after the session expired is not lost: the login form
// keeps what was typed in hidden fields named keepPrefix+name, and after
// logging in a page offers to send it again to where it was going. The
// values only ever travel between the person's own browser and kehoach
// (a cross-site post is refused before it gets here), passwords are never
// kept, and sending again is a click on kehoach's own page, so the
// protection against cross-site requests holds.

// keepPrefix marks the login form's fields that carry a kept form.
const keepPrefix = "keep."

// maxKept is how much of an expired form is read to be kept.
const maxKept = 2 << 20

// keptField is one value of a form posted after the session expired.
type keptField struct {
	Name, Value string
}

// keptForm is a form posted after the session expired: its fields, whether
// it was sent as multipart (so it is sent again the same way) and whether
// files were dropped (they must be chosen again).
type keptForm struct {
	Fields       []keptField
	Multipart    bool
	FilesDropped bool
}

// keepField reports whether a field may be kept: never a password.
func keepField(name string) bool {
	return name != "" && !strings.Contains(strings.ToLower(name), "password")
}

// readExpiredForm reads what a form posted without a session carried.
func readExpiredForm(w http.ResponseWriter, r *http.Request) *keptForm {
	r.Body = http.MaxBytesReader(w, r.Body, maxKept)
	k := &keptForm{Multipart: strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")}
	if k.Multipart {
		_ = r.ParseMultipartForm(maxKept)
		if r.MultipartForm != nil {
			k.FilesDropped = len(r.MultipartForm.File) > 0
		}
	} else {
		_ = r.ParseForm()
	}
	k.add(r.PostForm, "")
	return k
}

// keptFromLogin reads the kept form the login form carries back.
func keptFromLogin(r *http.Request) *keptForm {
	k := &keptForm{Multipart: r.PostFormValue("keepMultipart") == "1", FilesDropped: r.PostFormValue("keepFiles") == "1"}
	k.add(r.PostForm, keepPrefix)
	return k
}

// add keeps the fields of form whose names start with prefix, in a stable
// order.
func (k *keptForm) add(form map[string][]string, prefix string) {
	var names []string
	for n := range form {
		if name, ok := strings.CutPrefix(n, prefix); ok && keepField(name) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	for _, n := range names {
		for _, v := range form[prefix+n] {
			k.Fields = append(k.Fields, keptField{Name: n, Value: v})
		}
	}
}

// loginAgain answers a form posted after the session expired: the login
// form, keeping what was typed, with the status 401.
func (s *server) loginAgain(w http.ResponseWriter, r *http.Request) {
	d := loginData{Next: localNext(r.URL.RequestURI()), Kept: readExpiredForm(w, r), Expired: true}
	s.render(w, r, http.StatusUnauthorized, "login", s.newPage(r, Translate(langOf(r), "Đăng nhập"), d))
}

// resumeData is the page that sends a kept form again after logging in.
type resumeData struct {
	Action string
	Kept   *keptForm
}

// resume shows, after logging in, the page that sends the kept form again.
func (s *server) resume(w http.ResponseWriter, r *http.Request, next string, k *keptForm) {
	s.render(w, r, http.StatusOK, "resume", s.newPage(r, Translate(langOf(r), "Gửi lại biểu mẫu"), resumeData{Action: next, Kept: k}))
}
