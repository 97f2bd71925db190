// The same repository browser: revisions that start with "-" are refused before git sees them.
package main

import (
	"context"
	"log"
	"os/exec"
	"strings"
	"unicode"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func commitHistory(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	revision := req.GetString("revision", "HEAD")
	if strings.HasPrefix(revision, "-") {
		return mcp.NewToolResultError("a revision cannot start with '-'"), nil
	}
	cmd := exec.CommandContext(ctx, "git", "log", "--oneline", "-n", "50", revision, "--")
	cmd.Dir = "/srv/checkouts/website"
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	// Commit messages can carry terminal escapes; keep printable text and line breaks only.
	printable := strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) || r == '\n' {
			return r
		}
		return -1
	}, string(out))
	return mcp.NewToolResultText(printable), nil
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
