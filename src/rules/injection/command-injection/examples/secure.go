// The same log-search server without a shell: grep gets an argument list, and the log file comes from a fixed table.
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

// The caller names a service; the file path is looked up, never built from the name.
var logFiles = map[string]string{"web": "/var/log/nginx/access.log", "db": "/var/log/postgresql/main.log"}

func logsSearch(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	pattern := req.GetString("pattern", "")
	file, ok := logFiles[req.GetString("service", "")]
	if !ok {
		return mcp.NewToolResultError("unknown service"), nil
	}
	// No shell parses these values; `-e` makes the pattern a pattern even when it starts with "-".
	out, err := exec.CommandContext(ctx, "grep", "-n", "-e", pattern, "--", file).Output()
	if err != nil {
		return mcp.NewToolResultError("no match"), nil
	}
	// Log lines can carry terminal escapes; keep printable text and line breaks only.
	printable := strings.Map(func(r rune) rune {
		if unicode.IsPrint(r) || r == '\n' {
			return r
		}
		return -1
	}, string(out))
	return mcp.NewToolResultText(printable), nil
}

func main() {
	s := server.NewMCPServer("log-search", "1.0.0")
	s.AddTool(mcp.NewTool("logs_search",
		mcp.WithDescription("Search the log of a service for a text pattern."),
		mcp.WithString("pattern", mcp.Required()),
		mcp.WithString("service", mcp.Required(), mcp.Enum("web", "db")),
	), logsSearch)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
