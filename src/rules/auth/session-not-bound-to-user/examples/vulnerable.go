package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"

	"example.com/notes/notesauth"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var (
	mu    sync.Mutex
	notes = map[string][]string{}
)

type recallInput struct{}

func recallNotes(ctx context.Context, req *mcp.CallToolRequest, in recallInput) (*mcp.CallToolResult, any, error) {
	mu.Lock()
	defer mu.Unlock()
	// Keyed by the session id alone: the notes follow the id, not the user.
	saved := notes[req.Session.ID()]
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: strings.Join(saved, "\n")}}}, nil, nil
}

func protectedResourceMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"resource":              "https://notes.example.com/mcp",
		"authorization_servers": []string{"https://auth.example.com"},
	})
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "recall_notes", Description: "Return the notes saved earlier in this session."}, recallNotes)
	protect := auth.RequireBearerToken(notesauth.Verify, &auth.RequireBearerTokenOptions{
		ResourceMetadataURL: "https://notes.example.com/.well-known/oauth-protected-resource",
	})
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/oauth-protected-resource", protectedResourceMetadata)
	mux.Handle("/mcp", protect(mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)))
	_ = http.ListenAndServe("127.0.0.1:8080", mux)
}
