package main

import (
	"context"
	"io"
	"net/http"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var client = &http.Client{Timeout: 10 * time.Second}

func robots(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// The request follows the MCP call's context, and the client bounds it to ten seconds.
	get, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://www.example.com/robots.txt", nil)
	if err != nil {
		return mcp.NewToolResultError("bad request"), nil
	}
	resp, err := client.Do(get)
	if err != nil {
		return mcp.NewToolResultError("could not fetch robots.txt"), nil
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	return mcp.NewToolResultText(string(body)), nil
}

func main() {
	s := server.NewMCPServer("robots", "1.0.0")
	s.AddTool(mcp.NewTool("robots_rules", mcp.WithDescription("Show the robots.txt rules of example.com.")), robots)
	_ = server.ServeStdio(s)
}
