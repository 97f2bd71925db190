package main

import (
	"context"
	"crypto/rand"
	"math/big"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

func generatePassword(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	password := make([]byte, req.GetInt("length", 20))
	limit := big.NewInt(int64(len(alphabet)))
	for i := range password {
		n, err := rand.Int(rand.Reader, limit)
		if err != nil {
			return nil, err
		}
		password[i] = alphabet[n.Int64()]
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
