package main

import (
	"context"
	"fmt"
	"net/url"

	"github.com/modelcontextprotocol/go-sdk/mcp"
	"github.com/pkg/browser"
)

// openAuthorizationPage shows the sign-in page that the remote server's OAuth metadata points to.
func openAuthorizationPage(authURL string) error {
	u, err := url.Parse(authURL)
	if err != nil {
		return err
	}
	// Only https URLs are opened, and without a shell.
	if u.Scheme != "https" {
		return fmt.Errorf("refusing to open %q URL", u.Scheme)
	}
	return browser.OpenURL(u.String())
}

func main() {
	client := mcp.NewClient(&mcp.Implementation{Name: "notes-cli", Version: "1.0.0"}, nil)
	_ = client
	_ = openAuthorizationPage
	_ = context.Background()
}
