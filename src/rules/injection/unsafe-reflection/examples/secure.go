package main

import (
	"context"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func processFact(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var (
		value string
		err   error
	)
	// An explicit switch: the tool offers exactly these operations.
	switch req.GetString("fact", "hostname") {
	case "hostname":
		value, err = os.Hostname()
	case "workdir":
		value, err = os.Getwd()
	default:
		return mcp.NewToolResultError("unknown fact"), nil
	}
	if err != nil {
		return mcp.NewToolResultError("lookup failed"), nil
	}
	return mcp.NewToolResultText(value), nil
}

func main() {
	s := server.NewMCPServer("process-facts", "1.0.0")
	s.AddTool(mcp.NewTool("process_fact", mcp.WithDescription("Return a fact about the host."), mcp.WithString("fact", mcp.Enum("hostname", "workdir"))), processFact)
	_ = server.ServeStdio(s)
}
