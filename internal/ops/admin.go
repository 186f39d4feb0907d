package ops

import (
	"github.com/kehoach/kehoach/internal/notify"
)

// NewReminders builds the runner that sends reminders and notices from this
// service's database through mailer (nil: none by e-mail). Pass it to
// [Service.SetReminders] to deliver notices right after each change.
func (s *Service) NewReminders(mailer notify.Mailer, cfg notify.RunnerConfig) *notify.Runner {
	if cfg.Clock == nil {
		cfg.Clock = s.Clock()
	}
	return notify.NewRunner(s.store, s.store.ReminderSource(), mailer, cfg)
}
