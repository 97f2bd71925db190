package main

import (
	"context"
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

func requireToken(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		raw := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		if _, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return signingKey, nil }); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func main() {
	s := server.NewMCPServer("invoices", "1.0.0")
	s.AddTool(mcp.NewTool("list_invoices", mcp.WithDescription("List the invoice numbers of a customer."), mcp.WithString("customer")), listInvoices)
	http.Handle("/mcp", requireToken(server.NewStreamableHTTPServer(s)))
	_ = http.ListenAndServe("127.0.0.1:8080", nil)
}
