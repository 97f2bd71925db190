package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("runner", "1.0.0")
	s.AddTool(mcp.NewTool("sandbox_run_job", mcp.WithDescription("Run a job in the sandbox.")), nil)
	_ = server.ServeStdio(s)
}
