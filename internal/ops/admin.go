package ops

import (
	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// NewReminders builds the runner that sends reminders and notices from this
// service's database through mailer (nil: none by e-mail). Pass it to
// [Service.SetReminders] to deliver notices right after each change.
func (s *Service) NewReminders(mailer notify.Mailer, cfg notify.RunnerConfig) *notify.Runner {
	if cfg.Clock == nil {
		cfg.Clock = s.Clock()
	}
	// Notices are queued for e-mail only when there is a server to send
	// them; without one, e-mail is simply off.
	s.store.Mail = mailer != nil
	return notify.NewRunner(s.store, s.store.ReminderSource(), mailer, cfg)
}

// MailOff says whether to tell a that e-mail is off: to an administrator,
// when no mail server is set. Notices then reach people in the app only.
func (s *Service) MailOff(a *kehoach.Actor) bool {
	return a.CanAdminister() && !s.store.Mail
}
