package main

import (
	"context"
	"net/http"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/modelcontextprotocol/go-sdk/oauthex"
	"github.com/rs/cors"
)

type accountInput struct {
	ID string `json:"id" jsonschema:"the account id"`
}

func accountSummary(ctx context.Context, req *mcp.CallToolRequest, in accountInput) (*mcp.CallToolResult, any, error) {
	return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "..."}}}, nil, nil
}

func verifyToken(ctx context.Context, token string, req *http.Request) (*auth.TokenInfo, error) {
	return nil, auth.ErrInvalidToken
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "crm", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "account_summary", Description: "Summarise a customer account."}, accountSummary)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)

	mux := http.NewServeMux()
	mux.Handle("/.well-known/oauth-protected-resource", auth.ProtectedResourceMetadataHandler(&oauthex.ProtectedResourceMetadata{
		Resource:             "https://crm.example.com/mcp",
		AuthorizationServers: []string{"https://auth.example.com"},
	}))
	mux.Handle("/mcp", auth.RequireBearerToken(verifyToken, &auth.RequireBearerTokenOptions{
		ResourceMetadataURL: "https://crm.example.com/.well-known/oauth-protected-resource",
	})(handler))

	// Every origin is accepted and may send credentials.
	policy := cors.New(cors.Options{
		AllowOriginFunc:  func(origin string) bool { return true },
		AllowCredentials: true,
	})
	_ = http.ListenAndServe("10.20.0.7:8080", policy.Handler(mux))
}
