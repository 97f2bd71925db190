package main

import (
	"context"
	"encoding/json"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var metrics = map[string]int{"requests": 1200, "errors": 3}

func snapshotMetrics(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// CreateTemp picks a random name and creates the file exclusively with mode 0600.
	f, err := os.CreateTemp("", "metrics-*.json")
	if err != nil {
		return mcp.NewToolResultError("create failed"), nil
	}
	defer f.Close()
	if err := json.NewEncoder(f).Encode(metrics); err != nil {
		return mcp.NewToolResultError("write failed"), nil
	}
	return mcp.NewToolResultText(f.Name()), nil
}

func main() {
	s := server.NewMCPServer("metrics-snapshot", "1.0.0")
	s.AddTool(mcp.NewTool("snapshot_metrics", mcp.WithDescription("Save the current metrics to a file and return its path.")), snapshotMetrics)
	_ = server.ServeStdio(s)
}
