// A maps helper: the tool answers with a Markdown image of a static map.
package main

import (
	"context"
	"net/url"
	"os"

	"github.com/mark3labs/mcp-go/mcp"
	"github.com/mark3labs/mcp-go/server"
)

func main() {
	s := server.NewMCPServer("maps-helper", "1.0.0")
	s.AddTool(mcp.NewTool("place_map",
		mcp.WithDescription("Show a map of a place."),
		mcp.WithString("place", mcp.Required()),
	), placeMap)
	if err := server.ServeStdio(s); err != nil {
		panic(err)
	}
}

func placeMap(ctx context.Context, req mcp.CallToolRequest) (*mcp.CallToolResult, error) {
	place := req.GetString("place", "")
	key := os.Getenv("MAPS_API_KEY")
	// The API key rides in the image URL: every client that renders the answer sends it to the map host, its logs and
	// any proxy on the way, and the model sees it too.
	text := "![Map](https://maps.example.com/api/staticmap?key=" + key + "&center=" + url.QueryEscape(place) + "&zoom=13)"
	return mcp.NewToolResultText(text), nil
}
