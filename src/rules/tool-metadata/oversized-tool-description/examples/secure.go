package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("inventory", "1.0.0")
	s.AddTool(mcp.NewTool("search_inventory", mcp.WithDescription("Search inventory items by name; returns item ids with stock levels.")), nil)
	_ = server.ServeStdio(s)
}
