package kehoach

// inheritsPlan reports whether the actor reads the plan through the
// organisation's history: the Office, the Director and the admin of an
// agency read the plans of the agencies it succeeded (their records pass to
// it), and whoever made a plan for a successor agency (a next year's copy)
// reads it.
func (a *Actor) inheritsPlan(p *Plan) bool {
	if a == nil || a.Person == nil || a.Tree == nil {
		return false
	}
	if p.CreatedBy != "" && p.CreatedBy == a.ID() && a.Has(RoleOffice) {
		return true
	}
	if !(a.Has(RoleOffice) || a.Has(RoleDirector) || a.Has(RoleAdmin)) {
		return false
	}
	ag := a.AgencyID()
	return ag != "" && a.Tree.predecessorOf(p.AgencyID, ag)
}

// CanCopyPlan reports whether the actor may make next year's draft of the
// plan: the Office of its agency, or of an agency that succeeded it.
func (a *Actor) CanCopyPlan(p *Plan) bool {
	if a.CanEditPlan(p.AgencyID) {
		return true
	}
	ag := a.AgencyID()
	return a.Has(RoleOffice) && ag != "" && a.Tree != nil && a.Tree.predecessorOf(p.AgencyID, ag)
}
