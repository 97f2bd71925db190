package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
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
	return mcp.NewToolResultText("<untrusted-note>\n" + string(b) + "\n</untrusted-note>"), nil
}

// temperature puts the city only into the path of a fixed API host: nobody but the weather service sees it.
func temperature(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	city := req.GetString("city", "")
	res, err := client.Get("https://api.weather.example/v1/current/" + url.PathEscape(city))
	if err != nil {
		return mcp.NewToolResultError("weather service unavailable"), nil
	}
	defer res.Body.Close()
	var data struct {
		TemperatureC float64 `json:"temperature_c"`
	}
	if err := json.NewDecoder(res.Body).Decode(&data); err != nil {
		return mcp.NewToolResultError("bad response"), nil
	}
	return mcp.NewToolResultText(fmt.Sprintf("%.1f °C", data.TemperatureC)), nil
}

func main() {
	s := server.NewMCPServer("team-notes", "1.0.0")
	s.AddTool(mcp.NewTool("note_text", mcp.WithDescription("Text of one of the team's private notes."), mcp.WithString("name", mcp.Required())), noteText)
	s.AddTool(mcp.NewTool("temperature", mcp.WithDescription("Current temperature in a city."), mcp.WithString("city", mcp.Required())), temperature)
	_ = server.ServeStdio(s)
}
