package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func stockLevel(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("42"), nil
}

func main() {
	s := server.NewMCPServer("inventory", "1.0.0")
	s.AddTool(mcp.NewTool("stock_level", mcp.WithDescription("Units of an item left in the warehouse.")), stockLevel)
	// No host part: every interface, and nothing checks the caller.
	_ = server.NewStreamableHTTPServer(s).Start(":8080")
}
