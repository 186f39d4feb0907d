package kehoach

// Actor is the person making a request, with what is needed to decide what
// they may do: their unit and the organisation tree. Every decision about
// rights is made by a method of Actor, here and nowhere else.
type Actor struct {
	Person *Person
	Tree   *OrgTree
	// Via tells how the actor authenticated: "session", "token" or "system".
	Via string
	// Unread is how many of the person's notifications were unread, read
	// in the same statement as the session; nil when not read with it.
	Unread *int
}

// SystemActor returns an actor for changes made by kehoach itself or the
// command line (demo loading, migrations, scheduled reminders).
func SystemActor(name string) *Actor {
	return &Actor{Person: &Person{ID: "", Username: "system", FullName: name, Roles: []Role{RoleAdmin, RoleOffice}}, Via: "system"}
}

// person returns the actor's person, or nil.
func (a *Actor) person() *Person {
	if a == nil {
		return nil
	}
	return a.Person
}

// ID returns the person's id ("" for the system).
func (a *Actor) ID() string {
	if p := a.person(); p != nil {
		return p.ID
	}
	return ""
}

// Name returns the name to show in the audit trail.
func (a *Actor) Name() string {
	if p := a.person(); p != nil {
		return p.FullName
	}
	return "hệ thống"
}

// Has reports whether the actor has role r.
func (a *Actor) Has(r Role) bool { return a != nil && a.Person.HasRole(r) }

// IsSystem reports whether the actor is kehoach itself.
func (a *Actor) IsSystem() bool { return a != nil && a.Via == "system" }

// UnitID returns the actor's own unit.
func (a *Actor) UnitID() string {
	if p := a.person(); p != nil {
		return p.UnitID
	}
	return ""
}

// AgencyID returns the agency the actor works in, or "".
func (a *Actor) AgencyID() string {
	if a == nil || a.Tree == nil {
		return ""
	}
	if ag := a.Tree.AgencyOf(a.UnitID()); ag != nil {
		return ag.ID
	}
	return ""
}

// sameAgency reports whether unitID belongs to the actor's agency.
func (a *Actor) sameAgency(unitID string) bool {
	ag := a.AgencyID()
	return ag != "" && a.Tree.IsWithin(unitID, ag)
}

// CanAdminister reports whether the actor manages the organisation and people.
func (a *Actor) CanAdminister() bool { return a.IsSystem() || a.Has(RoleAdmin) }

// CanSeeOrganisation reports whether the actor may read the organisation tree.
// Everyone logged in may: it is what the agency publishes anyway.
func (a *Actor) CanSeeOrganisation() bool { return a != nil && a.Person != nil }

// CanReadPeople reports whether the actor may read the list of people with
// their contact details.
func (a *Actor) CanReadPeople() bool {
	return a.CanAdminister() || a.Has(RoleOffice) || a.Has(RoleDirector)
}

// CanReadPlan reports whether the actor may read the plan. The Office, the
// Director and the admin read every plan of their agency; units read plans
// of their agency once issued; a superior reads issued plans that report to
// its unit or that belong to an agency under it; the Office and the
// Director also read the issued plans of the bodies above their agency.
func (a *Actor) CanReadPlan(p *Plan) bool {
	if a == nil || p == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	if a.sameAgency(p.AgencyID) {
		if a.Has(RoleOffice) || a.Has(RoleDirector) || a.Has(RoleAdmin) {
			return true
		}
		return p.Status != PlanDraft
	}
	if a.inheritsPlan(p) {
		return true
	}
	if a.readsFromAbove(p) {
		return true
	}
	return a.isSuperiorOf(p)
}

// readsFromAbove reports whether p is an issued plan of a body above the
// actor's agency (the province's plan the agency implements) and the actor
// is its Office or Director.
func (a *Actor) readsFromAbove(p *Plan) bool {
	ag := a.AgencyID()
	return ag != "" && p.Status != PlanDraft && p.AgencyID != ag && a.Tree.IsWithin(ag, p.AgencyID) &&
		(a.Has(RoleOffice) || a.Has(RoleDirector))
}

// isSuperiorOf reports whether the actor is a superior of the issued plan
// p: its unit receives the plan's results or is above the plan's agency.
func (a *Actor) isSuperiorOf(p *Plan) bool {
	if !a.Has(RoleSuperior) || p.Status == PlanDraft || a.Tree == nil {
		return false
	}
	if p.ReportToUnitID != "" && a.Tree.IsWithin(p.ReportToUnitID, a.UnitID()) {
		return true
	}
	return a.Tree.IsWithin(p.AgencyID, a.UnitID())
}

// CanSeeRollup reports whether the actor may see the roll-up of plan p
// (the agencies implementing it and their figures): the Office and the
// Director of its agency, and a superior whose unit issued the plan or
// receives its results.
func (a *Actor) CanSeeRollup(p *Plan) bool {
	if !a.CanReadPlan(p) {
		return false
	}
	return a.IsSystem() || a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID) || a.isSuperiorOf(p)
}

