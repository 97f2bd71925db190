package main

import (
	"context"
	"fmt"
	"math/rand"
	"net/http"
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

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "word-tools", Version: "1.0.0"}, &mcp.ServerOptions{
		// math/rand is predictable; leaving GetSessionID unset would use crypto/rand.
		GetSessionID: func() string { return fmt.Sprintf("%016x", rand.Uint64()) },
	})
	mcp.AddTool(server, &mcp.Tool{Name: "count_words", Description: "Count the words of a text."}, countWords)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	_ = http.ListenAndServe("127.0.0.1:8080", handler)
}
