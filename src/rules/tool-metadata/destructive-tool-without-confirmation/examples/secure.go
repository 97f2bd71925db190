package main

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func dropProject(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id, err := req.RequireInt("id")
	if err != nil {
		return mcp.NewToolResultError("id is required"), nil
	}
	// dry_run defaults to true: a real deletion needs a second, deliberate call.
	if req.GetBool("dry_run", true) {
		return mcp.NewToolResultText(fmt.Sprintf("Project %d would be deleted. Ask the user, then call with dry_run=false.", id)), nil
	}
	if _, err := db.ExecContext(ctx, "DELETE FROM projects WHERE id = ?", id); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("deleted"), nil
}

func main() {
	s := server.NewMCPServer("projects", "1.0.0")
	s.AddTool(mcp.NewTool("drop_project",
		mcp.WithDescription("Delete a project and all of its tasks. With dry_run (the default) it only reports what would be deleted."),
		mcp.WithNumber("id", mcp.Required()),
		mcp.WithBoolean("dry_run", mcp.DefaultBool(true)),
		mcp.WithDestructiveHintAnnotation(true),
	), dropProject)
	_ = server.ServeStdio(s)
}
