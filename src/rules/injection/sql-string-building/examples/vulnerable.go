package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"

	_ "github.com/lib/pq"
	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func findCustomers(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("name", "")
	// A quote in name ends the literal; everything after it is SQL.
	query := fmt.Sprintf("SELECT id, name, email FROM customers WHERE name ILIKE '%%%s%%'", name)
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		return mcp.NewToolResultError("query failed"), nil
	}
	defer rows.Close()
	var out []map[string]string
	for rows.Next() {
		var id, n, email string
		if err := rows.Scan(&id, &n, &email); err != nil {
			return mcp.NewToolResultError("scan failed"), nil
		}
		out = append(out, map[string]string{"id": id, "name": n, "email": email})
	}
	b, _ := json.Marshal(out)
	return mcp.NewToolResultText(string(b)), nil
}

func main() {
	var err error
	db, err = sql.Open("postgres", os.Getenv("DATABASE_URL"))
	if err != nil {
		panic(err)
	}
	s := server.NewMCPServer("crm-lookup", "1.0.0")
	s.AddTool(mcp.NewTool("find_customers", mcp.WithDescription("Find customers whose name contains the given text."), mcp.WithString("name")), findCustomers)
	_ = server.ServeStdio(s)
}
