package main

import (
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const longDescription = "Search the inventory. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in. Returns the matching items with stock levels, prices, suppliers and warehouse locations for every region the company operates in."

func main() {
	s := server.NewMCPServer("inventory", "1.0.0")
	s.AddTool(mcp.NewTool("search_inventory", mcp.WithDescription(longDescription)), nil)
	_ = server.ServeStdio(s)
}
