// The same link-preview server: only https pages of an allow-listed set of sites are fetched.
package main

import (
	"context"
	"io"
	"log"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var allowedHosts = []string{"docs.python.org", "developer.mozilla.org", "en.wikipedia.org"}

// Redirects are not followed, so an allowed site cannot bounce the request somewhere else.
var client = &http.Client{
	Timeout:       10 * time.Second,
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
}

func linkPreview(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	raw := req.GetString("url", "")
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || !slices.Contains(allowedHosts, u.Hostname()) {
		return mcp.NewToolResultError("this site cannot be previewed"), nil
	}
	r, err := http.NewRequestWithContext(ctx, http.MethodGet, raw, nil)
	if err != nil {
		return mcp.NewToolResultError("not a URL"), nil
	}
	resp, err := client.Do(r)
	if err != nil {
		return mcp.NewToolResultError("the page could not be fetched"), nil
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(io.LimitReader(resp.Body, 2000))
	// Marked as data: whatever the page says is content to preview, not instructions for the model.
	return mcp.NewToolResultText("<untrusted-web-page>\n" + string(page) + "\n</untrusted-web-page>"), nil
}

func main() {
	s := server.NewMCPServer("link-preview", "1.0.0")
	s.AddTool(mcp.NewTool("link_preview",
		mcp.WithDescription("Return the first 2,000 bytes of a page of the documentation sites this server knows."),
		mcp.WithString("url", mcp.Required()),
	), linkPreview)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
