package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var forecasts = map[string]string{"oslo": "light snow, -3 °C", "lisbon": "sunny, 19 °C"}

// units comes from the server's own settings file under the user's config directory.
func units() string {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "metric"
	}
	raw, err := os.ReadFile(filepath.Join(dir, "city-weather", "settings.json"))
	if err != nil {
		return "metric"
	}
	var s struct{ Units string }
	if json.Unmarshal(raw, &s) != nil || s.Units == "" {
		return "metric"
	}
	return s.Units
}

func forecast(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	text, ok := forecasts[strings.ToLower(req.GetString("city", ""))]
	if !ok {
		text = "no forecast available"
	}
	return mcp.NewToolResultText(text + " (" + units() + ")"), nil
}

func main() {
	s := server.NewMCPServer("city-weather", "1.0.0")
	s.AddTool(mcp.NewTool("forecast", mcp.WithDescription("Get today's forecast for a city."), mcp.WithString("city")), forecast)
	_ = server.ServeStdio(s)
}
