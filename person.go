package kehoach

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Role is what a person may do in kehoach.
type Role string

// The roles (see DESIGN.md).
const (
	RoleDirector Role = "director"  // Giám đốc: approves, decides on obstacles
	RoleOffice   Role = "office"    // Văn phòng: imports, assigns, monitors, reports
	RoleUnitHead Role = "unit_head" // Trưởng phòng / đơn vị: briefs, reports
	RoleStaff    Role = "staff"     // cán bộ: records work, raises obstacles
	RoleSuperior Role = "superior"  // cơ quan cấp trên: receives reports
	RoleAdmin    Role = "admin"     // quản trị: organisation and people
)

// Roles lists every role.
var Roles = []Role{RoleDirector, RoleOffice, RoleUnitHead, RoleStaff, RoleSuperior, RoleAdmin}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Person is someone who logs in to kehoach.
type Person struct {
	ID       string `json:"id"`
	Username string `json:"username"`
	FullName string `json:"fullName"`
	Title    string `json:"title"`
	UnitID   string `json:"unitId"`
	Roles    []Role `json:"roles"`
	Email    string `json:"email"`
	Phone    string `json:"phone"`
	Active   bool   `json:"active"`
	// PasswordHash is the encoded slow hash; never shown.
	PasswordHash string    `json:"-"`
	CreatedAt    time.Time `json:"createdAt"`
	UpdatedAt    time.Time `json:"updatedAt"`
}

// HasRole reports whether the person has role r.
func (p *Person) HasRole(r Role) bool { return p != nil && slices.Contains(p.Roles, r) }

var usernameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{1,39}$`)
var phoneRE = regexp.MustCompile(`^[0-9 +().-]{6,20}$`)

// Validate checks the person's fields.
func (p *Person) Validate() error {
	f := problems{}
	p.Username = FoldUsername(p.Username)
	p.FullName = strings.TrimSpace(p.FullName)
	p.Email = strings.TrimSpace(p.Email)
	if !usernameRE.MatchString(p.Username) {
		f["username"] = "Tên đăng nhập gồm 2–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới."
	}
	f.required("fullName", p.FullName, 100, "Họ và tên không được để trống.", "Họ và tên dài quá 100 ký tự.")
	f.maxLen("title", p.Title, 100, "Chức vụ dài quá 100 ký tự.")
	if p.Email != "" {
		if !ValidEmail(p.Email) {
			f["email"] = "Địa chỉ thư điện tử không hợp lệ."
		}
	}
	if p.Phone != "" && !phoneRE.MatchString(p.Phone) {
		f["phone"] = "Số điện thoại không hợp lệ."
	}
	if p.UnitID == "" {
		f["unitId"] = "Chọn đơn vị công tác."
	}
	if len(p.Roles) == 0 {
		f["roles"] = "Chọn ít nhất một vai trò."
	}
	for _, r := range p.Roles {
		if !r.Valid() {
			f["roles"] = "Vai trò không hợp lệ: " + string(r) + "."
		}
	}
	return f.err()
}

// ValidatePassword checks a new password.
func ValidatePassword(pw string) error {
	n := utf8.RuneCountInString(pw)
	if n < 8 {
		return Invalid(map[string]string{"password": "Mật khẩu phải có ít nhất 8 ký tự."})
	}
	if n > 200 {
		return Invalid(map[string]string{"password": "Mật khẩu dài quá 200 ký tự."})
	}
	return nil
}

// PersonFilter selects people; nil fields are not filtered on.
type PersonFilter struct {
	UnitID   *string
	Username *string
	Role     *Role
}

// PersonService reads and changes people, and checks their passwords.
type PersonService interface {
	FindPeople(ctx context.Context, f PersonFilter) ([]*Person, error)
	FindPersonByID(ctx context.Context, id string) (*Person, error)
	FindPersonByUsername(ctx context.Context, username string) (*Person, error)
	CreatePerson(ctx context.Context, p *Person, password string) error
	UpdatePerson(ctx context.Context, p *Person) error
	SetPassword(ctx context.Context, personID, password string) error
}
