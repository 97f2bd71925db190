package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var terms = map[string]string{"mcp": "Model Context Protocol", "rpc": "remote procedure call"}

func define(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	term := strings.ToLower(req.GetString("term", ""))
	// Diagnostics go to stderr; stdout belongs to the protocol.
	fmt.Fprintln(os.Stderr, "looking up", term)
	if text, ok := terms[term]; ok {
		return mcp.NewToolResultText(text), nil
	}
	return mcp.NewToolResultText("unknown term"), nil
}

func main() {
	s := server.NewMCPServer("glossary", "1.0.0")
	s.AddTool(mcp.NewTool("define", mcp.WithDescription("Explain a term from the team glossary."), mcp.WithString("term", mcp.Required(), mcp.MaxLength(64))), define)
	_ = server.ServeStdio(s)
}
