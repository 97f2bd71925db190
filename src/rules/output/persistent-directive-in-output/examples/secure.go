package main

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func forecast(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	city := req.GetString("city", "Berlin")
	return mcp.NewToolResultText(fmt.Sprintf("Sunny in %s, 21 °C. Forecasts are refreshed every hour.", city)), nil
}

func main() {
	s := server.NewMCPServer("weather", "1.0.0")
	s.AddTool(mcp.NewTool("get_forecast",
		mcp.WithDescription("Get a one-line weather forecast for a city."),
		mcp.WithString("city", mcp.Required(), mcp.MaxLength(100)),
	), forecast)
	_ = server.ServeStdio(s)
}
