package main

import (
	"context"
	"crypto/rsa"
	"net/http"
	"os"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

var issuerKey *rsa.PublicKey

func verifyToken(ctx context.Context, token string, req *http.Request) (*auth.TokenInfo, error) {
	claims := jwt.MapClaims{}
	_, err := jwt.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return issuerKey, nil },
		jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer("https://auth.example.com"),
		jwt.WithAudience("https://crm-mcp.example.com/mcp"),
		jwt.WithExpirationRequired(),
	)
	if err != nil {
		return nil, auth.ErrInvalidToken
	}
	exp, _ := claims.GetExpirationTime()
	scope, _ := claims["scope"].(string)
	return &auth.TokenInfo{Scopes: strings.Fields(scope), Expiration: exp.Time}, nil
}

func main() {
	pem, err := os.ReadFile("issuer-public.pem")
	if err != nil {
		panic(err)
	}
	if issuerKey, err = jwt.ParseRSAPublicKeyFromPEM(pem); err != nil {
		panic(err)
	}
	server := mcp.NewServer(&mcp.Implementation{Name: "crm", Version: "1.0.0"}, nil)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	protect := auth.RequireBearerToken(verifyToken, &auth.RequireBearerTokenOptions{
		Scopes:              []string{"crm.read"},
		ResourceMetadataURL: "https://crm-mcp.example.com/.well-known/oauth-protected-resource",
	})
	http.Handle("/mcp", protect(handler))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
