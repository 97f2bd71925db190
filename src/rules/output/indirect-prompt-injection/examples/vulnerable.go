// A documentation helper for a team wiki: the page text goes back to the model exactly as the wiki serves it.
package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var client = &http.Client{Timeout: 10 * time.Second}

func main() {
	s := server.NewMCPServer("wiki-helper", "1.0.0")
	s.AddTool(mcp.NewTool("wiki_page",
		mcp.WithDescription("Return the Markdown source of a page of the team wiki."),
		mcp.WithString("slug", mcp.Required()),
	), wikiPage)
	if err := server.ServeStdio(s); err != nil {
		panic(err)
	}
}

func wikiPage(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	slug, err := req.RequireString("slug")
	if err != nil {
		return mcp.NewToolResultError(err.Error()), nil
	}
	resp, err := client.Get("https://wiki.example.com/raw/" + url.PathEscape(slug) + ".md")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	page, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	// Whoever can edit a wiki page can now write instructions straight into the model's context.
	return mcp.NewToolResultText(string(page)), nil
}
