// A notebook MCP server (mark3labs/mcp-go, stdio) that deletes any file a tool argument names.
package main

import (
	"context"
	"log"
	"os"
	"path/filepath"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var notes = filepath.Join(os.Getenv("HOME"), "notes")

func deletePage(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	page, err := req.RequireString("page")
	if err != nil {
		return mcp.NewToolResultError("the page argument is required"), nil
	}
	// Join cleans "..", but "../.bashrc" still cleans to a path outside the notebook: any file can be removed.
	if err := os.Remove(filepath.Join(notes, page)); err != nil {
		return mcp.NewToolResultError("cannot delete the page"), nil
	}
	return mcp.NewToolResultText("deleted"), nil
}

func main() {
	s := server.NewMCPServer("notebook", "1.0.0")
	s.AddTool(mcp.NewTool("notebook_delete_page",
		mcp.WithDescription("Delete a page of the notebook."),
		mcp.WithString("page", mcp.Required()),
		mcp.WithDestructiveHintAnnotation(true),
	), deletePage)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
