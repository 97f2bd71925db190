package main

import (
	"context"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/modelcontextprotocol/go-sdk/auth"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func verifyToken(ctx context.Context, token string, req *http.Request) (*auth.TokenInfo, error) {
	claims := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(token, claims); err != nil {
		return nil, auth.ErrInvalidToken
	}
	exp, err := claims.GetExpirationTime()
	if err != nil || exp == nil {
		return nil, auth.ErrInvalidToken
	}
	scope, _ := claims["scope"].(string)
	return &auth.TokenInfo{Scopes: strings.Fields(scope), Expiration: exp.Time}, nil
}

func main() {
	server := mcp.NewServer(&mcp.Implementation{Name: "crm", Version: "1.0.0"}, nil)
	handler := mcp.NewStreamableHTTPHandler(func(*http.Request) *mcp.Server { return server }, nil)
	protect := auth.RequireBearerToken(verifyToken, &auth.RequireBearerTokenOptions{Scopes: []string{"crm.read"}})
	http.Handle("/mcp", protect(handler))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
