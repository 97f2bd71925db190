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

type textInput struct {
	Text string `json:"text" jsonschema:"the text to count"`
}

func countWords(ctx context.Context, req *mcp.CallToolRequest, in textInput) (*mcp.CallToolResult, any, error) {
	n := len(strings.Fields(in.Text))
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: fmt.Sprint(n)}}}, nil, nil
}

// requireLaunchToken rejects requests that do not carry the token printed at start-up.
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
	server := mcp.NewServer(&mcp.Implementation{Name: "word-tools", Version: "1.0.0"}, &mcp.ServerOptions{
		// 128 bits from crypto/rand (the SDK's default, spelled out).
		GetSessionID: func() string { return rand.Text() },
	})
	mcp.AddTool(server, &mcp.Tool{Name: "count_words", Description: "Count the words of a text."}, countWords)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	_ = http.ListenAndServe("127.0.0.1:8080", requireLaunchToken(token, handler))
}
