package main

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"net/http"
	"os"

	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// One shared API key for every client; it never expires and cannot be revoked per client.
var keyDigest = sha256.Sum256([]byte(os.Getenv("CRM_API_KEY")))

func verifyKey(ctx context.Context, token string, req *http.Request) (*auth.TokenInfo, error) {
	got := sha256.Sum256([]byte(token))
	if subtle.ConstantTimeCompare(got[:], keyDigest[:]) != 1 {
		return nil, auth.ErrInvalidToken
	}
	return &auth.TokenInfo{Scopes: []string{"crm.read"}}, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "crm", Version: "1.0.0"}, nil)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	protect := auth.RequireBearerToken(verifyKey, &auth.RequireBearerTokenOptions{
		ResourceMetadataURL:    "https://crm-mcp.example.com/.well-known/oauth-protected-resource",
		Scopes:                 []string{"crm.read"},
		AllowMissingExpiration: true,
	})
	http.Handle("/mcp", protect(handler))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
