// A repository-browser MCP server (mark3labs/mcp-go, stdio) that passes a tool argument where git reads options.
package main

import (
	"context"
	"log"
	"os/exec"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func commitHistory(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	revision := req.GetString("revision", "HEAD")
	// No shell, but revision = "--output=/home/user/.bashrc" still makes git overwrite a file.
	cmd := exec.CommandContext(ctx, "git", "log", "--oneline", "-n", "50", revision)
	cmd.Dir = "/srv/checkouts/website"
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	return mcp.NewToolResultText(string(out)), nil
}

func main() {
	s := server.NewMCPServer("repo-browser", "1.0.0")
	s.AddTool(mcp.NewTool("repo_commit_history",
		mcp.WithDescription("List the last commits reachable from a revision."),
		mcp.WithString("revision"),
	), commitHistory)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
