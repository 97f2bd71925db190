package main

import (
	"context"
	"log"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

type QueryInput struct {
	SQL string `json:"sql" jsonschema:"a read-only SELECT statement"`
}

func main() {
	dsn := os.Getenv("DATABASE_URL")
	password := os.Getenv("DB_PASSWORD")
	// Only whether a password is set is logged, never its value.
	log.Printf("connecting to %s (password set: %t)", dsn, password != "")

	server := mcp.NewServer(&mcp.Implementation{Name: "reports", Version: "1.0.0"}, nil)
	mcp.AddTool(server, &mcp.Tool{Name: "run_report", Description: "Run a saved report."}, func(ctx context.Context, req *mcp.CallToolRequest, in QueryInput) (*mcp.CallToolResult, any, error) {
		return &mcp.CallToolResult{Content: []mcp.Content{&mcp.TextContent{Text: "0 rows"}}}, nil, nil
	})
	if err := server.Run(context.Background(), &mcp.StdioTransport{}); err != nil {
		log.Fatal(err)
	}
}