// CanReadResultReport reports whether the actor may read plan p's result
// report: the Office and the Director of its agency (every version, drafts
// included, see [Actor.CanReadDraftResultReport]), and a superior of the
// plan, who sees its finalised versions only.
func (a *Actor) CanReadResultReport(p *Plan) bool {
	return a.CanReadDraftResultReport(p) || a.isSuperiorOf(p)
}

// CanReadDraftResultReport reports whether the actor may read the drafts of
// plan p's result report: the Office and the Director of its agency.
func (a *Actor) CanReadDraftResultReport(p *Plan) bool {
	return a.CanEditPlan(p.AgencyID) || a.CanDecide(p.AgencyID)
}

// CanEditPlan reports whether the actor may create, import, change or issue
// plans of the agency: the Office's work.
func (a *Actor) CanEditPlan(agencyID string) bool {
	if a.IsSystem() {
		return true
	}
	return a.Has(RoleOffice) && a.sameAgency(agencyID)
}

// CanReadUnitWork reports whether the actor may read what a unit reported or
// was asked to do: the unit itself (its head and staff), and the Office and
// Director of its agency.
func (a *Actor) CanReadUnitWork(unitID string) bool {
	if a == nil || a.Person == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	if (a.Has(RoleOffice) || a.Has(RoleDirector)) && a.sameAgency(unitID) {
		return true
	}
	if (a.Has(RoleUnitHead) || a.Has(RoleStaff)) && a.Tree != nil && a.Tree.IsWithin(unitID, a.UnitID()) {
		return true
	}
	return false
}

// CanChangeUnitWork reports whether the actor may change a unit's work
// (acknowledge, brief, submit a report): the unit's head, and the Office of
// its agency acting on the unit's behalf.
func (a *Actor) CanChangeUnitWork(unitID string) bool {
	if a == nil || a.Person == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	if a.Has(RoleOffice) && a.sameAgency(unitID) {
		return true
	}
	return a.HeadsUnit(unitID)
}

// CanDecide reports whether the actor decides on escalated matters of the
// agency: the Director.
func (a *Actor) CanDecide(agencyID string) bool {
	return a.Has(RoleDirector) && a.sameAgency(agencyID)
}

// CanRaiseObstacle reports whether the actor may raise a difficulty on the
// plan: anyone logged in who works in the plan's agency and may read it.
func (a *Actor) CanRaiseObstacle(p *Plan) bool {
	if a == nil || p == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	return a.sameAgency(p.AgencyID) && a.CanReadPlan(p) && p.Status != PlanDraft
}

// CanRaiseForUnit reports whether the actor may raise a difficulty on
// behalf of the unit (not only as an individual): its head.
func (a *Actor) CanRaiseForUnit(unitID string) bool {
	if a.IsSystem() {
		return true
	}
	return a.HeadsUnit(unitID)
}

// HeadsUnit reports whether the actor is the head of the unit or of a unit
// above it: the unit's work waits for them.
func (a *Actor) HeadsUnit(unitID string) bool {
	return a.Has(RoleUnitHead) && a.Tree != nil && a.Tree.IsWithin(unitID, a.UnitID())
}

// CanSeeObstacle reports whether the actor may see the obstacle and the
// decision on it: the Office and the Director of its agency, the person who
// raised it, the people of its unit, and — when the Office shared it —
// everyone in the agency.
func (a *Actor) CanSeeObstacle(o *Obstacle) bool {
	if a == nil || o == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	if a.Person == nil {
		return false
	}
	if o.RaisedByID != "" && o.RaisedByID == a.ID() {
		return true
	}
	if !a.sameAgency(o.AgencyID) {
		return false
	}
	if a.Has(RoleOffice) || a.Has(RoleDirector) || o.Shared {
		return true
	}
	return (a.Has(RoleUnitHead) || a.Has(RoleStaff)) && a.Tree.IsWithin(o.UnitID, a.UnitID())
}

// CanConsolidate reports whether the actor consolidates the agency's
// difficulties (merges, groups, assesses, answers or escalates): the Office.
func (a *Actor) CanConsolidate(agencyID string) bool {
	if a.IsSystem() {
		return true
	}
	return a.Has(RoleOffice) && a.sameAgency(agencyID)
}

// CanConfirmObstacle reports whether the actor may say whether the answer
// solved the obstacle: the person who raised it, or the head of the unit it
// was raised for.
func (a *Actor) CanConfirmObstacle(o *Obstacle) bool {
	if a == nil || o == nil || a.Person == nil {
		return false
	}
	if a.IsSystem() {
		return true
	}
	if o.RaisedByID != "" && o.RaisedByID == a.ID() {
		return true
	}
	return o.ForUnit && a.CanRaiseForUnit(o.UnitID)
}

// CanFindTask reports whether search may show the actor the task: the plan
// is readable and the task is work of a unit whose work the actor reads
// (its lead or a supporting unit; the Office and the Director read all).
func (a *Actor) CanFindTask(p *Plan, t *Task) bool {
	if !a.CanReadPlan(p) || t == nil {
		return false
	}
	for _, u := range t.Units() {
		if a.CanReadUnitWork(u) {
			return true
		}
	}
	return false
}
