package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"example.com/notes/notesauth"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type textInput struct {
	Text string `json:"text" jsonschema:"the text to count"`
}

func countWords(ctx context.Context, req *mcp.CallToolRequest, in textInput) (*mcp.CallToolResult, any, error) {
	n := len(strings.Fields(in.Text))
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: fmt.Sprint(n)}}}, nil, nil
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
	server := mcp.NewServer(&mcp.Implementation{Name: "word-tools", Version: "1.0.0"}, &mcp.ServerOptions{
		// 128 bits from crypto/rand (the SDK default, spelled out).
		GetSessionID: func() string { return rand.Text() },
	})
	mcp.AddTool(server, &mcp.Tool{Name: "count_words", Description: "Count the words of a text."}, countWords)
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/oauth-protected-resource", protectedResourceMetadata)
	mux.Handle("/mcp", protect(mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)))
	_ = http.ListenAndServe("127.0.0.1:8080", mux)
}
