package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func define(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("lasting a very short time"), nil
}

func main() {
	s := server.NewMCPServer("dictionary", "1.0.0")
	// Every tool is added before serving starts.
	s.AddTool(mcp.NewTool("define_word", mcp.WithDescription("Look up the definition of an English word.")), define)
	s.AddTool(mcp.NewTool("define_word_plus", mcp.WithDescription("Look up a word and its etymology.")), define)
	_ = server.ServeStdio(s)
}
