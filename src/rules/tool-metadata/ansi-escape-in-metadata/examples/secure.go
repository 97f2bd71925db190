package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("disk", "1.0.0")
	s.AddTool(mcp.NewTool("disk_free", mcp.WithDescription("Show free disk space.")), nil)
	_ = server.ServeStdio(s)
}
