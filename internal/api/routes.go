package api

import "net/http"

// NewHandler returns the API handler; mount it at /api/v1/.
func NewHandler(d Deps) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = w.Write(openAPIDoc)
	})
	mux.Handle("GET /api/v1/me", d.authed(d.getMe))
	mux.Handle("GET /api/v1/plans", d.authed(d.listPlans))
	mux.Handle("GET /api/v1/plans/{id}", d.authed(d.getPlan))
	mux.Handle("GET /api/v1/plans/{id}/audit", d.authed(d.planAudit))
	mux.Handle("GET /api/v1/plans/{id}/obligations", d.authed(d.listObligations))
	mux.Handle("GET /api/v1/plans/{id}/tasks", d.authed(d.listTasks))
	mux.Handle("POST /api/v1/plans/{id}/tasks", d.authed(d.createTask))
	mux.Handle("PUT /api/v1/tasks/{id}", d.authed(d.updateTask))
	mux.Handle("POST /api/v1/plans/{id}/issue", d.authed(d.issuePlan))
	mux.Handle("POST /api/v1/plans/{id}/acknowledgements", d.authed(d.acknowledge))
	mux.Handle("POST /api/v1/plans/{id}/briefings", d.authed(d.recordBriefing))
	mux.Handle("GET /api/v1/plans/{id}/monitoring", d.authed(d.monitoring))
	mux.Handle("GET /api/v1/plans/{id}/indicator-values", d.authed(d.planValues))
	mux.Handle("GET /api/v1/obligations/{id}/report", d.authed(d.getReport))
	mux.Handle("PUT /api/v1/obligations/{id}/report", d.authed(d.saveReport))
	mux.Handle("POST /api/v1/obligations/{id}/review", d.authed(d.reviewReport))
	mux.Handle("GET /api/v1/indicators", d.authed(d.listIndicators))
	mux.Handle("PUT /api/v1/plans/{id}/targets", d.authed(d.putTargets))
	mux.Handle("GET /api/v1/plans/{id}/reminder-rule", d.authed(d.getRule))
	mux.Handle("PUT /api/v1/plans/{id}/reminder-rule", d.authed(d.putRule))
	mux.Handle("GET /api/v1/units", d.authed(d.listUnits))
	mux.Handle("GET /api/v1/people", d.authed(d.listPeople))
	mux.Handle("POST /api/v1/people", d.authed(d.createPerson))
	d.summaryRoutes(mux)
	d.commsRoutes(mux)
	mux.Handle("GET /api/v1/plans/{id}/obstacles", d.authed(d.listObstacles))
	mux.Handle("POST /api/v1/plans/{id}/obstacles", d.authed(d.raiseObstacle))
	mux.Handle("GET /api/v1/obstacles/{id}", d.authed(d.getObstacle))
	mux.Handle("POST /api/v1/obstacles/{id}/merge", d.authed(d.mergeObstacle()))
	mux.Handle("POST /api/v1/obstacles/{id}/assess", d.authed(d.assessObstacle()))
	mux.Handle("POST /api/v1/obstacles/{id}/escalate", d.authed(d.escalateObstacle()))
	mux.Handle("POST /api/v1/obstacles/{id}/answer", d.authed(d.answerObstacle()))
	mux.Handle("POST /api/v1/obstacles/{id}/decide", d.authed(d.decideObstacle()))
	mux.Handle("POST /api/v1/obstacles/{id}/confirm", d.authed(d.confirmObstacle()))
	mux.Handle("/api/v1/", d.authed(d.notFound))
	return mux
}
