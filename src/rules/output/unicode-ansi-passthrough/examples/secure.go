package main

import (
	"context"
	"os/exec"
	"strings"
	"unicode"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// printable drops control characters (except newline and tab) and the invisible Unicode tag characters.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Tags, r) || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return -1
		}
		return r
	}, s)
}

func recentSubjects(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	path := req.GetString("path", ".")
	cmd := exec.CommandContext(ctx, "git", "log", "-n", "20", "--format=%h %s", "--", path)
	cmd.Dir = "/srv/checkouts/website"
	out, err := cmd.Output()
	if err != nil {
		return mcp.NewToolResultError("git log failed"), nil
	}
	return mcp.NewToolResultText(printable(string(out))), nil
}

func main() {
	s := server.NewMCPServer("repo-browser", "1.0.0")
	s.AddTool(mcp.NewTool("recent_subjects",
		mcp.WithDescription("Subjects of the last commits that touched a path of the project."),
		mcp.WithString("path", mcp.Required()),
	), recentSubjects)
	_ = server.ServeStdio(s)
}
