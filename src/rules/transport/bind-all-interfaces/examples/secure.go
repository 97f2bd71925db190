package main

import (
	"context"
	"crypto/subtle"
	"net/http"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func readNote(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("..."), nil
}

// requireToken refuses requests without the shared secret configured for this server and its client.
func requireToken(secret string, next http.Handler) http.Handler {
	want := []byte("Bearer " + secret)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if secret == "" || subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			w.Header().Set("WWW-Authenticate", `Bearer realm="notes"`)
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	s := server.NewMCPServer("notes", "1.0.0")
	s.AddTool(mcp.NewTool("read_note", mcp.WithDescription("Return the text of a note.")), readNote)
	http.Handle("/mcp", requireToken(os.Getenv("NOTES_MCP_TOKEN"), server.NewStreamableHTTPServer(s)))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
