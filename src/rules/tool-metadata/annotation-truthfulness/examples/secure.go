package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var reports = map[string]string{"q1": "/srv/reports/q1.json", "q2": "/srv/reports/q2.json"}

// reportTotal only reads: the hints are true.
func reportTotal(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("name", "q1")
	raw, err := os.ReadFile(reports[name])
	if err != nil {
		return mcp.NewToolResultError("unknown report"), nil
	}
	var data struct {
		Total float64 `json:"total"`
	}
	if err := json.Unmarshal(raw, &data); err != nil {
		return mcp.NewToolResultError("bad report"), nil
	}
	return mcp.NewToolResultText(fmt.Sprintf("%s: %.0f", name, data.Total)), nil
}

func main() {
	s := server.NewMCPServer("quarterly-reports", "1.0.0")
	s.AddTool(mcp.NewTool("report_total",
		mcp.WithDescription("Total of one quarterly report."),
		mcp.WithString("name", mcp.Required(), mcp.Enum("q1", "q2")),
		mcp.WithReadOnlyHintAnnotation(true),
		mcp.WithOpenWorldHintAnnotation(false),
	), reportTotal)
	_ = server.ServeStdio(s)
}
