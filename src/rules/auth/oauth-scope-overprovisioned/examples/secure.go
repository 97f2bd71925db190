package main

import (
	"context"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"golang.org/x/oauth2"
	"golang.org/x/oauth2/google"
)

// Read-only Cloud Storage access is all the two tools need.
var oauthConfig = &oauth2.Config{
	ClientID:     os.Getenv("GCP_CLIENT_ID"),
	ClientSecret: os.Getenv("GCP_CLIENT_SECRET"),
	Endpoint:     google.Endpoint,
	RedirectURL:  "http://127.0.0.1:8765/callback",
	Scopes:       []string{"https://www.googleapis.com/auth/devstorage.read_only"},
}

func getBucketSize(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText(req.GetString("bucket", "") + ": 0 bytes"), nil
}

func listBucketNames(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText(""), nil
}

func main() {
	_ = oauthConfig
	s := server.NewMCPServer("gcs-inspector", "1.0.0")
	s.AddTool(mcp.NewTool("get_bucket_size", mcp.WithDescription("Return the total size of a bucket."), mcp.WithString("bucket", mcp.Required())), getBucketSize)
	s.AddTool(mcp.NewTool("list_bucket_names", mcp.WithDescription("List the buckets of the configured project.")), listBucketNames)
	_ = server.ServeStdio(s)
}
