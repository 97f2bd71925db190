package main

import (
	"context"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func recentSubjects(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	path := req.GetString("path", ".")
	cmd := exec.CommandContext(ctx, "git", "log", "-n", "20", "--format=%h %s", "--", path)
	cmd.Dir = "/srv/checkouts/website"
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	// Commit subjects are written by anyone who can push: escape sequences and tag characters arrive as they are.
	return mcp.NewToolResultText(string(out)), nil
}

func main() {
	s := server.NewMCPServer("repo-browser", "1.0.0")
	s.AddTool(mcp.NewTool("recent_subjects",
		mcp.WithDescription("Subjects of the last commits that touched a path of the project."),
		mcp.WithString("path", mcp.Required()),
	), recentSubjects)
	_ = server.ServeStdio(s)
}
