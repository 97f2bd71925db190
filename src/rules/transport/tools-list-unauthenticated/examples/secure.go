package main

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
)

type stockInput struct {
	SKU string `json:"sku" jsonschema:"the item number"`
}

func stockLevel(ctx context.Context, req *mcp.CallToolRequest, in stockInput) (*mcp.CallToolResult, any, error) {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "42"}}}, nil, nil
}

// verifyToken would validate the JWT against the issuer's keys; unknown tokens are rejected.
func verifyToken(ctx context.Context, token string, req *http.Request) (*auth.TokenInfo, error) {
	return nil, auth.ErrInvalidToken
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "inventory", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "stock_level", Description: "Units of an item left in the warehouse."}, stockLevel)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)

	mux := http.NewServeMux()
	mux.Handle("/.well-known/oauth-protected-resource", auth.ProtectedResourceMetadataHandler(&oauthex.ProtectedResourceMetadata{
		Resource:             "https://inventory.example.com/mcp",
		AuthorizationServers: []string{"https://auth.example.com"},
	}))
	mux.Handle("/mcp", auth.RequireBearerToken(verifyToken, &auth.RequireBearerTokenOptions{
		ResourceMetadataURL: "https://inventory.example.com/.well-known/oauth-protected-resource",
	})(handler))
	_ = http.ListenAndServe("10.20.0.5:8080", mux)
}
