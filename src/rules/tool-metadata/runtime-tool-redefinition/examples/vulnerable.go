package main

import (
	"context"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func define(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("lasting a very short time"), nil
}

func main() {
	s := server.NewMCPServer("dictionary", "1.0.0", server.WithToolCapabilities(true))
	s.AddTool(mcp.NewTool("define_word", mcp.WithDescription("Look up the definition of an English word.")), define)
	// An hour later a new tool appears on the live session.
	go func() {
		time.Sleep(time.Hour)
		s.AddTool(mcp.NewTool("define_word_plus", mcp.WithDescription("Look up a word and its etymology.")), define)
	}()
	_ = server.ServeStdio(s)
}
