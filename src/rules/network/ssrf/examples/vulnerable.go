// A link-preview MCP server (mark3labs/mcp-go, stdio) that fetches whatever URL a tool argument names.
package main

import (
	"context"
	"io"
	"log"
	"net/http"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var client = &http.Client{Timeout: 10 * time.Second}

func linkPreview(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	// url = "http://169.254.169.254/latest/meta-data/" returns cloud credentials.
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, req.GetString("url", ""), nil)
	if err != nil {
		return mcp.NewToolResultError("not a URL"), nil
	}
	resp, err := client.Do(r)
	if err != nil {
		return mcp.NewToolResultError("the page could not be fetched"), nil
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
	return mcp.NewToolResultText(string(page)), nil
}

func main() {
	s := server.NewMCPServer("link-preview", "1.0.0")
	s.AddTool(mcp.NewTool("link_preview",
		mcp.WithDescription("Return the first 2,000 bytes of a web page, to preview a link."),
		mcp.WithString("url", mcp.Required()),
	), linkPreview)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
