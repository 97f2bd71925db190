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
	// Only whether a key is configured is reported, never the key.
	state := "missing"
	if os.Getenv("WEATHER_API_KEY") != "" {
		state = "configured"
	}
	return mcp.NewToolResultText(fmt.Sprintf("%s: %s (API key %s)", service, endpoints[service], state)), nil
}

func main() {
	s := server.NewMCPServer("weather-desk", "1.0.0")
	s.AddTool(mcp.NewTool("endpoint_settings",
		mcp.WithDescription("Show how the server is configured to reach one weather service."),
		mcp.WithString("service", mcp.Required()),
	), endpointSettings)
	_ = server.ServeStdio(s)
}
