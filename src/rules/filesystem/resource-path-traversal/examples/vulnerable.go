// A notes server exposing each note as a resource template; the variable goes straight into the file path.
package main

import (
	"context"
	"os"
	"path/filepath"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const notesDir = "/srv/notes"

func readNote(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
	name, _ := req.Params.Arguments["name"].(string)
	// notes://../../etc/passwd walks out of the notes folder.
	data, err := os.ReadFile(filepath.Join(notesDir, name))
	if err != nil {
		return nil, err
	}
	return []mcp.ResourceContents{mcp.TextResourceContents{URI: req.Params.URI, MIMEType: "text/markdown", Text: string(data)}}, nil
}

func main() {
	s := server.NewMCPServer("notes", "1.0.0")
	s.AddResourceTemplate(mcp.NewResourceTemplate("notes://{name}", "note", mcp.WithTemplateMIMEType("text/markdown")), readNote)
	_ = server.ServeStdio(s)
}
