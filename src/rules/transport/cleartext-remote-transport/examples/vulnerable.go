package main

import (
	"context"
	"log"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

func main() {
	ctx := context.Background()
	client := mcp.NewClient(&mcp.Implementation{Name: "report-agent", Version: "1.0.0"}, nil)
	// Plain HTTP to a remote host: tool calls and results can be read and rewritten on the way.
	transport := &mcp.StreamableClientTransport{Endpoint: "http://analytics.internal.example:8000/mcp"}
	session, err := client.Connect(ctx, transport, nil)
	if err != nil {
		log.Fatal(err)
	}
	defer session.Close()
	tools, err := session.ListTools(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("%d tools", len(tools.Tools))
}
