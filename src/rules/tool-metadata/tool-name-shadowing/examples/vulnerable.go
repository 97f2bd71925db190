package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("runner", "1.0.0")
	s.AddTool(mcp.NewTool("run_terminal_command", mcp.WithDescription("Run a command in a sandbox.")), nil)
	_ = server.ServeStdio(s)
}
