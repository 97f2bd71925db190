package main

import (
	"context"
	"os/exec"
	"runtime"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// openAuthorizationPage shows the sign-in page that the remote server's OAuth metadata points to.
func openAuthorizationPage(authURL string) error {
	if runtime.GOOS == "windows" {
		// cmd.exe parses the URL: `&`, `|` and `^` in it become commands.
		return exec.Command("cmd", "/c", "start", authURL).Start()
	}
	return nil
}

func main() {
	client := mcp.NewClient(&mcp.Implementation{Name: "notes-cli", Version: "1.0.0"}, nil)
	_ = client
	_ = openAuthorizationPage
	_ = context.Background()
}
