package main

import (
	"context"
	"crypto/subtle"
	"net/http"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type NoteInput struct {
	ID string `json:"id" jsonschema:"the note id"`
}

func readNote(ctx context.Context, req *mcp.CallToolRequest, in NoteInput) (*mcp.CallToolResult, any, error) {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "..."}}}, nil, nil
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
	server := mcp.NewServer(&mcp.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "read_note", Description: "Return the text of a note."}, readNote)
	// Localhost protection is on by default in go-sdk 1.4.0 and later.
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	_ = http.ListenAndServe("127.0.0.1:8080", requireToken(os.Getenv("NOTES_MCP_TOKEN"), handler))
}
