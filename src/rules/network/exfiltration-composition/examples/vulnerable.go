package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const notesDir = "/srv/team-notes"

var client = &http.Client{Timeout: 10 * time.Second}

func noteText(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	name := req.GetString("name", "")
	b, err := os.ReadFile(filepath.Join(notesDir, filepath.Base(name)))
	if err != nil {
		return mcp.NewToolResultError("no such note"), nil
	}
	return mcp.NewToolResultText(string(b)), nil
}

// emailSummary sends any text the model chooses to any address it chooses; together with note_text that is an
// exfiltration path.
func emailSummary(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	to := req.GetString("to", "")
	body := req.GetString("body", "")
	payload, _ := json.Marshal(map[string]string{"to": to, "text": body})
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, "https://mail.team-notes.example/v1/send", bytes.NewReader(payload))
	if err != nil {
		return mcp.NewToolResultError("bad request"), nil
	}
	res, err := client.Do(r)
	if err != nil {
		return mcp.NewToolResultError("send failed"), nil
	}
	res.Body.Close()
	return mcp.NewToolResultText("sent"), nil
}

func main() {
	s := server.NewMCPServer("team-notes", "1.0.0")
	s.AddTool(mcp.NewTool("note_text", mcp.WithDescription("Text of one of the team's private notes."), mcp.WithString("name", mcp.Required())), noteText)
	s.AddTool(mcp.NewTool("email_summary", mcp.WithDescription("E-mail a short summary to someone."), mcp.WithString("to", mcp.Required()), mcp.WithString("body", mcp.Required())), emailSummary)
	_ = server.ServeStdio(s)
}
