package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

// newBillingClient trusts the company CA; verification stays on.
func newBillingClient() *http.Client {
	pool := x509.NewCertPool()
	if pem, err := os.ReadFile("/etc/ssl/certs/corp-ca.pem"); err == nil {
		pool.AppendCertsFromPEM(pem)
	}
	return &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}},
	}
}

var billing = newBillingClient()

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
