package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var rows = map[string][]string{"sales": {"region,total", "north,120"}, "stock": {"sku,count", "a-1,4"}}

func exportReport(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	report := req.GetString("report", "sales")
	lines, ok := rows[report]
	if !ok {
		return mcp.NewToolResultError("unknown report"), nil
	}
	out := filepath.Join("/srv/reports/exports", report+".csv")
	if err := os.WriteFile(out, []byte(strings.Join(lines, "\n")), 0o640); err != nil {
		return mcp.NewToolResultError("write failed"), nil
	}
	// Owner read/write, group read; other local users get nothing.
	if err := os.Chmod(out, 0o640); err != nil {
		return mcp.NewToolResultError("chmod failed"), nil
	}
	return mcp.NewToolResultText(out), nil
}

func main() {
	s := server.NewMCPServer("report-exporter", "1.0.0")
	s.AddTool(mcp.NewTool("export_report", mcp.WithDescription("Write a report as CSV to the shared exports folder."), mcp.WithString("report", mcp.Enum("sales", "stock"))), exportReport)
	_ = server.ServeStdio(s)
}
