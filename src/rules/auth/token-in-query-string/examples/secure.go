package main

import (
	"context"
	"crypto/subtle"
	"net/http"
	"os"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var notesToken = []byte(os.Getenv("NOTES_TOKEN"))

func noteTitles(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	folder := req.GetString("folder", "inbox")
	return mcp.NewToolResultText(folder + "/todo\n" + folder + "/ideas"), nil
}

func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		supplied := []byte(strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer "))
		if subtle.ConstantTimeCompare(supplied, notesToken) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="notes"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	s := server.NewMCPServer("notes", "1.0.0")
	s.AddTool(mcp.NewTool("note_titles",
		mcp.WithDescription("List the note titles of a folder."),
		mcp.WithString("folder", mcp.Pattern(`^[\w-]+$`)),
	), noteTitles)
	http.Handle("/mcp", requireToken(server.NewStreamableHTTPServer(s)))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
