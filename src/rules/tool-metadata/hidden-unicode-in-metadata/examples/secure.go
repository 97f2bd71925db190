package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("clock", "1.0.0")
	s.AddTool(mcp.NewTool("now", mcp.WithDescription("Current time in UTC, RFC 3339.")), nil)
	_ = server.ServeStdio(s)
}
