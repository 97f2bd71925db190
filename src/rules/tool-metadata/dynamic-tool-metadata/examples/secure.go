package main

import (
	"context"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func search(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("no results"), nil
}

func main() {
	// Configuration may come from the environment; the text the model reads does not.
	index := os.Getenv("DOCS_INDEX")
	if index == "" {
		index = "docs.idx"
	}
	s := server.NewMCPServer("docs-search", "1.0.0")
	s.AddTool(mcp.NewTool("search_docs", mcp.WithDescription("Search the documentation and return the titles of matching pages.")), search)
	_ = server.ServeStdio(s)
}
