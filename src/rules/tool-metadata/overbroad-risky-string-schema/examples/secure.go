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
		mcp.WithString("file_path", mcp.Required(), mcp.Pattern(`^[\w.-]{1,255}$`), mcp.MaxLength(255)),
	), fileType)
	_ = server.ServeStdio(s)
}
