package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func ticketStatus(ctx context.Context, request mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id := request.GetString("ticket_id", "")
	out, err := http.NewRequestWithContext(ctx, http.MethodGet, "https://tickets.example.com/api/tickets/"+id, nil)
	if err != nil {
		return nil, err
	}
	// The server's own credential for the ticket API, never the token the MCP client sent.
	out.Header.Set("Authorization", "Bearer "+os.Getenv("TICKETS_API_TOKEN"))
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
	// The ticket API is called with the server's own credential, so no caller token is needed: stdio is enough.
	_ = server.ServeStdio(s)
}
