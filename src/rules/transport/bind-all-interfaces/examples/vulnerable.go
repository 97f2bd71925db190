package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func readNote(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("..."), nil
}

func main() {
	s := server.NewMCPServer("notes", "1.0.0")
	s.AddTool(mcp.NewTool("read_note", mcp.WithDescription("Return the text of a note.")), readNote)
	// ":8080" has no host part, so the listener accepts connections on every interface.
	_ = server.NewStreamableHTTPServer(s).Start(":8080")
}
