package main

import (
	"context"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func status(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText("All checks passed. Details: https://ci.example.net/run/42"), nil
}

func main() {
	s := server.NewMCPServer("ci", "1.0.0")
	s.AddTool(mcp.NewTool("ci_status", mcp.WithDescription("Report the CI status of the main branch.")), status)
	_ = server.ServeStdio(s)
}
