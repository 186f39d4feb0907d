package api

// rollup answers the roll-up of a plan: the agencies implementing it and
// their figures.
func (d Deps) rollup() handler { return onPath(d.Ops.Rollup) }
