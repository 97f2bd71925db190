package main

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"net/http"
	"os"
	"strings"

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

func requireLaunchToken(token string, next http.Handler) http.Handler {
	want := []byte("Bearer " + token)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if subtle.ConstantTimeCompare([]byte(r.Header.Get("Authorization")), want) != 1 {
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	token := rand.Text()
	fmt.Fprintln(os.Stderr, "MCP token:", token)
	server := mcp.NewServer(&mcp.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "add_note", Description: "Store a note for later."}, addNote)
	mux := http.NewServeMux()
	mux.Handle("/mcp", requireLaunchToken(token, mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)))
	mux.HandleFunc("/authorize", authorize)
	_ = http.ListenAndServe("127.0.0.1:8080", mux)
}
