package main

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/golang-jwt/jwt/v5"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var signingKey = []byte(mustReadKey())

func listInvoices(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	return mcp.NewToolResultText(req.GetString("customer", "") + "-0001"), nil
}

func protectedResourceMetadata(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{
		"resource":              "https://invoices.example.com/mcp",
		"authorization_servers": []string{"https://login.example.com"},
	})
}

func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if _, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return signingKey, nil }, jwt.WithAudience("https://invoices.example.com/mcp")); err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="https://invoices.example.com/.well-known/oauth-protected-resource"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	s := server.NewMCPServer("invoices", "1.0.0")
	s.AddTool(mcp.NewTool("list_invoices", mcp.WithDescription("List the invoice numbers of a customer."), mcp.WithString("customer")), listInvoices)
	http.HandleFunc("/.well-known/oauth-protected-resource", protectedResourceMetadata)
	http.Handle("/mcp", requireToken(server.NewStreamableHTTPServer(s)))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
