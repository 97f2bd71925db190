package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func archiveNote(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id, err := req.RequireInt("id")
	if err != nil {
		return mcp.NewToolResultError("id is required"), nil
	}
	if !req.GetBool("confirm", false) {
		return mcp.NewToolResultText(fmt.Sprintf("Note %d will be deleted. Ask the user, then call again with confirm=true.", id)), nil
	}
	if _, err := db.ExecContext(ctx, "DELETE FROM notes WHERE id = ?", id); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("deleted"), nil
}

func main() {
	s := server.NewMCPServer("notes", "1.0.0")
	// Honest hints: the tool deletes, so the client can warn before calling it.
	tool := mcp.NewTool("archive_note",
		mcp.WithDescription("Delete a note by id. Without confirm=true it only reports what would be deleted."),
		mcp.WithNumber("id", mcp.Required()),
		mcp.WithBoolean("confirm", mcp.Description("Set to true to perform the deletion")),
		mcp.WithReadOnlyHintAnnotation(false),
		mcp.WithDestructiveHintAnnotation(true),
	)
	s.AddTool(tool, archiveNote)
	_ = server.ServeStdio(s)
}
