package main

import (
	"context"
	"mime"
	"path/filepath"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func fileType(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	p := req.GetString("file_path", "")
	return mcp.NewToolResultText(mime.TypeByExtension(filepath.Ext(p))), nil
}

func main() {
	s := server.NewMCPServer("files", "1.0.0")
	s.AddTool(mcp.NewTool("guess_file_type",
		mcp.WithDescription("Guess the media type of a file from its name."),
		// Any string is a valid path as far as the schema is concerned.
		mcp.WithString("file_path", mcp.Required()),
	), fileType)
	_ = server.ServeStdio(s)
}
