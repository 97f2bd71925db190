package main

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var (
	mu        sync.Mutex
	verifiers = map[string]string{}
)

func storePassword(username, password string) {
	// SHA-256 of the bare password: a leaked map is cracked at GPU speed.
	sum := sha256.Sum256([]byte(password))
	mu.Lock()
	defer mu.Unlock()
	verifiers[username] = hex.EncodeToString(sum[:])
}

func inviteMember(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	username := req.GetString("username", "")
	// A random placeholder until the member chooses a password.
	placeholder := make([]byte, 24)
	if _, err := rand.Read(placeholder); err != nil {
		return nil, err
	}
	storePassword(username, hex.EncodeToString(placeholder))
	return mcp.NewToolResultText("account " + username + " created"), nil
}

func main() {
	s := server.NewMCPServer("wiki-admin", "1.0.0")
	s.AddTool(mcp.NewTool("invite_member",
		mcp.WithDescription("Create a wiki account; the member sets a password through the reset link."),
		mcp.WithString("username", mcp.Required(), mcp.Pattern(`^[a-z0-9_]{3,32}$`)),
	), inviteMember)
	_ = server.ServeStdio(s)
}
