package main

import (
	"context"
	"crypto/rand"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
	"golang.org/x/oauth2"
)

var githubOAuth = &oauth2.Config{
	ClientID:    os.Getenv("GITHUB_CLIENT_ID"),
	RedirectURL: "http://127.0.0.1:8765/callback",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://github.com/login/oauth/authorize",
		TokenURL: "https://github.com/login/oauth/access_token",
	},
}

var pending = map[string]string{}

func connectGitHub(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	verifier := oauth2.GenerateVerifier()
	state := rand.Text()
	pending[state] = verifier
	url := githubOAuth.AuthCodeURL(state,
		oauth2.SetAuthURLParam("code_challenge", verifier),
		// "plain" puts the verifier itself into the authorization URL.
		oauth2.SetAuthURLParam("code_challenge_method", "plain"),
	)
	return mcp.NewToolResultText(url), nil
}

func main() {
	s := server.NewMCPServer("repo-connector", "1.0.0")
	s.AddTool(mcp.NewTool("connect_github", mcp.WithDescription("Return the link that connects a GitHub account to this server.")), connectGitHub)
	_ = server.ServeStdio(s)
}
