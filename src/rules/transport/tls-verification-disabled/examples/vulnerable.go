package main

import (
	"context"
	"crypto/tls"
	"io"
	"net/http"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// The billing client skips certificate checks: anyone on the path can impersonate the API.
var billing = &http.Client{
	Timeout:   30 * time.Second,
	Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
}

func invoiceStatus(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	resp, err := billing.Get("https://billing.internal.example/api/status")
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return mcp.NewToolResultText(string(body)), nil
}

func main() {
	s := server.NewMCPServer("invoices", "1.0.0")
	s.AddTool(mcp.NewTool("invoice_status", mcp.WithDescription("Look up the payment status of invoices.")), invoiceStatus)
	_ = server.ServeStdio(s)
}
