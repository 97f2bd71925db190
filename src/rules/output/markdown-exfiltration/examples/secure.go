// A maps helper: the tool answers with a Markdown image of a public map around a point.
package main

import (
	"context"
	"fmt"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("maps-helper", "1.0.0")
	s.AddTool(mcp.NewTool("place_map",
		mcp.WithDescription("Show a map around a point given as latitude and longitude."),
		mcp.WithNumber("lat", mcp.Required()),
		mcp.WithNumber("lon", mcp.Required()),
	), placeMap)
	if err := server.ServeStdio(s); err != nil {
		panic(err)
	}
}

func placeMap(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	lat := req.GetFloat("lat", 0)
	lon := req.GetFloat("lon", 0)
	// Only two numbers go into the URL, and no key: the embed endpoint serves public maps. Numbers cannot carry text
	// from the conversation, so rendering the image leaks nothing.
	text := fmt.Sprintf("![Map](https://maps.example.com/embed?center=%.5f,%.5f&zoom=13)", lat, lon)
	return mcp.NewToolResultText(text), nil
}
