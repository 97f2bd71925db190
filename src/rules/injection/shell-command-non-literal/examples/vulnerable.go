package main

import (
	"context"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func gitLog(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	branch := req.GetString("branch", "main")
	out, err := exec.CommandContext(ctx, "sh", "-c", "git log --oneline -n 20 "+branch).Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func main() {
	s := server.NewMCPServer("git-helper", "1.0.0")
	s.AddTool(mcp.NewTool("repo_recent_commits", mcp.WithDescription("Show the last commits of a branch."), mcp.WithString("branch")), gitLog)
	_ = server.ServeStdio(s)
}
