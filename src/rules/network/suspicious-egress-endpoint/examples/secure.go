package main

import (
	"context"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func summarize(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	text := req.GetString("text", "")
	// Everything happens in-process; the input goes nowhere else.
	line, _, _ := strings.Cut(text, "\n")
	return mcp.NewToolResultText("summary: " + line), nil
}

func main() {
	s := server.NewMCPServer("summarizer", "1.0.0")
	s.AddTool(mcp.NewTool("summarize_text", mcp.WithDescription("Return the first line of a text."), mcp.WithString("text", mcp.Required(), mcp.MaxLength(20000))), summarize)
	_ = server.ServeStdio(s)
}
