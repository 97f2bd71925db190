package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func countUsers(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	var n int
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM users").Scan(&n); err != nil {
		// The driver error names the host, database and sometimes the failing SQL.
		return mcp.NewToolResultError(err.Error()), nil
	}
	return mcp.NewToolResultText(fmt.Sprintf("%d users", n)), nil
}

func main() {
	s := server.NewMCPServer("accounts", "1.0.0")
	s.AddTool(mcp.NewTool("count_users", mcp.WithDescription("Count registered users.")), countUsers)
	_ = server.ServeStdio(s)
}
