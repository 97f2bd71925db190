package main

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type noteInput struct {
	Text string `json:"text" jsonschema:"the note to store"`
}

func addNote(ctx context.Context, req *mcp.CallToolRequest, in noteInput) (*mcp.CallToolResult, any, error) {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "saved"}}}, nil, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "notes", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "add_note", Description: "Store a note for later."}, addNote)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	// Loopback only, but any local process can call add_note: the handler is not wrapped in any auth check.
	_ = http.ListenAndServe("127.0.0.1:8080", handler)
}
