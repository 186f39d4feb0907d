package web

import (
	"net/http"
	"net/url"
)

// NewHandler returns the handler of every page, with its static files.
func NewHandler(d Deps) (http.Handler, error) {
	s, err := newServer(d)
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /static/{hash}/{name}", s.static)
	mux.HandleFunc("GET /login", s.loginForm)
	mux.HandleFunc("POST /login", s.login)
	mux.HandleFunc("POST /logout", s.logout)
	mux.HandleFunc("GET /lang/{lang}", s.setLang)
	mux.Handle("GET /{$}", s.authed(s.home))
	mux.Handle("GET /plans", s.authed(s.planList))
	mux.Handle("GET /plans/import", s.authed(s.importPage))
	mux.Handle("POST /plans/import", s.authed(s.importUpload))
	mux.Handle("POST /plans/import/save", s.authed(s.importSave))
	mux.Handle("GET /plans/{id}", s.authed(s.planPage))
	mux.Handle("GET /plans/{id}/history", s.authed(s.planHistory))
	mux.Handle("GET /plans/{id}/issue", s.authed(s.issuePage))
	mux.Handle("POST /plans/{id}/issue", s.authed(s.issue))
	mux.Handle("GET /plans/{id}/tasks/new", s.authed(s.taskNew))
	mux.Handle("POST /plans/{id}/tasks", s.authed(s.taskCreate))
	mux.Handle("GET /tasks/{id}", s.authed(s.taskEdit))
	mux.Handle("POST /tasks/{id}", s.authed(s.taskUpdate))
	mux.Handle("POST /plans/{id}/acknowledge", s.authed(s.acknowledge))
	mux.Handle("GET /plans/{id}/briefing", s.authed(s.briefingPage))
	mux.Handle("POST /plans/{id}/briefing", s.authed(s.briefing))
	mux.Handle("GET /plans/{id}/monitoring", s.authed(s.monitoring))
	mux.Handle("GET /obligations/{id}/report", s.authed(s.reportPage))
	mux.Handle("POST /obligations/{id}/report", s.authed(s.reportSave))
	mux.Handle("POST /obligations/{id}/review", s.authed(s.reportReview))
	mux.Handle("GET /evidence/{id}", s.authed(s.evidence))
	mux.Handle("POST /plans/{id}/reminders", s.authed(s.remind))
	mux.Handle("GET /plans/{id}/targets", s.authed(s.targetsPage))
	mux.Handle("POST /plans/{id}/targets", s.authed(s.targetsSave))
	mux.Handle("GET /plans/{id}/reminder-rule", s.authed(s.rulePage))
	mux.Handle("POST /plans/{id}/reminder-rule", s.authed(s.ruleSave))
	mux.Handle("GET /notifications", s.authed(s.inbox))
	mux.Handle("POST /notifications/{id}/read", s.authed(s.markRead))
	mux.Handle("POST /calendar", s.authed(s.createFeed))
	mux.Handle("POST /calendar/{id}/revoke", s.authed(s.revokeFeed))
	mux.HandleFunc("GET /calendar/{file}", s.calendar)
	mux.Handle("GET /obstacles", s.authed(s.obstacleList))
	mux.Handle("POST /notices/read", s.authed(s.noticesRead))
	mux.Handle("GET /plans/{id}/obstacles", s.authed(s.planObstacles))
	mux.Handle("POST /plans/{id}/obstacles", s.authed(s.obstacleRaise))
	mux.Handle("GET /obstacles/{id}", s.authed(s.obstaclePage))
	mux.Handle("POST /obstacles/{id}/merge", s.authed(s.obstacleMerge()))
	mux.Handle("POST /obstacles/{id}/assess", s.authed(s.obstacleAssess()))
	mux.Handle("POST /obstacles/{id}/escalate", s.authed(s.obstacleEscalate()))
	mux.Handle("POST /obstacles/{id}/answer", s.authed(s.obstacleAnswer()))
	mux.Handle("POST /obstacles/{id}/decide", s.authed(s.obstacleDecide()))
	mux.Handle("POST /obstacles/{id}/confirm", s.authed(s.obstacleConfirm()))
	mux.Handle("GET /obstacle-files/{id}", s.authed(s.obstacleFile))
	mux.Handle("GET /org", s.authed(s.orgTree))
	mux.Handle("GET /indicators", s.authed(s.indicatorsPage))
	mux.Handle("POST /indicators", s.authed(s.indicatorSave))
	mux.Handle("GET /org/new", s.authed(s.unitNew))
	mux.Handle("POST /org", s.authed(s.unitSave))
	mux.Handle("GET /org/{id}", s.authed(s.unitEdit))
	mux.Handle("POST /org/{id}", s.authed(s.unitSave))
	mux.Handle("GET /people", s.authed(s.peopleList))
	mux.Handle("GET /people/new", s.authed(s.personNew))
	mux.Handle("POST /people", s.authed(s.personCreate))
	mux.Handle("GET /people/{id}", s.authed(s.personEdit))
	mux.Handle("POST /people/{id}", s.authed(s.personUpdate))
	s.commsRoutes(mux)
	s.summaryRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.renderError(w, r, notFound()) })
	return mux, nil
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

func urlPathEscape(s string) string { return url.PathEscape(s) }
