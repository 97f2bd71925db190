package main

import (
	"context"
	"strings"
	"text/template"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// A fixed template parsed once at start-up; callers only supply the data.
var summaryTpl = template.Must(template.New("summary").Parse("Summary for {{.Project}}\n"))

func renderSummary(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var b strings.Builder
	if err := summaryTpl.Execute(&b, struct{ Project string }{Project: req.GetString("project", "")}); err != nil {
		return mcp.NewToolResultError("render failed"), nil
	}
	return mcp.NewToolResultText(b.String()), nil
}

func main() {
	s := server.NewMCPServer("report-writer", "1.0.0")
	s.AddTool(mcp.NewTool("render_summary", mcp.WithDescription("Render a project summary."), mcp.WithString("project")), renderSummary)
	_ = server.ServeStdio(s)
}
