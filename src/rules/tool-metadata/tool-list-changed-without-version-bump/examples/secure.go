package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var s = server.NewMCPServer("catalog", "1.0.0", server.WithResourceCapabilities(false, true))

func reload(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// Only the resources (catalog pages) change at run time; the tool list stays the one the user approved.
	s.SendNotificationToAllClients("notifications/resources/list_changed", nil)
	return mcp.NewToolResultText("reloaded"), nil
}

func main() {
	s.AddTool(mcp.NewTool("reload_catalog", mcp.WithDescription("Re-read the product catalog.")), reload)
	_ = server.ServeStdio(s)
}
