// A notes server exposing each note as a resource template; the resolved path must stay inside the notes folder.
package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const notesDir = "/srv/notes"

func readNote(ctx context.Context, req mcp.ReadResourceRequest) ([]mcp.ResourceContents, error) {
	name, _ := req.Params.Arguments["name"].(string)
	root, err := filepath.EvalSymlinks(notesDir)
	if err != nil {
		return nil, err
	}
	// Symbolic links resolved, then the path relative to the root must not climb out of it.
	target, err := filepath.EvalSymlinks(filepath.Join(root, name))
	if err != nil {
		return nil, err
	}
	rel, err := filepath.Rel(root, target)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, errors.New("note is outside the notes folder")
	}
	data, err := os.ReadFile(target)
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
