package main

import (
	"context"
	"fmt"
	"os"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"golang.org/x/oauth2"
)

const mcpServerURL = "https://notes.example.com/mcp"

var notesOAuth = &oauth2.Config{
	ClientID:    "notes-cli",
	RedirectURL: "http://127.0.0.1:8765/callback",
	Endpoint: oauth2.Endpoint{
		AuthURL:  "https://auth.example.com/oauth/authorize",
		TokenURL: "https://auth.example.com/oauth/token",
	},
}

func listRemoteTools(ctx context.Context, code, verifier string) error {
	// No resource parameter: the token works against every API of this authorization server.
	tok, err := notesOAuth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return err
	}
	client := mcp.NewClient(&mcp.Implementation{Name: "notes-cli", Version: "1.0.0"}, nil)
	transport := &mcp.StreamableClientTransport{Endpoint: mcpServerURL, HTTPClient: notesOAuth.Client(ctx, tok)}
	session, err := client.Connect(ctx, transport, nil)
	if err != nil {
		return err
	}
	defer session.Close()
	tools, err := session.ListTools(ctx, nil)
	if err != nil {
		return err
	}
	for _, t := range tools.Tools {
		fmt.Fprintln(os.Stdout, t.Name)
	}
	return nil
}

func main() {
	if err := listRemoteTools(context.Background(), os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
