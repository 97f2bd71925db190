// Consent page of the MCP server's OAuth proxy: a signed-in user approves an MCP client.
package consent

import (
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
	"github.com/gorilla/sessions"
)

var store = sessions.NewCookieStore([]byte(os.Getenv("SESSION_KEY")))

func approve(w http.ResponseWriter, r *http.Request) {
	s, _ := store.Get(r, "session")
	if s.Values["user"] == nil {
		http.Error(w, "sign in first", http.StatusUnauthorized)
		return
	}
	approveClient(s.Values["user"].(string), r.FormValue("client_id"))
	w.WriteHeader(http.StatusNoContent)
}

func Routes() http.Handler {
	r := chi.NewRouter()
	r.Post("/oauth/consent", approve)
	// Go 1.25: rejects cross-origin state-changing requests using Sec-Fetch-Site and Origin.
	return http.NewCrossOriginProtection().Handler(r)
}
