package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var s = server.NewMCPServer("catalog", "1.0.0", server.WithToolCapabilities(true))

func reload(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// The tool set may now differ, but the server still reports version 1.0.0.
	s.SendNotificationToAllClients(mcp.MethodNotificationToolsListChanged, nil)
	return mcp.NewToolResultText("reloaded"), nil
}

func main() {
	s.AddTool(mcp.NewTool("reload_catalog", mcp.WithDescription("Re-read the product catalog.")), reload)
	_ = server.ServeStdio(s)
}
