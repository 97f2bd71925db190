package main

import (
	"context"
	"io"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func robots(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// http.Get uses the default client, which has no timeout.
	resp, err := http.Get("https://www.example.com/robots.txt")
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
