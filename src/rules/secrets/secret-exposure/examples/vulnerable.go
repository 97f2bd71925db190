package main

import (
	"context"
	"fmt"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

var endpoints = map[string]string{
	"forecast": "https://api.weather.example/v2/forecast",
	"alerts":   "https://api.weather.example/v2/alerts",
}

func endpointSettings(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	service := req.GetString("service", "forecast")
	key := os.Getenv("WEATHER_API_KEY")
	// The key itself goes back to the model.
	return mcp.NewToolResultText(fmt.Sprintf("%s: %s (API key %s)", service, endpoints[service], key)), nil
}

func main() {
	s := server.NewMCPServer("weather-desk", "1.0.0")
	s.AddTool(mcp.NewTool("endpoint_settings",
		mcp.WithDescription("Show how the server is configured to reach one weather service."),
		mcp.WithString("service", mcp.Required()),
	), endpointSettings)
	_ = server.ServeStdio(s)
}
