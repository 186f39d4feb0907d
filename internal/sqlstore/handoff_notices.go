package sqlstore

import (
	"strings"

	"github.com/kehoach/kehoach"
	"github.com/kehoach/kehoach/internal/notify"
)

// handoff is a notice that the work has moved on to someone: it names the
// plan, the unit and what to do, and links to where it is done.
type handoff struct {
	PlanID, UnitID string
	// Step names the kind of handoff in the e-mail queue ("report.submit").
	Step        string
	Title, Body string
	Link        string
}

// recipient is a person a handoff goes to.
type recipient struct{ id, name, email string }

// peopleWith returns the active people holding one of roles, in the units
// for which within says yes (every unit when within is nil), in a stable
// order.
func (tx *Tx) peopleWith(within func(unitID string) bool, roles ...kehoach.Role) ([]recipient, error) {
	people, err := tx.activePeople()
	if err != nil {
		return nil, err
	}
	var out []recipient
	for _, p := range people {
		if within != nil && !within(p.UnitID) {
			continue
		}
		for _, r := range roles {
			if p.HasRole(r) {
				out = append(out, recipient{p.ID, p.FullName, p.Email})
				break
			}
		}
	}
	return out, nil
}

// activePeople returns the active people in a stable order, read once per
// transaction unless it writes people or units.
func (tx *Tx) activePeople() ([]*kehoach.Person, error) {
	if tx.org != nil && tx.org.active != nil {
		return tx.org.active, nil
	}
	rows, err := tx.query(`SELECT `+personCols+` FROM people WHERE active = ? ORDER BY full_name, id`, true)
	if err != nil {
		return nil, err
	}
	people, err := scanAll(rows, nil, scanPerson)
	if err != nil {
		return nil, err
	}
	if people == nil {
		people = []*kehoach.Person{}
	}
	tx.orgMemo().active = people
	return people, nil
}

// officeOf returns the Office people of the agency the unit belongs to.
func (tx *Tx) officeOf(unitID string) ([]recipient, error) {
	return tx.agencyPeople(unitID, kehoach.RoleOffice)
}

// agencyPeople returns the people holding role in the agency of unitID.
func (tx *Tx) agencyPeople(unitID string, role kehoach.Role) ([]recipient, error) {
	tree, err := tx.obstacleTree()
	if err != nil {
		return nil, err
	}
	agency := tree.AgencyOf(unitID)
	return tx.peopleWith(func(id string) bool { return agency == nil || tree.IsWithin(id, agency.ID) }, role)
}

// headsOf returns the heads of a unit; its staff when it has no head.
func (tx *Tx) headsOf(unitID string) ([]recipient, error) {
	in := func(id string) bool { return id == unitID }
	heads, err := tx.peopleWith(in, kehoach.RoleUnitHead)
	if err != nil || len(heads) > 0 {
		return heads, err
	}
	return tx.peopleWith(in, kehoach.RoleStaff)
}

// tell puts h in the inbox of each of to, once per person however many
// roles or lists bring them in and never to the person acting, and queues
// it by e-mail for those with an address when a mail server is set.
func (tx *Tx) tell(h handoff, to ...[]recipient) error {
	seen := map[string]bool{tx.Actor.ID(): true}
	for _, list := range to {
		for _, p := range list {
			if p.id == "" || seen[p.id] {
				continue
			}
			seen[p.id] = true
			if err := tx.tellOne(h, p); err != nil {
				return err
			}
		}
	}
	return nil
}

// tellOne puts h in p's inbox and queues its e-mail.
func (tx *Tx) tellOne(h handoff, p recipient) error {
	if err := insertNotification(tx, &notify.Notification{PersonID: p.id, PlanID: h.PlanID, UnitID: h.UnitID, Title: h.Title, Body: h.Body, Link: h.Link}); err != nil {
		return err
	}
	if p.email == "" || !tx.db.Mail {
		return nil
	}
	_, err := tx.enqueueReminders([]*notify.Reminder{{Key: h.Step + "|" + NewID() + "|" + p.id + "|email", PlanID: h.PlanID, UnitID: h.UnitID,
		Step: h.Step, Level: notify.LevelUnit, Recipient: p.id, RecipientName: p.name, Email: p.email, Channel: notify.ChannelEmail,
		Reason: h.Title, Subject: h.Title, Message: h.Body, Link: h.Link}})
	return err
}

// sentence ends s with a full stop unless it ends with a mark of its own.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s[len(s)-1:], ".!?…)") {
		return s
	}
	return s + "."
}
