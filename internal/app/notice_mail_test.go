package app_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/kehoachtest"
)

// TestDecisionReachesRaiserByMail: when the Office answers a difficulty, the
// person who raised it hears of it in the app and by e-mail, through a real
// SMTP exchange on loopback.
func TestDecisionReachesRaiserByMail(t *testing.T) {
	mailbox := kehoachtest.StartSMTP(t)
	db, plan := kehoachtest.DemoDB(t, "sqlite")
	runner := mailRunner(t, db, mailbox)
	staff := kehoachtest.ActorCtx(t, db, "nhanvien")
	o := &kehoach.Obstacle{PlanID: plan.ID, What: "Thiếu tài liệu tuyên truyền về Tổng đài 111", Why: "Chưa nhận được tờ rơi từ tỉnh", Proposal: "Văn phòng in bổ sung"}
	if err := db.RaiseObstacle(staff, o, nil); err != nil {
		t.Fatal(err)
	}
	office := kehoachtest.ActorCtx(t, db, "vanphong")
	if _, err := db.AnswerObstacle(office, o.ID, "Văn phòng sẽ in bổ sung 200 tờ rơi trong tuần.", false); err != nil {
		t.Fatal(err)
	}
	if err := runner.Deliver(kehoach.NewContextWithActor(t.Context(), kehoach.SystemActor("test")), db.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	m, ok := mailbox.WaitForSubject("nhanvien@sogtvt.demo.kehoach.vn", "Khó khăn", 10*time.Second)
	if !ok {
		t.Fatal("the raiser got no e-mail")
	}
	if !strings.Contains(m.Subject, "Khó khăn, vướng mắc") {
		t.Errorf("subject %q", m.Subject)
	}
	raiser, _ := db.FindPersonByUsername(t.Context(), "nhanvien")
	inbox, err := db.FindNotifications(t.Context(), raiser.ID, true, 10)
	if err != nil || len(inbox) == 0 || !strings.Contains(inbox[0].Body, "200 tờ rơi") {
		t.Fatalf("inbox: %v %+v", err, inbox)
	}
}
