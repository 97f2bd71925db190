package main

import (
	"context"
	"strings"
	"text/template"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

type summary struct {
	Project string
	Store   *server.MCPServer
}

var srv *server.MCPServer

func renderSummary(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	src := req.GetString("template", "")
	// The caller writes the template, so it can call any exported method of the data it is executed with.
	tpl, err := template.New("summary").Parse(src)
	if err != nil {
		return mcp.NewToolResultError("bad template"), nil
	}
	var b strings.Builder
	if err := tpl.Execute(&b, summary{Project: req.GetString("project", ""), Store: srv}); err != nil {
		return mcp.NewToolResultError("render failed"), nil
	}
	return mcp.NewToolResultText(b.String()), nil
}

func main() {
	srv = server.NewMCPServer("report-writer", "1.0.0")
	srv.AddTool(mcp.NewTool("render_summary", mcp.WithDescription("Render a project summary from a Go template."), mcp.WithString("template"), mcp.WithString("project")), renderSummary)
	_ = server.ServeStdio(srv)
}
