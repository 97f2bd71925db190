package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"example.com/notes/notesauth"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type noteInput struct {
	Text string `json:"text" jsonschema:"the note to store"`
}

func addNote(ctx context.Context, req *mcp.CallToolRequest, in noteInput) (*mcp.CallToolResult, any, error) {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "saved"}}}, nil, nil
}

func authorize(w http.ResponseWriter, r *http.Request) {
	redirectURI := r.URL.Query().Get("redirect_uri")
	// A prefix check also accepts https://chat.example.com.attacker.net/...
	if !strings.HasPrefix(redirectURI, "https://chat.example.com") {
		http.Error(w, "invalid_request", http.StatusBadRequest)
		return
	}
	renderLogin(w, r)
}

func protectedResourceMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"resource":              "https://notes.example.com/mcp",
		"authorization_servers": []string{"https://auth.example.com"},
	})
}

// Every MCP request carries a bearer token issued for this server.
var protect = auth.RequireBearerToken(notesauth.Verify, &auth.RequireBearerTokenOptions{
	ResourceMetadataURL: "https://notes.example.com/.well-known/oauth-protected-resource",
})

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "add_note", Description: "Store a note for later."}, addNote)
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/oauth-protected-resource", protectedResourceMetadata)
	mux.Handle("/mcp", protect(mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)))
	mux.HandleFunc("/authorize", authorize)
	_ = http.ListenAndServe("127.0.0.1:8080", mux)
}
