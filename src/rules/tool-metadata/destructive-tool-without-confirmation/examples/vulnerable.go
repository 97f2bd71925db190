package main

import (
	"context"
	"database/sql"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var db *sql.DB

func dropProject(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	id, err := req.RequireInt("id")
	if err != nil {
		return mcp.NewToolResultError("id is required"), nil
	}
	// One call from the model is enough: nothing asks the user first.
	if _, err := db.ExecContext(ctx, "DELETE FROM projects WHERE id = ?", id); err != nil {
		return nil, err
	}
	return mcp.NewToolResultText("deleted"), nil
}

func main() {
	s := server.NewMCPServer("projects", "1.0.0")
	s.AddTool(mcp.NewTool("drop_project",
		mcp.WithDescription("Delete a project and all of its tasks."),
		mcp.WithNumber("id", mcp.Required()),
	), dropProject)
	_ = server.ServeStdio(s)
}
