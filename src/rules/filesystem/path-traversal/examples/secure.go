// The same notebook server: the page path is resolved (links followed) and must stay inside the notebook folder.
package main

import (
	"context"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var notes = filepath.Join(os.Getenv("HOME"), "notes")

func readPage(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	page, err := req.RequireString("page")
	if err != nil {
		return mcp.NewToolResultError("the page argument is required"), nil
	}
	root, err := filepath.EvalSymlinks(notes)
	if err != nil {
		return mcp.NewToolResultError("notebook folder missing"), nil
	}
	full, err := filepath.EvalSymlinks(filepath.Join(root, page))
	// The trailing separator keeps "notes-private" out; EvalSymlinks keeps symbolic links from leading out.
	if err != nil || !strings.HasPrefix(full, root+string(os.PathSeparator)) {
		return mcp.NewToolResultError("pages live inside the notebook folder"), nil
	}
	data, err := os.ReadFile(full)
	if err != nil {
		return mcp.NewToolResultError("cannot read the page"), nil
	}
	// Marked as data: whatever a page says is notes, not instructions for the model.
	return mcp.NewToolResultText("<untrusted-notebook-page>\n" + string(data) + "\n</untrusted-notebook-page>"), nil
}

func main() {
	s := server.NewMCPServer("notebook", "1.0.0")
	s.AddTool(mcp.NewTool("notebook_page",
		mcp.WithDescription("Return the text of a page of the notebook."),
		mcp.WithString("page", mcp.Required()),
		mcp.WithReadOnlyHintAnnotation(true),
	), readPage)
	if err := server.ServeStdio(s); err != nil {
		log.Fatal(err)
	}
}
