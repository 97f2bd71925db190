package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"sync"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"golang.org/x/crypto/bcrypt"
)

var (
	mu        sync.Mutex
	verifiers = map[string]string{}
)

func storePassword(username, password string) error {
	// bcrypt with a per-password salt and cost 12.
	hash, err := bcrypt.GenerateFromPassword([]byte(password), 12)
	if err != nil {
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	verifiers[username] = string(hash)
	return nil
}

func inviteMember(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	username := req.GetString("username", "")
	// A random placeholder until the member chooses a password.
	placeholder := make([]byte, 24)
	if _, err := rand.Read(placeholder); err != nil {
		return nil, err
	}
	if err := storePassword(username, hex.EncodeToString(placeholder)); err != nil {
		return nil, err
	}
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
