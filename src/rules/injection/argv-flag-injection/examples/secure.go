package main

import (
	"context"
	"os/exec"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func commitHistory(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	revision := req.GetString("revision", "HEAD")
	if strings.HasPrefix(revision, "-") {
		return mcp.NewToolResultError("a revision cannot start with '-'"), nil
	}
	cmd := exec.CommandContext(ctx, "git", "log", "--oneline", "-n", "50", "--end-of-options", revision)
	cmd.Dir = "/srv/checkouts/website"
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func main() {
	s := server.NewMCPServer("repo-browser", "1.0.0")
	s.AddTool(mcp.NewTool("commit_history", mcp.WithDescription("List the last commits reachable from a revision."), mcp.WithString("revision")), commitHistory)
	_ = server.ServeStdio(s)
}
