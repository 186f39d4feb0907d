package kehoach

// CanDecideAgencyReports reports whether the actor may accept or return
// the finalised result reports of the agencies implementing plan p, and
// draft the report on p drawn from those it accepted: a superior of the
// plan (whose unit receives its results or issued it).
func (a *Actor) CanDecideAgencyReports(p *Plan) bool {
	return a.IsSystem() || a.isSuperiorOf(p)
}
