// A CRM lookup MCP server (mark3labs/mcp-go, stdio) that pastes a tool argument into SQL text.
package main

import (
	"context"
	"database/sql"
	"log"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func findCustomers(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("name", "")
	// name = "%' UNION SELECT username FROM staff --" reads another table.
	rows, err := db.QueryContext(ctx, "SELECT name FROM customers WHERE name ILIKE '%"+name+"%'")
	if err != nil {
		return mcp.NewToolResultError("query failed"), nil
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if rows.Scan(&n) == nil {
			names = append(names, n)
		}
	}
	return mcp.NewToolResultText(strings.Join(names, "\n")), nil
}

func main() {
	var err error
	if db, err = sql.Open("postgres", "host=127.0.0.1 dbname=crm sslmode=disable"); err != nil {
		log.Fatal(err)
	}
	s := server.NewMCPServer("crm-lookup", "1.0.0")
	s.AddTool(mcp.NewTool("crm_find_customers",
		mcp.WithDescription("Find customers whose name contains the given text."),
		mcp.WithString("name", mcp.Required()),
	), findCustomers)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
