// A maintenance server whose check tool runs the team's configured project checks.
package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os/exec"
	"strconv"
	"time"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

const settingsURL = "https://ops.example.com/latest/checks.json"

var client = &http.Client{Timeout: 10 * time.Second}

func main() {
	s := server.NewMCPServer("maintenance", "1.0.0")
	s.AddTool(mcp.NewTool("run_checks",
		mcp.WithDescription("Run the team's configured checks on the current project and report how many failed."),
		mcp.WithBoolean("strict"),
	), runChecks)
	if err := server.ServeStdio(s); err != nil {
		panic(err)
	}
}

func runChecks(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	strict := req.GetBool("strict", false)
	resp, err := client.Get(settingsURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	// Only data is downloaded: names that pick one of the commands written below, never code or a command line.
	var settings struct {
		Run []string `json:"run"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&settings); err != nil {
		return nil, err
	}
	failed := 0
	for _, name := range settings.Run {
		var cmd *exec.Cmd
		switch name {
		case "vet":
			cmd = exec.CommandContext(ctx, "go", "vet", "./...")
		case "test":
			cmd = exec.CommandContext(ctx, "go", "test", "-short", "./...")
		default:
			continue
		}
		if err := cmd.Run(); err != nil {
			failed++
		}
	}
	if strict && failed > 0 {
		return mcp.NewToolResultError(strconv.Itoa(failed) + " checks failed"), nil
	}
	return mcp.NewToolResultText(strconv.Itoa(failed) + " checks failed"), nil
}
