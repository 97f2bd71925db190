package main

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func ticketStatus(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id := request.GetString("ticket_id", "")
	out, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://tickets.example.com/api/tickets/"+id, nil)
	if err != nil {
		return nil, err
	}
	// The caller's bearer token for this MCP server goes straight to the ticket API.
	out.Header.Set("Authorization", request.Header.Get("Authorization"))
	resp, err := http.DefaultClient.Do(out)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	var ticket struct{ Status string }
	if err := json.NewDecoder(resp.Body).Decode(&ticket); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText(ticket.Status), nil
}

func main() {
	s := server.NewMCPServer("tickets", "1.0.0")
	s.AddTool(mcp.NewTool("ticket_status",
		mcp.WithDescription("Show the status of a support ticket."),
		mcp.WithString("ticket_id", mcp.Required(), mcp.Pattern(`^[0-9]+$`)),
	), ticketStatus)
	// Served over HTTP behind the company's OAuth gateway, which checks the bearer token.
	_ = server.NewStreamableHTTPServer(s).Start("127.0.0.1:8080")
}
