package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("calendar", "1.0.0")
	s.AddTool(mcp.NewTool("events.list", mcp.WithDescription("List upcoming events.")), nil)
	_ = server.ServeStdio(s)
}
