package api

import (
	"net/http"
	"strconv"

	"github.com/kehoach/kehoach"
)

// listNotifications lists a page (?page=, from 1) of the caller's
// notifications, newest first, with how many are unread.
func (d Deps) listNotifications(w http.ResponseWriter, r *http.Request, a *kehoach.Actor) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	list, err := d.Ops.NotificationList(r.Context(), a, page)
	return answer(w, http.StatusOK, list, err)
}
